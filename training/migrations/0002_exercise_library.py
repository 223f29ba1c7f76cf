"""Load the exercise library (upsert by slug, so re-running it after additions is safe)."""

from django.db import migrations


def load_library(apps, schema_editor):
    from training.library import LIBRARY

    Exercise = apps.get_model("training", "Exercise")
    for item in LIBRARY:
        Exercise.objects.update_or_create(
            slug=item.slug,
            defaults={
                "name": item.name,
                "pattern": item.pattern,
                "category": item.category,
                "lower_body": item.lower_body,
                "unilateral": item.unilateral,
                "equipment": list(item.equipment),
                "owner": None,
            },
        )


def unload_library(apps, schema_editor):
    from training.library import LIBRARY

    Exercise = apps.get_model("training", "Exercise")
    Exercise.objects.filter(slug__in=[item.slug for item in LIBRARY], owner=None).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load_library, unload_library)]
