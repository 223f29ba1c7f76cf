"""Planned against done on the week page: each judged session shows its verdict as a word
with a mark and a class (never colour alone), and the week shows its compliance."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from athletes.models import AthleteProfile, User
from scheduling.selectors import athlete_today
from scheduling.services import PrescriptionInput, planned_session_create, run_create

HX = {"HTTP_HX_REQUEST": "true"}


def _last_monday(athlete: AthleteProfile) -> dt.date:
    today = athlete_today(athlete=athlete)
    return today - dt.timedelta(days=today.weekday() + 7)


def _week_of_verdicts(athlete: AthleteProfile, coach: User) -> dt.date:
    """Last week: intervals done, an easy run partial, squats missed, one unplanned run."""
    monday = _last_monday(athlete)
    intervals = planned_session_create(actor=coach, athlete=athlete, date=monday, kind="run",
                                       run_type="intervals", duration_min=60)
    planned_session_create(actor=coach, athlete=athlete, date=monday + dt.timedelta(days=1),
                           kind="run", run_type="easy", duration_min=40)
    planned_session_create(actor=coach, athlete=athlete, date=monday + dt.timedelta(days=2),
                           kind="strength", title="Squats",
                           prescription=[PrescriptionInput("back-squat", sets=4, reps_min=5)])
    user = athlete.user
    run_create(actor=user, athlete=athlete, date=monday, run_type="intervals",
               duration_s=60 * 60, planned_session=intervals)
    run_create(actor=user, athlete=athlete, date=monday + dt.timedelta(days=1),
               run_type="easy", duration_s=25 * 60)
    run_create(actor=user, athlete=athlete, date=monday + dt.timedelta(days=4),
               run_type="easy", distance_m=6000)
    return monday


def _statuses(html: str) -> list[tuple[str, str]]:
    """(class, visible words) of each compliance badge, marks dropped."""
    found = re.findall(r'class="status compliance compliance-(\w+)"><span aria-hidden="true">'
                       r'[^<]*</span> ([^<]+)', html)
    return [(cls, words.strip()) for cls, words in found]


@pytest.mark.parametrize("persona", ["athlete", "coach"])
def test_each_judged_session_shows_a_word_and_a_class(persona: str, athlete: AthleteProfile,
                                                      coach: User, client) -> None:
    monday = _week_of_verdicts(athlete, coach)
    client.force_login(athlete.user if persona == "athlete" else coach)
    html = client.get(reverse("portal:athlete_week", args=[athlete.pk]),
                      {"week": monday.isoformat()}).content.decode()
    badges = _statuses(html)
    # The intervals (plan and its log on one card), the easy plan and the run fulfilling
    # it by date (two cards, one verdict), the missed squats, the unplanned run.
    assert sorted(badges) == sorted([
        ("done", "Done"), ("partial", "Partial"), ("partial", "Partial"),
        ("missed", "Missed"), ("unplanned", "Unplanned")])
    assert "63 % of the planned duration" in html  # 25 of 40 min (62.5 %)
    assert ('Planned against done: <strong>33 %</strong> (1 of 3 past planned sessions done)'
            ' · key runs <strong>100 %</strong> (1 of 1)') in html


def test_the_board_fragment_carries_the_verdicts_too(athlete: AthleteProfile, coach: User,
                                                     client) -> None:
    monday = _week_of_verdicts(athlete, coach)
    client.force_login(coach)
    html = client.get(reverse("portal:athlete_week", args=[athlete.pk]),
                      {"week": monday.isoformat()}, HTTP_HX_TARGET="week-board",
                      **HX).content.decode()
    assert ("missed", "Missed") in _statuses(html)


def test_a_week_with_nothing_past_says_so(athlete: AthleteProfile, coach: User,
                                          client) -> None:
    client.force_login(athlete.user)
    html = client.get(reverse("portal:athlete_week", args=[athlete.pk]),
                      {"week": (athlete_today(athlete=athlete)
                                + dt.timedelta(days=14)).isoformat()}).content.decode()
    assert "Planned against done: <span class=\"muted\">nothing planned before today</span>" \
        in html
    assert _statuses(html) == []


def test_another_rosters_week_is_a_404(athlete: AthleteProfile, other_coach: User,
                                       coach: User, client) -> None:
    _week_of_verdicts(athlete, coach)
    client.force_login(other_coach)
    response = client.get(reverse("portal:athlete_week", args=[athlete.pk]))
    assert response.status_code == 404


def _missed_yesterday(athlete: AthleteProfile, coach: User):  # type: ignore[no-untyped-def]
    """A strength session planned yesterday that nothing fulfils, and the check's finding."""
    from scheduling.models import Finding
    from scheduling.services import athlete_check

    yesterday = athlete_today(athlete=athlete) - dt.timedelta(days=1)
    plan = planned_session_create(
        actor=coach, athlete=athlete, date=yesterday, kind="strength", title="Squats",
        prescription=[PrescriptionInput("back-squat", sets=3, reps_min=8, load_kg=60)])
    athlete_check(athlete_id=athlete.pk)
    return plan, Finding.objects.get(athlete=athlete, rule="MISSED_SESSION")


def test_a_missed_session_is_let_go_in_one_click(athlete: AthleteProfile, coach: User,
                                                 client) -> None:
    plan, finding = _missed_yesterday(athlete, coach)
    client.force_login(coach)
    week = {"week": plan.date.isoformat()}
    html = client.get(reverse("portal:athlete_week", args=[athlete.pk]), week).content.decode()
    assert f'id="finding-{finding.pk}"' in html and "Let it go</button>" in html
    response = client.post(reverse("portal:finding_ack", args=[finding.pk]), week, **HX)
    html = response.content.decode()
    assert "Let go: it stays missed, and the rest of the plan stands." in html
    finding.refresh_from_db()
    assert finding.status == "acknowledged"
    assert f'id="finding-{finding.pk}"' not in html  # off the board
    assert ("missed", "Missed") in _statuses(html)  # the session itself stays missed


def test_a_missed_strength_session_is_made_up_in_the_rest_of_its_week(
        athlete: AthleteProfile, coach: User, client, monkeypatch) -> None:
    # A Wednesday morning (whatever day the suite runs): Tuesday's session is missed and
    # Wednesday to Sunday remain.
    from django.utils import timezone

    wednesday = dt.datetime(2027, 3, 3, 6, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: wednesday)
    plan, finding = _missed_yesterday(athlete, coach)
    assert plan.date.weekday() == 1
    assert finding.move is not None
    client.force_login(athlete.user)
    html = client.get(reverse("portal:athlete_week", args=[athlete.pk]),
                      {"week": plan.date.isoformat()}).content.decode()
    assert "Make it up</button>" in html
    client.post(reverse("portal:finding_apply", args=[finding.pk]),
                {"week": plan.date.isoformat()}, **HX)
    plan.refresh_from_db()
    assert dt.date(2027, 3, 3) <= plan.date <= dt.date(2027, 3, 7)
    finding.refresh_from_db()
    assert finding.status == "resolved"
