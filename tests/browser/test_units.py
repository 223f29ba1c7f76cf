"""Units per viewer in a real browser: Sam lifts and runs in pounds and miles, his coach
reads kilograms and kilometres; each sees the same planned session in their own units, pound
loads on Sam's plate step (100 kg: 220 lb, not 220.5), at a phone's and a desktop's width."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile, User
from scheduling.selectors import athlete_today
from scheduling.services import PrescriptionInput, planned_session_create
from tests.browser.axe import audit
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored
SIZES = [("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1366, "height": 900})]


def _plan_for_sam() -> tuple[AthleteProfile, int, dt.date]:
    sam = AthleteProfile.objects.get(user__email="sam@apexzone.test")
    assert sam.units == "imperial"
    coach = User.objects.get(email="coach@apexzone.test")
    day = athlete_today(athlete=sam) + dt.timedelta(days=3)
    planned = planned_session_create(
        actor=coach, athlete=sam, kind="strength", date=day, start_time=dt.time(6, 0),
        title="Units check", prescription=[
            PrescriptionInput("back-squat", sets=3, reps_min=5, load_kg=100, rir=2)])
    return sam, planned.pk, day


@pytest.mark.parametrize(("name", "size"), SIZES, ids=[n for n, _ in SIZES])
def test_an_athlete_in_pounds_and_a_metric_coach_see_one_session_in_their_own_units(
        page: Page, live_server, demo, name: str, size: dict) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    sam, planned_id, day = _plan_for_sam()
    week = f"{live_server.url}/athletes/{sam.pk}/week/?week={day:%Y-%m-%d}"
    card = f"#session-strength-p{planned_id} .rx"
    page.set_viewport_size(size)
    login(page, live_server.url, "sam@apexzone.test")
    page.goto(week)
    expect(page.locator(card)).to_contain_text("3 \u00d7 5 @ 220 lb")
    expect(page.locator(card)).not_to_contain_text("220.5")
    page.locator(card).scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"units-athlete-lb-week-{name}.png", full_page=True)
    page.goto(f"{live_server.url}/athletes/{sam.pk}/progress/")
    expect(page.locator("#prs-title")).to_be_visible()
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length")
    expect(page.locator("table.bests")).to_contain_text(" lb")
    expect(page.locator("table.bests")).not_to_contain_text(" kg")
    page.screenshot(path=SHOTS / f"units-athlete-lb-progress-{name}.png", full_page=True)
    found = audit(page, who="athlete", path="progress", record=False)
    assert found.blocking == [], [str(v) for v in found.blocking]
    page.get_by_role("button", name="Log out").click()

    login(page, live_server.url, "coach@apexzone.test")
    page.goto(week)
    expect(page.locator(card)).to_contain_text("3 \u00d7 5 @ 100 kg")
    page.screenshot(path=SHOTS / f"units-coach-kg-week-{name}.png", full_page=True)
    page.goto(f"{live_server.url}/athletes/{sam.pk}/progress/")
    expect(page.locator("table.bests")).to_contain_text(" kg")
    expect(page.locator("table.bests")).not_to_contain_text(" lb")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length")
    page.screenshot(path=SHOTS / f"units-coach-kg-progress-{name}.png", full_page=True)
    found = audit(page, who="coach", path="progress", record=False)
    assert found.blocking == [], [str(v) for v in found.blocking]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= size["width"], f"the progress page is {width} px wide"
