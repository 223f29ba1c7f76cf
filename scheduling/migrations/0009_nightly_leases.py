"""Chunks record their last attempt (the tick re-drives those that stopped) and runs when
their digests all went out (a re-driven run sends the rest). Runs finished before this sent
their digests with the chunk that closed them."""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def digests_sent_with_the_run(apps, schema_editor):
    CheckRun = apps.get_model("scheduling", "CheckRun")
    CheckRun.objects.filter(finished_at__isnull=False).update(digests_sent_at=F("finished_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("scheduling", "0008_outbox_sweep_beat_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkchunk",
            name="attempted_at",
            field=models.DateTimeField(default=timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="checkrun",
            name="digests_sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(digests_sent_with_the_run, migrations.RunPython.noop),
    ]
