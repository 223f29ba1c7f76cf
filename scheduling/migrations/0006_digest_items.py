"""Digests keep the findings they carried (what a coach has been told). Before this, a
finding's ``notified_at`` stood for everyone: the findings told that way lately (as far back
as a coach's digest looks, and a day more: it counts from the night's midnight) are entered as
carried by each of the athlete's coaches' latest digest, so nobody is told again."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

LATELY = dt.timedelta(days=8)  # scheduling.services.notify.NEW_FOR and a day, frozen here


def told_before(apps, schema_editor):
    Digest = apps.get_model("scheduling", "Digest")
    Finding = apps.get_model("scheduling", "Finding")
    Membership = apps.get_model("athletes", "Membership")
    Item = Digest.items.through
    since = timezone.now() - LATELY
    latest: dict[int, int] = {}  # coach id -> their latest digest
    for digest_id, user_id in Digest.objects.filter(night__gte=since.date()).order_by(
            "night", "id").values_list("id", "user_id"):
        latest[user_id] = digest_id
    coaches: dict[int, list[int]] = {}
    for athlete_id, coach_id in Membership.objects.values_list("athlete_id", "roster__coach_id"):
        coaches.setdefault(athlete_id, []).append(coach_id)
    items = [
        Item(digest_id=latest[coach_id], finding_id=finding_id)
        for finding_id, athlete_id in Finding.objects.filter(
            notified_at__gte=since).values_list("id", "athlete_id")
        for coach_id in coaches.get(athlete_id, ()) if coach_id in latest
    ]
    Item.objects.bulk_create(items, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('athletes', '0004_plate_step_in_pounds'),
        ('scheduling', '0005_date_range'),
    ]

    operations = [
        migrations.AddField(
            model_name='digest',
            name='items',
            field=models.ManyToManyField(blank=True, related_name='digests', to='scheduling.finding'),
        ),
        migrations.RunPython(told_before, migrations.RunPython.noop),
    ]
