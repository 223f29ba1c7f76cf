"""The calendar of weeks in a real browser, at a 390 px phone and a 1366 px desktop: a
session dragged onto another day and the move undone, the same by keyboard ("Move to..."),
a week copied onto another; screenshots of each in var/screenshots (git-ignored)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession
from scheduling.selectors import athlete_today
from scheduling.services import race_create
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def _maya() -> AthleteProfile:
    return AthleteProfile.objects.get(user__email="maya@apexzone.test")


def _movable(maya: AthleteProfile, last: dt.date) -> PlannedSession:
    """A planned session ahead that nothing fulfils yet, with a free day after it that the
    calendar shows."""
    today = athlete_today(athlete=maya)
    plan = (PlannedSession.objects.filter(athlete=maya, date__gt=today, date__lt=last,
                                          logged_strength=None, logged_run=None)
            .order_by("date", "id").first())
    assert plan is not None, "the demo plans Maya's next two weeks"
    return plan


@pytest.fixture
def seville(demo) -> dt.date:
    """Maya's goal race, 68 days ahead: it lays her phases (base until race-specific)."""
    maya = _maya()
    day = athlete_today(athlete=maya) + dt.timedelta(days=68)
    race_create(athlete=maya, name="Seville Half", date=day, distance_m=21097, priority="A")
    return day


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"calendar-{name}.png", full_page=True)


def _open(page: Page, base: str, who: str, size: dict[str, int], weeks: int = 4) -> int:
    page.set_viewport_size(size)
    login(page, base, who)
    maya = _maya()
    page.goto(f"{base}/athletes/{maya.pk}/calendar/?weeks={weeks}")
    expect(page.locator("#calendar")).to_be_visible()
    return maya.pk


def test_a_session_dragged_to_another_day_moves_and_undo_moves_it_back(
        page: Page, live_server, seville) -> None:
    _open(page, live_server.url, "coach@apexzone.test", DESKTOP, weeks=6)
    _shot(page, "6-weeks-1366")
    maya = _maya()
    today = athlete_today(athlete=maya)
    plan = _movable(maya, today + dt.timedelta(days=21))
    was = (plan.date, plan.start_time)
    target = plan.date + dt.timedelta(days=1)
    page.drag_and_drop(f"#cal-{plan.kind}-p{plan.pk}",
                       f"#calendar li.cal-day[data-date='{target.isoformat()}']")
    notice = page.locator("#calendar .board-status .flash")
    expect(notice).to_contain_text(f"Moved \u201c{plan}\u201d to {target:%A %-d %b}.")
    expect(notice).to_be_focused()
    day = page.locator(f"#calendar li.cal-day[data-date='{target.isoformat()}']")
    expect(day.locator(f"#cal-{plan.kind}-p{plan.pk}")).to_be_visible()
    plan.refresh_from_db()
    assert (plan.date, plan.start_time) == (target, was[1])  # the time goes with it
    _shot(page, "dragged-1366")
    notice.get_by_role("button", name="Undo").click()
    expect(notice).to_contain_text(f"Moved \u201c{plan}\u201d to {was[0]:%A %-d %b}.")
    plan.refresh_from_db()
    assert (plan.date, plan.start_time) == was
    _shot(page, "undone-1366")


def test_a_week_shows_its_seven_days_in_a_row_and_fits_the_desktop(
        page: Page, live_server, seville) -> None:
    _open(page, live_server.url, "coach@apexzone.test", DESKTOP)
    weeks = page.locator("#calendar section.cal-week")
    expect(weeks).to_have_count(4)
    tops = weeks.first.locator("li.cal-day").evaluate_all("els => els.map(e => e.offsetTop)")
    assert len(tops) == 7 and len(set(tops)) == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]
    band = weeks.first.locator(".phase-band")
    expect(band).to_contain_text("Base, week")
    expect(band).to_contain_text("Seville Half in 68 days")


def test_on_a_phone_one_week_shows_and_a_session_moves_by_keyboard(
        page: Page, live_server, demo) -> None:
    _open(page, live_server.url, "maya@apexzone.test", PHONE)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.locator("#calendar section.cal-week:visible")).to_have_count(1)
    _shot(page, "week-390")
    maya = _maya()
    today = athlete_today(athlete=maya)
    plan = _movable(maya, today + dt.timedelta(days=7 - today.weekday()))
    if plan.date >= today + dt.timedelta(days=6 - today.weekday()):
        pytest.skip("no session ahead this week to move with its day after in view")
    target = plan.date + dt.timedelta(days=1)
    card = page.locator(f"#cal-{plan.kind}-p{plan.pk}")
    summary = card.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    select = card.get_by_label("Day")
    select.focus()
    select.select_option(target.isoformat())
    card.get_by_role("button", name="Move").focus()
    page.keyboard.press("Enter")
    notice = page.locator("#calendar .board-status .flash")
    expect(notice).to_contain_text(f"to {target:%A %-d %b}.")
    expect(notice).to_be_in_viewport()
    plan.refresh_from_db()
    assert plan.date == target
    _shot(page, "moved-390")
    notice.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    expect(notice).to_contain_text(f"to {(target - dt.timedelta(days=1)):%A %-d %b}.")
    plan.refresh_from_db()
    assert plan.date == target - dt.timedelta(days=1)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("who", ["coach@apexzone.test", "maya@apexzone.test"])
def test_the_calendar_fits_a_375_px_phone(page: Page, live_server, seville, who: str) -> None:
    _open(page, live_server.url, who, {"width": 375, "height": 812}, weeks=6)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    tops = page.eval_on_selector_all(".tabs li", "els => els.map(e => e.offsetTop)")
    assert len(set(tops)) == 1  # the calendar is a mode of the Week tab: no seventh tab


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "1366"), (PHONE, "390")])
def test_a_week_copies_onto_another(page: Page, live_server, demo, size: dict[str, int],
                                    name: str) -> None:
    pk = _open(page, live_server.url, "coach@apexzone.test", size)
    maya = _maya()
    today = athlete_today(athlete=maya)
    monday = today - dt.timedelta(days=today.weekday())
    source = PlannedSession.objects.filter(athlete=maya, date__gte=monday,
                                           date__lte=monday + dt.timedelta(days=6))
    n = source.count()
    assert n, "the demo plans Maya's week"
    target = monday + dt.timedelta(weeks=6)
    before = PlannedSession.objects.filter(athlete=maya, date__gte=target).count()
    week = page.locator("#calendar section.cal-week").first
    week.get_by_text("Copy this week to").click()
    week.get_by_label("Copy the week of").select_option(target.isoformat())
    week.get_by_role("button", name="Copy the week").click()
    notice = page.locator("#calendar .board-status .flash")
    expect(notice).to_contain_text(f"Copied {n} session")
    assert PlannedSession.objects.filter(athlete=maya, date__gte=target).count() == before + n
    _shot(page, f"copied-{name}")
    page.goto(f"{live_server.url}/athletes/{pk}/calendar/?start={target.isoformat()}")
    expect(page.locator("#calendar section.cal-week").first.locator(".cal-session")
           ).to_have_count(n)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]


def test_a_week_dragged_onto_another_copies_after_a_confirmation(
        page: Page, live_server, seville) -> None:
    # Tall enough that the next week is in view: a scroll in the middle of a drag ends it.
    pk = _open(page, live_server.url, "coach@apexzone.test", {"width": 1366, "height": 1600})
    maya = _maya()
    today = athlete_today(athlete=maya)
    monday = today - dt.timedelta(days=today.weekday())
    target = monday + dt.timedelta(weeks=1)

    def planned(first: dt.date) -> int:
        return PlannedSession.objects.filter(athlete=maya, date__gte=first,
                                             date__lte=first + dt.timedelta(days=6)).count()

    n, before = planned(monday), planned(target)
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.drag_and_drop("#calendar section.cal-week >> nth=0 >> .week-handle",
                       f"#calendar section.cal-week[data-week='{target.isoformat()}'] h3")
    expect(page.locator("#calendar .board-status .flash")).to_contain_text(
        f"Copied {n} session")
    assert asked and "copy this week" in asked[0].lower()
    assert planned(target) == before + n
    _shot(page, "week-dragged-1366")
    page.goto(f"{live_server.url}/athletes/{pk}/calendar/?start={target.isoformat()}")
    expect(page.locator("#calendar section.cal-week").first.locator(".cal-session")
           ).to_have_count(before + n)
