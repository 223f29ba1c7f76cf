"""What the portal's pages do, persona by persona."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.units import load_from_display, load_to_display
from scheduling.models import Finding, FindingStatus, PlannedSession
from scheduling.services import athlete_profile_update
from tests.portal.conftest import World, week_url
from training.models import Run, StrengthSession, StrengthSet

HX = {"HTTP_HX_REQUEST": "true"}


def test_home_sends_each_persona_to_their_page(world: World, client, coach) -> None:
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    client.force_login(world.athlete.user)
    assert client.get("/")["Location"] == week_url(world)
    client.force_login(coach)
    assert client.get("/")["Location"] == reverse("portal:dashboard")


def test_the_week_shows_sessions_in_their_days_with_the_finding(world: World, client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    assert "Heavy lower" in html and "6 x 800 m" in html
    assert "Back squat 4 \u00d7 4 @ 100 kg · RIR 2" in html
    # Severity is a word beside the icon, not a colour only.
    assert re.search(r'sev-badge sev-error"><span aria-hidden="true">.</span> Error', html)
    assert world.finding.explanation in html and world.finding.suggestion in html
    assert html.index("Heavy lower") < html.index("6 x 800 m")  # Tuesday before Wednesday


def test_the_week_moves_with_previous_and_next(world: World, client) -> None:
    client.force_login(world.athlete.user)
    monday = world.today - dt.timedelta(days=world.today.weekday())
    nxt = client.get(week_url(world), {"week": (monday + dt.timedelta(days=7)).isoformat()})
    assert "Heavy lower" not in nxt.content.decode()
    iso = client.get(week_url(world), {"week": f"{monday.isocalendar()[0]}-W"
                                                f"{monday.isocalendar()[1]:02d}"})
    assert "Heavy lower" in iso.content.decode()


def test_my_week_redirects_to_the_athletes_own_week(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.get("/week/?week=2026-W20")
    assert response["Location"] == week_url(world) + "?week=2026-W20"


def test_applying_a_suggestion_moves_the_session_and_updates_the_board_in_place(
        world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:finding_apply", args=[world.finding.pk])
    response = client.post(url, {"week": world.planned.date.isoformat()},
                           HTTP_HX_TARGET="week-board", **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="week-board"')  # a fragment, not a page
    world.planned.refresh_from_db()
    assert (world.planned.date, world.planned.start_time) == (
        world.today + dt.timedelta(days=1), dt.time(18, 0))
    assert "Moved" in html
    # The real engine re-checked the athlete: the hand-made finding is gone from the board.
    assert f'id="finding-{world.finding.pk}"' not in html


def test_acknowledging_from_the_findings_page_swaps_the_row(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:finding_ack", args=[world.finding.pk]),
                           {"from": "findings"}, **HX)
    assert response.content.decode().lstrip().startswith("<li")
    world.finding.refresh_from_db()
    assert world.finding.status == FindingStatus.ACKNOWLEDGED
    assert world.finding.acknowledged_by == world.athlete.user


def test_the_coach_plans_a_strength_session_with_a_prescription(
        world: World, client, coach) -> None:
    client.force_login(coach)
    day = world.today + dt.timedelta(days=3)
    response = client.post(reverse("portal:planned_new", args=[world.athlete.pk]), {
        "kind": "strength", "title": "Pulls", "date": day.isoformat(), "start_time": "17:00",
        "rx-TOTAL_FORMS": "2", "rx-INITIAL_FORMS": "0",
        "rx-0-exercise": "deadlift", "rx-0-sets": "3", "rx-0-reps_min": "3",
        "rx-0-reps_max": "5", "rx-0-pct_e1rm": "85", "rx-0-rir": "2",
    })
    assert response.status_code == 302
    session = PlannedSession.objects.get(title="Pulls")
    assert session.created_by == coach
    line = session.prescription.get()
    assert (line.exercise.slug, line.sets, line.reps_min, line.reps_max) == ("deadlift", 3, 3, 5)
    assert line.pct_e1rm == Decimal("85")


def test_a_domain_error_lands_on_the_prescription_line_it_names(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:planned_new", args=[world.athlete.pk]), {
        "kind": "strength", "date": world.today.isoformat(),
        "rx-TOTAL_FORMS": "1", "rx-INITIAL_FORMS": "0",
        "rx-0-exercise": "back-squat", "rx-0-sets": "3", "rx-0-reps_min": "6",
        "rx-0-reps_max": "4",
    })
    assert response.status_code == 200
    assert "Top of the rep range is below the bottom." in response.content.decode()
    assert response.context["formset"].forms[0].errors


def test_the_plan_form_says_every_problem_at_once(world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:planned_new", args=[world.athlete.pk])
    response = client.post(url, {"kind": "run", "date": "not a date",
                                 "rx-TOTAL_FORMS": "0", "rx-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"date", "run_type"}
    assert "A run needs a run type." in form.errors["run_type"]
    assert "Please fix the 2 fields marked below." in response.content.decode()


def test_a_run_is_saved_whatever_half_filled_strength_lines_the_form_kept(
        world: World, client) -> None:
    client.force_login(world.athlete.user)
    day = world.today + dt.timedelta(days=4)
    response = client.post(reverse("portal:planned_new", args=[world.athlete.pk]), {
        "kind": "run", "run_type": "easy", "date": day.isoformat(), "title": "Shakeout",
        "rx-TOTAL_FORMS": "1", "rx-INITIAL_FORMS": "0", "rx-0-exercise": "back-squat"})
    assert response.status_code == 302
    run = PlannedSession.objects.get(title="Shakeout")
    assert run.kind == "run" and not run.prescription.exists()


def test_moving_and_deleting_a_planned_session(world: World, client) -> None:
    client.force_login(world.athlete.user)
    new_day = world.planned.date + dt.timedelta(days=2)
    response = client.post(reverse("portal:planned_move", args=[world.planned.pk]),
                           {"date": new_day.isoformat(), "start_time": "17:30"}, **HX)
    assert response.status_code == 200
    world.planned.refresh_from_db()
    assert world.planned.date == new_day
    client.post(reverse("portal:planned_delete", args=[world.planned_run.pk]))
    assert not PlannedSession.objects.filter(pk=world.planned_run.pk).exists()


def test_logging_starts_from_the_plan_with_the_targets_prefilled(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:strength_new", args=[world.athlete.pk]),
                           {"planned": world.planned.pk})
    session = StrengthSession.objects.get(planned=world.planned)
    assert response["Location"] == reverse("portal:strength_log", args=[session.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Target 4 \u00d7 4 @ 100 kg · RIR 2" in html
    block = page.context["blocks"][0]
    assert block.form.initial["reps"] == 4 and block.form.initial["load"] == Decimal("100")


def test_log_it_on_a_later_session_asks_before_logging_anything(world: World, client) -> None:
    """Log it on a session planned days ahead opens its start form (today's date, open to
    change); nothing is logged until the athlete starts it."""
    from scheduling.services import planned_session_create

    later = planned_session_create(
        actor=world.athlete.user, athlete=world.athlete, kind="strength",
        date=world.today + dt.timedelta(days=3), title="Strength B")
    client.force_login(world.athlete.user)
    url = reverse("portal:strength_new", args=[world.athlete.pk])
    week = client.get(week_url(world), {"week": later.date.isoformat()}).content.decode()
    assert f'href="{url}?planned={later.pk}"' in week
    page = client.get(url, {"planned": later.pk})
    assert page.status_code == 200
    assert page.context["form"].initial["date"] == world.today
    assert page.context["form"].initial["title"] == "Strength B"
    assert not StrengthSession.objects.filter(planned=later).exists()
    day = world.today - dt.timedelta(days=1)
    response = client.post(url, {"planned": later.pk, "title": "Strength B (early)",
                                 "date": day.isoformat(), "start_time": "07:30"})
    session = StrengthSession.objects.get(planned=later)
    assert response["Location"] == reverse("portal:strength_log", args=[session.pk])
    assert (session.date, session.title, session.start_time) == (
        day, "Strength B (early)", dt.time(7, 30))
    # Started already: the form sends the athlete to its log, nothing doubles.
    assert client.get(url, {"planned": later.pk})["Location"] == response["Location"]


def test_the_start_form_refuses_a_run_or_another_athletes_plan(world: World, client,
                                                               other_athlete) -> None:
    from scheduling.services import planned_session_create

    theirs = planned_session_create(actor=other_athlete.user, athlete=other_athlete,
                                    kind="strength", date=world.today, title="Theirs")
    client.force_login(world.athlete.user)
    url = reverse("portal:strength_new", args=[world.athlete.pk])
    assert client.get(url, {"planned": world.planned_run.pk}).status_code == 404
    assert client.get(url, {"planned": theirs.pk}).status_code == 404
    assert client.post(url, {"planned": theirs.pk, "date": world.today.isoformat()}
                       ).status_code == 404
    assert not StrengthSession.objects.filter(planned=theirs).exists()


def test_after_a_warm_up_the_next_set_offers_the_target(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.post(reverse("portal:strength_new", args=[world.athlete.pk]),
                           {"planned": world.planned.pk})
    session = StrengthSession.objects.get(planned=world.planned)
    url = reverse("portal:set_add", args=[session.pk])
    client.post(url, {"prefix": "b0", "b0-exercise": "back-squat", "b0-reps": "5",
                      "b0-load": "60", "b0-is_warmup": "on"}, **HX)
    block = client.get(response["Location"]).context["blocks"][0]
    assert block.form.initial["load"] == Decimal("100")  # the 4 x 4 @ 100 kg, not 60
    assert block.form.initial["reps"] == 4 and not block.form.initial.get("is_warmup")
    client.post(url, {"prefix": "b0", "b0-exercise": "back-squat", "b0-reps": "4",
                      "b0-load": "95", "b0-rir": "2"}, **HX)
    client.post(url, {"prefix": "b0", "b0-exercise": "back-squat", "b0-reps": "3",
                      "b0-load": "50", "b0-is_warmup": "on"}, **HX)
    block = client.get(response["Location"]).context["blocks"][0]
    assert block.form.initial["load"] == Decimal("95")  # the last working set, not 50


def test_each_set_is_saved_by_its_own_post_and_a_pr_shows(world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:set_add", args=[world.strength.pk])
    response = client.post(url, {"prefix": "b0", "b0-exercise": "back-squat", "b0-reps": "5",
                                 "b0-load": "100", "b0-rir": "1"}, **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="log-blocks"')
    assert "PR: best e1RM, heaviest" in html
    assert world.strength.sets.count() == 2
    # A reload shows the same sets (saved, not kept in the page).
    assert "PR: best e1RM, heaviest" in client.get(
        reverse("portal:strength_log", args=[world.strength.pk])).content.decode()


def test_a_warm_up_set_is_never_a_pr(world: World, client) -> None:
    client.force_login(world.athlete.user)
    client.post(reverse("portal:set_add", args=[world.strength.pk]),
                {"prefix": "new", "new-exercise": "back-squat", "new-reps": "5",
                 "new-load": "120", "new-is_warmup": "on"}, **HX)
    row = world.strength.sets.order_by("-order").first()
    assert row.is_warmup
    html = client.get(reverse("portal:strength_log", args=[world.strength.pk])).content.decode()
    assert "PR:" not in html


def test_an_imperial_athlete_logs_in_pounds_stored_as_kilograms(world: World, client) -> None:
    athlete_profile_update(athlete=world.athlete, units="imperial")
    client.force_login(world.athlete.user)
    client.post(reverse("portal:set_add", args=[world.strength.pk]),
                {"prefix": "new", "new-exercise": "back-squat", "new-reps": "5",
                 "new-load": "225"}, **HX)
    row = world.strength.sets.order_by("-order").first()
    assert row.load_kg == Decimal("102.06")  # 225 x 0.45359237
    html = client.get(reverse("portal:strength_log", args=[world.strength.pk])).content.decode()
    assert "225 lb" in html and "Load (lb)" in html


def test_units_convert_both_ways() -> None:
    assert load_from_display(Decimal("100"), "imperial") == Decimal("45.36")
    assert load_to_display(Decimal("45.36"), "imperial") == Decimal("100")
    assert str(load_to_display(Decimal("100.00"), "metric")) == "100"
    assert str(load_to_display(Decimal("102.50"), "metric")) == "102.5"


def test_a_set_is_edited_and_deleted_after_the_fact(world: World, client) -> None:
    client.force_login(world.athlete.user)
    row = world.set_row
    fragment = client.get(reverse("portal:set_edit", args=[row.pk]), **HX)
    assert fragment.content.decode().lstrip().startswith("<li")
    client.post(reverse("portal:set_edit", args=[row.pk]),
                {f"s{row.pk}-exercise": "back-squat", f"s{row.pk}-reps": "3",
                 f"s{row.pk}-load": "95"}, **HX)
    row.refresh_from_db()
    assert (row.reps, row.load_kg) == (3, Decimal("95.00"))
    client.post(reverse("portal:set_delete", args=[row.pk]), **HX)
    assert not StrengthSet.objects.filter(pk=row.pk).exists()


def test_a_run_is_logged_from_the_plan_and_edited(world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = reverse("portal:run_new", args=[world.athlete.pk])
    form = client.get(url, {"planned": world.planned_run.pk}).context["form"]
    assert form.initial["run_type"] == "intervals" and form.initial["distance"] == 10
    client.post(url, {"planned": world.planned_run.pk, "run_type": "intervals",
                      "date": world.today.isoformat(), "distance": "10.2",
                      "duration": "52:30", "rpe": "8"})
    run = Run.objects.get(planned=world.planned_run)
    assert (run.distance_m, run.duration_s) == (10200, 3150)
    client.post(reverse("portal:run_edit", args=[run.pk]),
                {"run_type": "intervals", "date": run.date.isoformat(), "distance": "10.4",
                 "duration": "1:00:05"})
    run.refresh_from_db()
    assert (run.distance_m, run.duration_s) == (10400, 3605)


def test_progress_shows_the_chart_data_prs_and_targets(world: World, client) -> None:
    client.force_login(world.athlete.user)
    response = client.get(reverse("portal:progress", args=[world.athlete.pk]))
    assert response.context["chosen"] == "back-squat"
    assert response.context["chart"]["e1rm"] == [105.0]  # 90 x (1 + 5/30)
    assert 'id="progress-data"' in response.content.decode()


def test_a_finding_on_another_roster_cannot_be_applied(world: World, client, other_coach) -> None:
    client.force_login(other_coach)
    assert client.post(reverse("portal:finding_apply", args=[world.finding.pk])).status_code \
        == 404
    assert Finding.objects.get(pk=world.finding.pk).status == FindingStatus.OPEN


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/",
                                  "/accounts/password/reset/"])
def test_the_account_pages_wear_the_product_look_with_labels(client, path) -> None:
    html = client.get(path).content.decode()
    assert "Apex Zone" in html and "<main" in html and "<header" in html
    ids = re.findall(r'<input[^>]*type="(?:email|password|text)"[^>]*id="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html
