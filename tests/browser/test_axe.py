"""Accessibility: axe-core on every portal page, for the coach and the athlete (and the pages
before login), at a 375 px phone and a 1280 px desktop: no serious or critical violation.
Then a few states only a click reaches (STATES): forms with their errors, a set saved with
the rest timer running, the week board swapped in after a fix.

A new page is one line in PAGES; a GET route of portal/urls.py (as the authorization matrix
lists it) with neither a line there nor a reason in NOT_PAGES fails the test below, so a new
page cannot be left out by accident. The figures are printed at the end of the run."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from athletes.models import AthleteProfile, User
from athletes.services import invitation_create
from scheduling.models import PlannedSession, Race
from scheduling.services import race_create
from tests.browser.axe import audit
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.portal.test_access import MATRIX
from tests.training.imports_support import make_import
from training.models import Run, StrengthSession

pytestmark = pytest.mark.browser

COACH, ATHLETE, ANONYMOUS = "coach", "athlete", "anonymous"
EMAILS = {COACH: "coach@apexzone.test", ATHLETE: "maya@apexzone.test"}
BOTH = (COACH, ATHLETE)


@dataclass(frozen=True)
class World:
    """Real ids from the demo (Maya, coached by the demo coach), and what the demo lacks: a
    pending invitation and an import read and waiting to be confirmed."""

    athlete: AthleteProfile
    planned: PlannedSession  # a strength session, with its prescription lines
    planned_run: PlannedSession
    strength: StrengthSession
    run: Run
    token: str
    upload_id: int
    race: Race  # a goal race, so the races page shows the phases it lays

    @classmethod
    def build(cls) -> World:
        maya = AthleteProfile.objects.get(user__email=EMAILS[ATHLETE])
        coach = User.objects.get(email=EMAILS[COACH])
        plans = PlannedSession.objects.filter(athlete=maya).order_by("-date")
        _, token = invitation_create(roster=coach.rosters.get(), email="new@example.com",
                                     invited_by=coach)
        return cls(
            athlete=maya,
            planned=plans.filter(kind="strength", prescription__isnull=False).first(),
            planned_run=plans.filter(kind="run").first(),
            strength=StrengthSession.objects.filter(athlete=maya, sets__isnull=False)
            .order_by("-date").first(),
            run=Run.objects.filter(athlete=maya).order_by("-date").first(),
            token=token, upload_id=make_import(maya).pk,
            race=maya.races.order_by("date").first() or race_create(
                athlete=maya, name="Seville Half", distance_m=21097, priority="A",
                date=dt.date.today() + dt.timedelta(days=68)))


def portal(name: str, *args: Callable[[World], object], query: str = "") -> Callable[[World], str]:
    """The URL of a portal route, its arguments read from the world."""
    return lambda w: reverse(f"portal:{name}", args=[arg(w) for arg in args]) + query


def plain(path: str) -> Callable[[World], str]:
    return lambda w: path


def athlete(w: World) -> int:
    return w.athlete.pk


@dataclass(frozen=True)
class Screen:
    route: str  # the portal route it shows (or an account page's name)
    url: Callable[[World], str]
    who: tuple[str, ...] = BOTH


PAGES: list[Screen] = [
    Screen("dashboard", portal("dashboard"), who=(COACH,)),
    Screen("settings", portal("settings")),
    Screen("rules", portal("rules"), who=(COACH, ATHLETE, ANONYMOUS)),
    Screen("invitation", portal("invitation", lambda w: w.token), who=(ATHLETE,)),
    Screen("athlete_week", portal("athlete_week", athlete)),
    Screen("athlete_calendar", portal("athlete_calendar", athlete)),
    Screen("athlete_calendar", portal("athlete_calendar", athlete, query="?weeks=6")),
    Screen("athlete_findings", portal("athlete_findings", athlete)),
    Screen("progress", portal("progress", athlete)),
    Screen("planned_new", portal("planned_new", athlete)),
    Screen("planned_new", portal("planned_new", athlete, query="?kind=run")),
    Screen("planned_edit", portal("planned_edit", lambda w: w.planned.pk)),
    Screen("planned_edit", portal("planned_edit", lambda w: w.planned_run.pk)),
    Screen("planned_thread", portal("planned_thread", lambda w: w.planned.pk)),
    Screen("proposals", portal("proposals", athlete)),
    Screen("strength_new", portal("strength_new", athlete)),
    Screen("strength_log", portal("strength_log", lambda w: w.strength.pk)),
    Screen("strength_thread", portal("strength_thread", lambda w: w.strength.pk)),
    Screen("set_edit", portal("set_edit", lambda w: w.strength.sets.first().pk)),
    Screen("run_new", portal("run_new", athlete)),
    Screen("run_edit", portal("run_edit", lambda w: w.run.pk)),
    Screen("run_thread", portal("run_thread", lambda w: w.run.pk)),
    Screen("check_in", portal("check_in", athlete)),
    Screen("races", portal("races", athlete)),
    Screen("race_edit", portal("race_edit", lambda w: w.race.pk)),
    Screen("import_new", portal("import_new", athlete)),
    Screen("import_detail", portal("import_detail", lambda w: w.upload_id)),
    Screen("login", plain("/accounts/login/"), who=(ANONYMOUS,)),
    Screen("signup", plain("/accounts/signup/"), who=(ANONYMOUS,)),
    Screen("password_reset", plain("/accounts/password/reset/"), who=(ANONYMOUS,)),
]


@dataclass(frozen=True)
class State:
    """A page after the person did something on it: errors shown, a part swapped in by htmx."""

    name: str
    url: Callable[[World], str]
    act: Callable[[Page], object]
    who: tuple[str, ...] = BOTH


def _save_a_set(page: Page) -> None:
    new = page.locator("#block-new")
    new.get_by_label("Exercise").select_option("back-squat")
    new.get_by_label("Reps", exact=True).fill("5")
    new.get_by_label("Load (kg)").fill("100")
    new.get_by_role("button", name=re.compile("^Save set")).click()
    page.locator("#rest-timer.running").wait_for()


def _with_errors(button: str, **blank: str) -> Callable[[Page], object]:
    def act(page: Page) -> None:
        for label in blank:
            page.get_by_label(label, exact=True).fill("")
        page.get_by_role("button", name=button, exact=True).click()
        page.locator(".field-error").first.wait_for()
    return act


STATES: list[State] = [
    State("plan form with errors", portal("planned_new", athlete),
          _with_errors("Save", Date="")),
    State("plan form, a line added", portal("planned_new", athlete),
          lambda page: page.get_by_role("button", name="+ Add a line").click()),
    State("run form with errors", portal("run_new", athlete), _with_errors("Save run", Date="")),
    State("a set saved, the rest timer running",
          portal("strength_log", lambda w: w.strength.pk), _save_a_set),
    State("the week after a fix", portal("athlete_week", athlete),
          lambda page: page.locator("[data-testid$='-move']").first.click()
          or page.locator("#week-board .board-status .flash").wait_for(), who=(COACH,)),
]
# GET routes that are not pages of their own.
NOT_PAGES = {
    "home": "redirects to the person's week or roster",
    "my_week": "redirects to the athlete's week",
    "athlete_export": "a file download",
    "import_progress": "a fragment that htmx polls inside the import page",
    "first_run": "only a new account sees it: audited in test_onboarding at both widths",
}


def test_every_portal_page_is_audited() -> None:
    pages = {(route, "GET") for route, method in MATRIX if method == "GET"}
    missing = {route for route, _ in pages} - {s.route for s in PAGES} - set(NOT_PAGES)
    assert missing == set(), f"add these pages to PAGES (or a reason to NOT_PAGES): {missing}"


def test_the_audit_sees_what_axe_calls_serious_and_critical(page: Page, live_server) -> None:
    """The harness itself: a page given a nameless button and grey-on-white text fails."""
    page.goto(f"{live_server.url}/rules/")
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.append(document.createElement('button'));
        const faint = document.createElement('p');
        faint.textContent = 'Hard to read';
        faint.style.color = '#cccccc';
        main.append(faint);
    }""")
    found = audit(page, who=ANONYMOUS, path="/rules/", record=False)
    assert {(v.rule, v.impact) for v in found.blocking} >= {
        ("button-name", "critical"), ("color-contrast", "serious")}


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("who", [COACH, ATHLETE, ANONYMOUS])
def test_no_portal_page_has_a_serious_or_critical_axe_violation(
        page: Page, live_server, demo, who: str, size: dict) -> None:
    world = World.build()
    page.set_viewport_size(size)
    if who != ANONYMOUS:
        login(page, live_server.url, EMAILS[who])
    failures: dict[str, list[str]] = {}
    for index, screen in enumerate(PAGES):
        if who not in screen.who:
            continue
        path = screen.url(world)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        if screen.route == "progress":
            page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length")
        found = audit(page, who=who, path=path, key=f"{index}:{screen.route}")
        if found.blocking:
            failures[path] = [str(v) for v in found.blocking]
    for state in (s for s in STATES if who in s.who):
        page.goto(live_server.url + state.url(world))
        state.act(page)
        found = audit(page, who=who, path=state.name, key=state.name)
        if found.blocking:
            failures[state.name] = [str(v) for v in found.blocking]
    assert failures == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(lines) for path, lines in failures.items())
