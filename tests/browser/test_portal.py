"""The portal in a real browser: the coach fixes the demo's classic conflict, an athlete logs
a session set by set on a phone, and the screenshots a reviewer looks at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from scheduling.models import Finding
from tests.browser.conftest import DESKTOP, PHONE, login
from training.models import StrengthSession

pytestmark = pytest.mark.browser

SQUAT_ERROR = re.compile(r"Heavy back squat .* before intervals")


def _maya() -> AthleteProfile:
    return AthleteProfile.objects.get(user__email="maya@apexzone.test")


def test_the_coach_applies_the_suggestion_and_the_error_is_gone(
        page: Page, live_server, demo, shots) -> None:
    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "coach@apexzone.test")
    expect(page.get_by_role("heading", name="Your roster")).to_be_visible()
    maya_row = page.get_by_role("row").filter(has_text="Maya Lindqvist")
    error_link = maya_row.get_by_role("link", name=SQUAT_ERROR)
    expect(error_link).to_be_visible()
    page.screenshot(path=shots / "dashboard-desktop.png", full_page=True)

    error_link.click()
    card = page.locator(".finding").filter(has_text=SQUAT_ERROR).first
    expect(card).to_be_visible()
    expect(card).to_contain_text("Error")  # the word, not only a colour
    page.screenshot(path=shots / "week-coach-desktop.png", full_page=True)
    finding = Finding.objects.get(athlete=_maya(), rule="HEAVY_BEFORE_KEY_RUN", status="open")

    url_before = page.url
    card.get_by_role("button", name=re.compile("^Move to ")).first.click()
    expect(page.locator(".finding").filter(has_text=SQUAT_ERROR)).to_have_count(0)
    expect(page.locator("#week-board")).to_contain_text("Moved")
    assert page.url == url_before  # updated in place, no reload
    finding.refresh_from_db()
    assert finding.status == "resolved"

    page.get_by_role("link", name="Roster").click()
    maya_row = page.get_by_role("row").filter(has_text="Maya Lindqvist")
    expect(maya_row.get_by_role("link", name=SQUAT_ERROR)).to_have_count(0)


def _save_set(page: Page, block: str) -> None:
    page.locator(f"#block-{block}").get_by_role("button", name=re.compile("^Save set")).click()


def test_an_athlete_logs_a_full_session_set_by_set_and_sees_a_pr(
        page: Page, live_server, demo, shots) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.get_by_role("link", name="Log lift").click()
    page.get_by_label("Title").fill("Squat day")
    page.get_by_role("button", name="Start logging").click()
    expect(page.get_by_role("heading", name=re.compile("Squat day"))).to_be_visible()

    new = page.locator("#block-new")
    new.get_by_label("Exercise").select_option("back-squat")
    new.get_by_label("Reps", exact=True).fill("3")
    new.get_by_role("button", name="One rep more").click()  # 4 reps
    new.get_by_label("Load (kg)").fill("60")
    new.get_by_label("Warm-up").check()
    _save_set(page, "new")
    squat = page.locator("#block-b0")
    expect(squat.locator(".set-row")).to_have_count(1)
    expect(squat.locator(".set-row").first).to_contain_text("Warm-up")

    squat.get_by_label("Warm-up").uncheck()
    squat.get_by_label("Load (kg)").fill("110")
    heavier = squat.get_by_role("button", name="2.5 kg heavier")  # the plate step
    heavier.click()
    heavier.click()  # 115 kg
    for done in range(1, 5):
        _save_set(page, "b0")
        expect(page.locator("#block-b0 .set-row")).to_have_count(1 + done)
        expect(page.locator("#rest-timer")).to_have_class(re.compile("running"))
    expect(page.locator("#block-b0 .set-row").nth(1)).to_contain_text("115 kg")
    expect(page.get_by_test_id("pr-badge").first).to_contain_text("PR")
    page.screenshot(path=shots / "logging-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=shots / "logging-desktop.png", full_page=True)

    page.get_by_text("Session details and finish").click()
    page.get_by_label("Session RPE (1-10)").select_option("8")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = StrengthSession.objects.get(athlete=_maya(), title="Squat day")
    assert session.rpe == 8
    assert [(s.reps, float(s.load_kg), s.is_warmup) for s in session.sets.all()] == [
        (4, 60.0, True)] + [(4, 115.0, False)] * 4


def test_a_reload_mid_logging_keeps_the_sets(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.get_by_role("link", name="Log lift").click()
    page.get_by_role("button", name="Start logging").click()
    new = page.locator("#block-new")
    new.get_by_label("Exercise").select_option("romanian-deadlift")
    new.get_by_label("Reps", exact=True).fill("6")
    new.get_by_label("Load (kg)").fill("80")
    _save_set(page, "new")
    _save_set(page, "b0")
    expect(page.locator("#block-b0 .set-row")).to_have_count(2)
    page.reload()
    expect(page.locator("#block-b0 .set-row")).to_have_count(2)
    expect(page.locator("#block-b0")).to_contain_text("Romanian deadlift")


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots_of_the_week_and_progress(page: Page, live_server, demo, shots,
                                              name: str, size: dict) -> None:
    page.set_viewport_size(size)
    login(page, live_server.url, "maya@apexzone.test")
    expect(page.get_by_role("heading", name="My week")).to_be_visible()
    page.screenshot(path=shots / f"week-{name}.png", full_page=True)
    page.get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name=re.compile("e1RM and heaviest set"))).to_be_visible()
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length >= 2")
    page.screenshot(path=shots / f"progress-{name}.png", full_page=True)


@pytest.mark.parametrize("path", [
    "/week/", "/settings/", "/athletes/{id}/progress/", "/athletes/{id}/findings/",
    "/athletes/{id}/log/strength/", "/athletes/{id}/log/run/", "/athletes/{id}/plan/new/",
    "/rules/",
])
def test_athlete_pages_fit_a_phone(page: Page, live_server, demo, path: str) -> None:
    """Nothing wider than the phone: no sideways scrolling in the gym."""
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.goto(live_server.url + path.format(id=_maya().pk))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide on a {PHONE['width']} px phone"
