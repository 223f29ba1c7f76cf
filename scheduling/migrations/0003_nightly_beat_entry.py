"""The nightly re-check in django-celery-beat's schedule: an hourly tick (the tick picks the
athletes for whom it is night), visible and editable in the admin."""

from django.db import migrations

TASK_NAME = "Nightly re-check (hourly tick)"


def add_entry(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="*", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={"task": "scheduling.tasks.nightly_tick", "crontab": schedule,
                  "enabled": True,
                  "description": "Every hour: re-check the athletes for whom it is now "
                                 "02:00-03:00 local time and who were not checked tonight."},
    )


def remove_entry(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0002_nightly_digests_webhooks"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
