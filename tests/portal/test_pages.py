"""What the portal's pages do, persona by persona."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from athletes.models import Membership
from athletes.portal import ZONE_COOKIE, load_from_display, load_to_display
from athletes.services import athlete_profile_update
from scheduling.models import Finding, FindingStatus, PlannedSession
from tests.portal.conftest import World
from training.models import Run, StrengthSession, StrengthSet

HX = {"HTTP_HX_REQUEST": "true"}


def week_url(w: World) -> str:
    return reverse("portal:athlete_week", args=[w.athlete.pk])


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


def test_settings_save_profile_availability_and_digest_opt_out(world: World, client) -> None:
    client.force_login(world.athlete.user)
    data = {"timezone": "America/Chicago", "units": "imperial", "level": "advanced",
            "equipment": "home", "home_items": ["dumbbells", "band"], "plate_step": "1.25",
            "digest_opt_out": "on", "days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "7", "days-MAX_NUM_FORMS": "7"}
    for i in range(7):
        if i in (1, 3):
            data |= {f"days-{i}-available": "on", f"days-{i}-earliest": "06:00",
                     f"days-{i}-latest": "19:00"}
    assert client.post(reverse("portal:settings"), data).status_code == 302
    world.athlete.refresh_from_db()
    assert world.athlete.timezone == "America/Chicago" and world.athlete.digest_opt_out
    assert world.athlete.home_items == ["dumbbells", "band"]
    assert [a.weekday for a in world.athlete.availability.all()] == [1, 3]
    # 1.25 typed along with the switch to imperial: 1.25 lb
    assert world.athlete.plate_step_kg == Decimal("0.57")


def test_a_new_user_accepts_an_invitation_and_lands_on_their_week(world: World, client,
                                                                  stranger) -> None:
    stranger.email = "new@example.com"  # the address the invitation went to
    stranger.save()
    client.force_login(stranger)
    url = reverse("portal:invitation", args=[world.token])
    assert "Join My athletes" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(athlete__user=stranger).exists()
    again = client.post(url)
    assert "already been used" in again.content.decode()


def test_an_unknown_invitation_is_a_404(client, stranger) -> None:
    client.force_login(stranger)
    assert client.get("/invitations/nope/").status_code == 404


def test_the_coach_invites_and_removes_an_athlete(world: World, client, coach, mailoutbox,
                                                  django_capture_on_commit_callbacks) -> None:
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:roster_invite"), {"email": "friend@example.com",
                                                      "roster": coach.rosters.get().pk})
    assert mailoutbox[-1].to == ["friend@example.com"]
    client.post(reverse("portal:athlete_remove", args=[world.athlete.pk]))
    assert not Membership.objects.filter(athlete=world.athlete).exists()
    assert client.get(week_url(world)).status_code == 404


def as_coach_beside_the_athlete(world: World, client, coach) -> None:
    """Log the coach in with the browser's zone the athlete's: the dashboard's week is the
    viewer's, and the world's sessions sit in the athlete's week, whatever the hour in UTC."""
    client.force_login(coach)
    client.cookies[ZONE_COOKIE] = world.athlete.timezone


def test_the_dashboard_lists_flags_last_log_and_done_vs_planned(world: World, client,
                                                                coach) -> None:
    from tests.portal.conftest import make_finding

    def on(finding: Finding, days: int) -> None:
        day = world.today + dt.timedelta(days=days)
        Finding.objects.filter(pk=finding.pk).update(first_date=day, last_date=day)

    on(world.finding, -1)  # gone by: not the next error
    ahead = make_finding(world.athlete, world.planned, key="ahead")
    on(ahead, 3)
    later = make_finding(world.athlete, world.planned, key="later")
    on(later, 9)
    as_coach_beside_the_athlete(world, client, coach)
    response = client.get(reverse("portal:dashboard"))
    row = response.context["rows"][0]
    monday = world.today - dt.timedelta(days=world.today.weekday())
    this_week = [0 <= (world.today + dt.timedelta(days=d) - monday).days < 7 for d in (-1, 3, 9)]
    assert (row.errors, row.warnings) == (sum(this_week), 0)
    assert (row.planned_count, row.done_count) == (2, 0)
    assert row.next_error_id == ahead.pk  # the nearest ahead, not the one gone by
    html = response.content.decode()
    assert f'href="{week_url(world)}"' in html  # the name links to the athlete's page
    assert "Heavy back squat 13 h before intervals" in html


@pytest.mark.parametrize(("params", "count"), [({"q": "ada"}, 1), ({"q": "zzz"}, 0),
                                               ({"flagged": "errors"}, 1)])
def test_the_dashboard_filters(world: World, client, coach, params, count) -> None:
    as_coach_beside_the_athlete(world, client, coach)
    assert len(client.get(reverse("portal:dashboard"), params).context["rows"]) == count


def test_the_dashboard_sorts_by_errors_then_name(world: World, client, coach) -> None:
    from athletes.services import athlete_create

    athlete_create(email="b@example.com", name="Bea", roster=coach.rosters.get())
    as_coach_beside_the_athlete(world, client, coach)
    rows = client.get(reverse("portal:dashboard"), {"sort": "errors"}).context["rows"]
    assert [r.user.name for r in rows] == ["Ada Athlete", "Bea"]
    rows = client.get(reverse("portal:dashboard"), {"sort": "-name"}).context["rows"]
    assert [r.user.name for r in rows] == ["Bea", "Ada Athlete"]


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


@pytest.mark.parametrize(("cookie", "monday"), [
    (None, dt.date(2026, 11, 16)),  # Sunday evening in UTC
    ("Pacific/Auckland", dt.date(2026, 11, 23)),  # already Monday morning there
    ("America/Los_Angeles", dt.date(2026, 11, 16)),
    ("Mars/Olympus_Mons", dt.date(2026, 11, 16)),  # not a zone: the site's
])
def test_the_dashboards_week_is_the_viewers(client, coach, monkeypatch, cookie, monday) -> None:
    import types

    from scheduling.views import dashboard

    sunday_evening_utc = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(dashboard, "timezone", types.SimpleNamespace(
        now=lambda: sunday_evening_utc))
    client.force_login(coach)
    if cookie:
        client.cookies["tz"] = cookie
    response = client.get(reverse("portal:dashboard"))
    assert response.context["monday"] == monday


def test_settings_show_the_calendar_link_and_a_new_one_retires_it(world: World, client) -> None:
    athlete = world.athlete
    client.force_login(athlete.user)
    html = client.get(reverse("portal:settings")).content.decode()
    feed = reverse("api-athlete-calendar", kwargs={"athlete_id": athlete.pk})
    old = f"{feed}?token={athlete.calendar_token}"
    assert old in html
    client.logout()  # the feed needs no login: the secret is the key
    assert client.get(old).status_code == 200
    client.force_login(athlete.user)
    response = client.post(reverse("portal:calendar_rotate"))
    assert response["Location"] == reverse("portal:settings") + "#calendar"
    athlete.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(f"{feed}?token={athlete.calendar_token}").status_code == 200
    assert f"{feed}?token={athlete.calendar_token}" in client.get(
        reverse("portal:settings")).content.decode()


def test_a_coach_has_no_calendar_link(client, coach) -> None:
    client.force_login(coach)
    assert "Calendar link" not in client.get(reverse("portal:settings")).content.decode()
    assert client.post(reverse("portal:calendar_rotate")).status_code == 404


def test_a_coach_turns_the_roster_digest_off_and_on_in_settings(world: World, client,
                                                                 coach) -> None:
    client.force_login(coach)
    page = client.get(reverse("portal:settings")).content.decode()
    assert "Don&#x27;t email me the nightly roster digest" in page
    url = reverse("portal:settings")
    response = client.post(url, {"coach-form": "1", "coach-roster_digest_opt_out": "on"})
    assert response["Location"].endswith("#email")
    coach.refresh_from_db()
    assert coach.digest_opt_out
    client.post(url, {"coach-form": "1"})  # an unticked box is not posted
    coach.refresh_from_db()
    assert not coach.digest_opt_out


def test_an_athlete_has_no_roster_digest_to_set(world: World, client) -> None:
    client.force_login(world.athlete.user)
    assert "roster digest" not in client.get(reverse("portal:settings")).content.decode()
    client.post(reverse("portal:settings"), {"coach-form": "1",
                                             "coach-roster_digest_opt_out": "on"})
    world.athlete.user.refresh_from_db()
    assert not world.athlete.user.digest_opt_out
