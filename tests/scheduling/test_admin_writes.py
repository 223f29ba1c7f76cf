"""The coach admin changes plans, logs and findings only through the services: a delete
re-checks the athlete (its findings follow), findings are acknowledged and nothing else."""

import datetime as dt

import pytest
from django.utils import timezone

from scheduling.models import Finding, PlannedSession
from scheduling.services import planned_session_create
from tests.scheduling.test_admin import PASSWORD, _change_form
from tests.scheduling.test_wiring import intervals, open_rules, squat

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 30)


@pytest.fixture
def coach_client(client, coach):
    client.login(username=coach.email, password=PASSWORD)
    return client


def _finding(athlete, fingerprint="f") -> Finding:
    now = timezone.now()
    return Finding.objects.create(
        athlete=athlete, rule="R", severity="warning", fingerprint=fingerprint, first_date=DAY,
        last_date=DAY, title="t", explanation="e", first_seen=now, last_seen=now)


@pytest.fixture
def conflict(athlete, django_capture_on_commit_callbacks):
    """A heavy squat the evening before intervals, flagged by the check each save queues."""
    today = timezone.localdate(timezone=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(**intervals(athlete, today + dt.timedelta(days=3)))
        lift = planned_session_create(**squat(athlete, today + dt.timedelta(days=2)))
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)
    return lift


@pytest.mark.parametrize("how", ["delete_view", "delete_selected"])
def test_a_planned_session_deleted_in_the_admin_resolves_its_finding(
    coach_client, athlete, conflict, how, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if how == "delete_view":
            response = coach_client.post(
                f"/admin/scheduling/plannedsession/{conflict.pk}/delete/", {"post": "yes"})
        else:
            response = coach_client.post("/admin/scheduling/plannedsession/", {
                "action": "delete_selected", "_selected_action": [conflict.pk], "post": "yes"})
    assert response.status_code == 302
    assert not PlannedSession.objects.filter(pk=conflict.pk).exists()
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)
    assert Finding.objects.get(athlete=athlete, rule="HEAVY_BEFORE_KEY_RUN").status == "resolved"


def test_a_planned_session_moved_in_the_admin_resolves_its_finding(
    coach_client, athlete, conflict, django_capture_on_commit_callbacks
):
    url = f"/admin/scheduling/plannedsession/{conflict.pk}/change/"
    data = _change_form(coach_client, url, date=(conflict.date + dt.timedelta(days=5)))
    for i, line in enumerate(conflict.prescription.all()):
        data |= {f"prescription-{i}-{k}": v for k, v in {
            "id": line.pk, "session": conflict.pk, "exercise": line.exercise_id,
            "order": line.order, "sets": line.sets, "reps_min": line.reps_min,
            "reps_max": line.reps_max, "load_kg": line.load_kg, "rir": line.rir}.items()}
    with django_capture_on_commit_callbacks(execute=True):
        assert coach_client.post(url, data).status_code == 302
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)


# --- findings: read, and acknowledged -----------------------------------------------------

def test_a_finding_is_acknowledged_in_the_admin_by_the_action(coach_client, coach, athlete,
                                                              other_athlete):
    mine, theirs = _finding(athlete), _finding(other_athlete)
    response = coach_client.post("/admin/scheduling/finding/", {
        "action": "acknowledge", "_selected_action": [mine.pk, theirs.pk]})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, mine.acknowledged_by) == ("acknowledged", coach)
    assert mine.acknowledged_at is not None
    assert theirs.status == "open"  # another roster's, smuggled in: not in the coach's list


def test_a_resolved_finding_is_left_resolved_by_the_action(coach_client, athlete):
    resolved = _finding(athlete)
    Finding.objects.filter(pk=resolved.pk).update(status="resolved", resolved_at=timezone.now())
    response = coach_client.post("/admin/scheduling/finding/", {
        "action": "acknowledge", "_selected_action": [resolved.pk]}, follow=True)
    assert response.status_code == 200
    assert "resolved finding(s) left as they are" in response.content.decode()
    resolved.refresh_from_db()
    assert (resolved.status, resolved.acknowledged_by) == ("resolved", None)


@pytest.mark.parametrize("changes", [
    {"status": "resolved"}, {"notified_at_0": "2026-11-30", "notified_at_1": "12:00:00"},
    {"status": "acknowledged"},
])
def test_a_finding_is_not_changed_by_its_form(coach_client, athlete, changes):
    finding = _finding(athlete)
    url = f"/admin/scheduling/finding/{finding.pk}/change/"
    assert coach_client.get(url).status_code == 200  # shown, read-only
    response = coach_client.post(url, {"status": "open", **changes})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert (finding.status, finding.notified_at, finding.resolved_at) == ("open", None, None)


def test_a_finding_is_neither_added_nor_deleted_in_the_admin(coach_client, athlete):
    finding = _finding(athlete)
    assert coach_client.get("/admin/scheduling/finding/add/").status_code == 403
    assert coach_client.post(f"/admin/scheduling/finding/{finding.pk}/delete/",
                             {"post": "yes"}).status_code == 403
    coach_client.post("/admin/scheduling/finding/", {
        "action": "delete_selected", "_selected_action": [finding.pk], "post": "yes"})
    assert Finding.objects.filter(pk=finding.pk).exists()


# --- a coach's own exercises ----------------------------------------------------------------

def _exercise_form(**changes) -> dict:
    return {"name": "Box step-up", "pattern": "upper", "category": "main", "equipment": [],
            **changes}


def test_an_exercise_added_in_the_admin_is_made_by_the_exercise_service(coach_client, coach):
    from training.models import Exercise

    response = coach_client.post("/admin/training/exercise/add/",
                                 _exercise_form(slug="back-squat-2", lower_body="on"))
    assert response.status_code == 302
    made = Exercise.objects.get(name="Box step-up")
    assert (made.slug, made.owner, made.lower_body) == (f"box-step-up-c{coach.pk}", coach, True)


def test_an_exercise_changed_in_the_admin_rechecks_the_athletes_who_plan_it(
    coach_client, coach, athlete, django_capture_on_commit_callbacks
):
    from scheduling.services import PrescriptionInput
    from training.services import exercise_create

    mine = exercise_create(coach=coach, name="Box step-up", pattern="upper", category="main")
    today = timezone.localdate(timezone=dt.UTC)
    lift = squat(athlete, today + dt.timedelta(days=2))
    lift["prescription"] = [PrescriptionInput(mine.slug, 4, 4, 4, load_kg=120, rir=2)]
    with django_capture_on_commit_callbacks(execute=True):
        planned_session_create(**intervals(athlete, today + dt.timedelta(days=3)))
        planned_session_create(**lift)
    assert "HEAVY_BEFORE_KEY_RUN" not in open_rules(athlete)  # an upper-body day
    url = f"/admin/training/exercise/{mine.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = coach_client.post(url, _exercise_form(pattern="squat", lower_body="on"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.pattern, mine.lower_body, mine.slug) == ("squat", True, f"box-step-up-c{coach.pk}")
    assert "HEAVY_BEFORE_KEY_RUN" in open_rules(athlete)


def test_an_exercise_in_a_plan_is_not_deleted_in_the_admin(coach_client, coach, athlete):
    from scheduling.services import PrescriptionInput
    from training.models import Exercise
    from training.services import exercise_create

    mine = exercise_create(coach=coach, name="Box step-up", pattern="upper", category="main")
    planned_session_create(actor=coach, athlete=athlete, kind="strength", date=DAY,
                           prescription=[PrescriptionInput(mine.slug)])
    unused = exercise_create(coach=coach, name="Dip", pattern="upper", category="accessory")
    coach_client.post("/admin/training/exercise/", {
        "action": "delete_selected", "_selected_action": [mine.pk, unused.pk], "post": "yes"})
    assert Exercise.objects.filter(pk=mine.pk).exists()
    assert coach_client.post(f"/admin/training/exercise/{unused.pk}/delete/",
                             {"post": "yes"}).status_code == 302
    assert not Exercise.objects.filter(pk=unused.pk).exists()
