"""The outbox sweep in django-celery-beat's schedule: every minute, publish again the tasks a
broker outage kept from the workers. A sweep not started within the minute expires (the next
one does its work), so busy workers never find a pile of them."""

from django.db import migrations

TASK_NAME = "Outbox sweep (every minute)"


def add_entry(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={"task": "scheduling.tasks.outbox_sweep_task", "interval": schedule,
                  "enabled": True, "expire_seconds": 60,
                  "description": "Every minute: publish the re-checks and other tasks that "
                                 "a write recorded while the broker was down."},
    )


def remove_entry(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0007_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_entry, remove_entry)]
