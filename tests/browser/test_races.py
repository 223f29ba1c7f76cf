"""The races and phases page in a real browser: the coach moves a phase's end and the
touching taper follows; the page fits a phone. Screenshots in var/screenshots (git-ignored)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from scheduling.models import PhaseBlock
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

SHOT_PHONE = {"width": 390, "height": 844}
SHOT_DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def test_the_coach_adjusts_a_phase_on_the_races_page(page: Page, live_server, demo) -> None:
    """Jonas's marathon in 45 days: the coach ends race-specific two days later, the taper
    follows; the page fits the phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    jonas = AthleteProfile.objects.get(user__email="jonas@apexzone.test")
    specific = PhaseBlock.objects.get(athlete=jonas, phase="race_specific")
    taper = PhaseBlock.objects.get(athlete=jonas, phase="taper")
    page.set_viewport_size(SHOT_PHONE)
    login(page, live_server.url, "coach@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{jonas.pk}/races/")
    expect(page.locator(f"#race-{taper.race_id} strong")).to_have_text(
        "Berlin Winter Marathon")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= SHOT_PHONE["width"]
    page.screenshot(path=str(SHOTS / "races-coach-390.png"), full_page=True)
    new_end = specific.end + dt.timedelta(days=2)
    page.get_by_label("Race-specific ends").fill(new_end.isoformat())
    page.get_by_role("button", name="Save race-specific dates").click()
    expect(page.get_by_text("Race-specific now runs")).to_be_visible()
    taper.refresh_from_db()
    assert taper.start == new_end + dt.timedelta(days=1)
    page.set_viewport_size(SHOT_DESKTOP)
    page.screenshot(path=str(SHOTS / "races-coach-1366.png"), full_page=True)
