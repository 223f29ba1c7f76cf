"""Holds typed as reps move to seconds (docs/rules.md, "Holds"): a plank prescribed as
3 x 45 "reps" becomes 3 x 45 s (``hold_s`` 45, no reps), and a plank logged as 45 reps
becomes one hold of 45 s. Which exercises are holds: ``training.library.is_hold`` as it
stood when this was written (copied here, as migrations must not follow later code)."""

import re

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Least

HOLDS = frozenset({"plank", "side-plank"})
HOLD_WORDS = re.compile(r"\b(plank|wall sit|dead hang|l sit|hollow|hold|isometric|iso)\b")
MAX_HOLD_S = 3600


def _hold_ids(apps):
    Exercise = apps.get_model("training", "Exercise")
    return [pk for pk, slug, name in Exercise.objects.values_list("pk", "slug", "name")
            if slug in HOLDS or HOLD_WORDS.search(
                f"{slug} {name}".lower().replace("-", " ").replace("_", " "))]


def holds_to_seconds(apps, schema_editor):
    Prescription = apps.get_model("scheduling", "Prescription")
    StrengthSet = apps.get_model("training", "StrengthSet")
    holds = _hold_ids(apps)
    lines = Prescription.objects.filter(exercise_id__in=holds, hold_s__isnull=True)
    # The seconds were typed as reps: the top of the range is the hold asked for.
    lines.update(hold_s=Least(F("reps_max"), MAX_HOLD_S), reps_min=None, reps_max=None)
    StrengthSet.objects.filter(exercise_id__in=holds, hold_s__isnull=True).update(
        hold_s=F("reps"), reps=1)


def seconds_to_reps(apps, schema_editor):
    """Back: a hold line gets its seconds as reps again (the old schema has no hold_s)."""
    Prescription = apps.get_model("scheduling", "Prescription")
    Prescription.objects.filter(hold_s__isnull=False).update(
        reps_min=F("hold_s"), reps_max=F("hold_s"), hold_s=None)


class Migration(migrations.Migration):

    dependencies = [
        ("scheduling", "0012_prescription_hold_s"),
        ("training", "0004_check_in"),
    ]

    operations = [
        migrations.RunPython(holds_to_seconds, seconds_to_reps),
    ]
