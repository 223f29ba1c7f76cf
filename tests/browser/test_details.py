"""The details that cost trust, measured in a real browser: no page wider than a 375 px
phone (coach and athlete, every portal page), the tabs on one line, the availability table
inside the phone, seven days in a row from 1200 px, no 404 for an icon, the flash after a
fix in view, and saving a set leaving the lifter where they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession, Race
from tests.browser.conftest import DESKTOP, PHONE, login
from training.models import Run, StrengthSession

pytestmark = pytest.mark.browser

SQUAT_ERROR = re.compile(r"Heavy back squat .* before intervals")
WIDE = {"width": 1200, "height": 900}
SHOT_PHONE = {"width": 390, "height": 844}
SHOT_DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def _maya() -> AthleteProfile:
    return AthleteProfile.objects.get(user__email="maya@apexzone.test")


def _pages(coach: bool) -> list[str]:
    """Every portal page about Maya (and the person's own), with real ids from the demo."""
    maya = _maya()
    strength = StrengthSession.objects.filter(athlete=maya).order_by("-date").first()
    run = Run.objects.filter(athlete=maya).order_by("-date").first()
    planned = PlannedSession.objects.filter(athlete=maya).order_by("-date").first()
    assert strength and run and planned, "the demo has Maya's sessions"
    set_row = strength.sets.first()
    a = maya.pk
    pages = [
        "/settings/", "/rules/", f"/athletes/{a}/week/", f"/athletes/{a}/calendar/",
        f"/athletes/{a}/findings/",
        f"/athletes/{a}/progress/", f"/athletes/{a}/plan/new/", f"/athletes/{a}/proposals/",
        f"/athletes/{a}/log/strength/", f"/athletes/{a}/log/run/", f"/athletes/{a}/check-in/",
        f"/athletes/{a}/races/",
        f"/plan/{planned.pk}/edit/", f"/log/strength/{strength.pk}/", f"/log/runs/{run.pk}/",
    ]
    if set_row is not None:
        pages.append(f"/log/sets/{set_row.pk}/")
    if coach:
        pages.append("/roster/")
    return pages


@pytest.mark.parametrize("who", ["coach@apexzone.test", "maya@apexzone.test"])
def test_no_portal_page_is_wider_than_the_phone_and_none_asks_for_a_missing_file(
        page: Page, live_server, demo, who: str) -> None:
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.set_viewport_size(PHONE)
    login(page, live_server.url, who)
    too_wide = {}
    for path in _pages(coach=who.startswith("coach")):
        page.goto(live_server.url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}, f"wider than a {PHONE['width']} px phone: {too_wide}"
    assert missing == []  # the favicon too


def test_the_pages_before_login_fit_the_phone(page: Page, live_server, demo) -> None:
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.set_viewport_size(PHONE)
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
                 "/rules/"):
        page.goto(live_server.url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"
    assert missing == []


def test_the_tabs_fit_the_phone_on_one_line(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "coach@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{_maya().pk}/week/")
    tops = page.eval_on_selector_all(".tabs li", "els => els.map(e => e.offsetTop)")
    assert len(tops) >= 5 and len(set(tops)) == 1, f"tabs wrap onto {len(set(tops))} lines"


def test_the_availability_table_fits_the_phone(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.goto(f"{live_server.url}/settings/")
    table = page.locator("table.availability")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # No scrolling inside its box either: the whole week's windows are in view.
    overflow = page.eval_on_selector(
        ".availability", "t => t.parentElement.scrollWidth - t.parentElement.clientWidth")
    assert overflow <= 0


def test_the_week_shows_seven_days_in_one_row_from_1200_px(page: Page, live_server,
                                                            demo) -> None:
    page.set_viewport_size(WIDE)
    login(page, live_server.url, "coach@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{_maya().pk}/week/")
    tops = page.eval_on_selector_all(".days > li.day", "els => els.map(e => e.offsetTop)")
    assert len(tops) == 7 and len(set(tops)) == 1, f"the week takes {len(set(tops))} rows"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDE["width"]


def test_the_flash_after_applying_a_fix_is_in_view(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "coach@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{_maya().pk}/week/")
    card = page.locator(".finding").filter(has_text=SQUAT_ERROR).first
    card.scroll_into_view_if_needed()
    card.get_by_role("button", name=re.compile("^Move to ")).first.click()
    notice = page.locator("#week-board .board-status .flash")
    expect(notice).to_contain_text("Moved")
    expect(notice).to_be_in_viewport()
    expect(notice).to_be_focused()  # a screen reader hears it; a keyboard starts there


def test_saving_a_set_keeps_the_lifter_where_they_are(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.get_by_role("link", name="Log lift").click()
    page.get_by_role("button", name="Start logging").click()
    new = page.locator("#block-new")
    new.get_by_label("Exercise").select_option("back-squat")
    new.get_by_label("Reps", exact=True).fill("5")
    new.get_by_label("Load (kg)").fill("100")
    new.get_by_role("button", name=re.compile("^Save set")).click()
    expect(page.locator("#block-b0 .set-row")).to_have_count(1)
    new = page.locator("#block-new")
    new.get_by_label("Exercise").select_option("romanian-deadlift")
    new.get_by_label("Reps", exact=True).fill("8")
    new.get_by_role("button", name=re.compile("^Save set")).click()
    expect(page.locator("#block-b1 .set-row")).to_have_count(1)
    save = page.locator("#block-b0").get_by_role("button", name=re.compile("^Save set"))
    for done in (2, 3):
        # Mid-screen, as a thumb leaves it (clear of the sticky rest timer, so the click
        # itself scrolls nothing).
        save.evaluate("b => b.scrollIntoView({block: 'center'})")
        before = page.evaluate("() => window.scrollY")
        assert before > 0
        save.click()
        expect(page.locator("#block-b0 .set-row")).to_have_count(done)
        after = page.evaluate("() => window.scrollY")
        assert abs(after - before) <= 2, f"the page jumped from {before} to {after}"
        box = save.bounding_box()
        assert box is not None and 0 <= box["y"] <= PHONE["height"] - box["height"]


def test_the_set_inputs_show_their_whole_number_on_a_phone(page: Page, live_server,
                                                           demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.get_by_role("link", name="Log lift").click()
    page.get_by_role("button", name="Start logging").click()
    load = page.locator("#block-new").get_by_label("Load (kg)")
    load.fill("102.5")
    cut = load.evaluate("i => i.scrollWidth - i.clientWidth")
    assert cut <= 0, f"the load box hides {cut} px of 102.5"


@pytest.mark.parametrize(("name", "size"), [("phone", SHOT_PHONE), ("desktop", SHOT_DESKTOP)])
def test_screenshots_of_the_details(page: Page, live_server, demo, name: str,
                                    size: dict) -> None:
    shots = SHOTS
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(size)
    login(page, live_server.url, "coach@apexzone.test")
    a = _maya().pk
    for slug, path in (("dashboard", "/roster/"), ("week-coach", f"/athletes/{a}/week/"),
                       ("progress-coach", f"/athletes/{a}/progress/"),
                       ("run-log", f"/athletes/{a}/log/run/")):
        page.goto(live_server.url + path)
        if slug.startswith("progress"):
            page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length")
        page.screenshot(path=shots / f"details-{slug}-{name}.png", full_page=True)
    race = Race.objects.get(athlete__user__email="priya@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{race.athlete_id}/week/?week={race.date:%Y-%m-%d}")
    expect(page.locator(f"#day-{race.date:%Y-%m-%d} .race")).to_contain_text("goal race")
    page.screenshot(path=shots / f"details-race-week-{name}.png", full_page=True)
    page.get_by_role("button", name="Log out").click()
    login(page, live_server.url, "maya@apexzone.test")
    page.goto(f"{live_server.url}/settings/")
    page.screenshot(path=shots / f"details-settings-{name}.png", full_page=True)
    page.goto(f"{live_server.url}/athletes/{a}/week/")
    page.screenshot(path=shots / f"details-week-athlete-{name}.png", full_page=True)
    assert DESKTOP["width"] < SHOT_DESKTOP["width"]
