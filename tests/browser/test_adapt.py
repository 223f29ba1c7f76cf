"""The plan that adapts, on a phone in a real browser: the morning check-in in five taps and
a save, and a thread on a run from the athlete's pain flag to the coach's reply."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from athletes.models import AthleteProfile
from scheduling.models import Comment
from scheduling.selectors import athlete_today
from tests.browser.conftest import login
from training.models import CheckIn, Run

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def _maya() -> AthleteProfile:
    return AthleteProfile.objects.get(user__email="maya@apexzone.test")


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_morning_check_in_is_five_taps_and_a_save_on_a_phone(
        page: Page, live_server, demo) -> None:
    maya = _maya()
    today = athlete_today(athlete=maya)
    CheckIn.objects.filter(athlete=maya, date=today).delete()
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.goto(f"{live_server.url}/athletes/{maya.pk}/check-in/")
    taps = {"Sleep": "4", "Energy": "3", "Leg soreness": "2", "Stress": "4", "Mood": "5"}
    for legend, value in taps.items():
        scale = page.locator("fieldset.scale").filter(
            has=page.locator("legend", has_text=legend))
        scale.locator("label").filter(has=page.locator("b", has_text=value)).first.click()
    _fits(page)
    page.get_by_role("button", name="Save check-in").first.click()
    expect(page.get_by_text("saved: readiness")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "check-in-phone.png"), full_page=True)
    saved = CheckIn.objects.get(athlete=maya, date=today)
    assert (saved.sleep, saved.energy, saved.soreness, saved.stress, saved.mood) == \
        (4, 3, 2, 4, 5)


def test_a_pain_flag_on_a_run_reaches_the_coach_who_replies(
        page: Page, browser: Browser, live_server, demo) -> None:
    maya = _maya()
    run = Run.objects.filter(athlete=maya).order_by("-date").first()
    assert run is not None
    thread = f"{live_server.url}/log/runs/{run.pk}/thread/"
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.goto(thread)
    page.get_by_role("textbox", name="Comment").fill("Left knee sore after the hills.")
    page.locator("details.pain-fields summary").click()
    page.get_by_label("Where it hurts").select_option("knee")
    page.locator("input[name='comment-pain_score'][value='6']").check()
    _fits(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".comment").last).to_contain_text("Left knee sore after the hills.")
    expect(page.locator(".pain-flag").last).to_contain_text("Knee, 6/10")
    flag = Comment.objects.get(run=run, body="Left knee sore after the hills.")
    assert (flag.pain_area, flag.pain_score) == ("knee", 6)

    coach_context = browser.new_context(viewport=PHONE)
    coach = coach_context.new_page()
    try:
        login(coach, live_server.url, "coach@apexzone.test")
        coach.goto(f"{live_server.url}/")
        expect(coach.locator("body")).to_contain_text("Pain reported: knee 6/10")
        coach.goto(thread)
        new = coach.locator(".comment-new").filter(has_text="Left knee sore")
        expect(new).to_have_count(1)
        coach.get_by_role("textbox", name="Comment").fill(
            "Easy runs only this week; we'll look at it Friday.")
        coach.get_by_role("button", name="Reply").click()
        expect(coach.locator(".comment").last).to_contain_text("Easy runs only")
        coach.screenshot(path=str(SHOTS / "thread-coach-phone.png"), full_page=True)
        _fits(coach)
    finally:
        coach_context.close()

    page.goto(thread)
    expect(page.locator(".comment-new")).to_contain_text("Easy runs only")
    page.goto(thread)  # read once, no longer new
    expect(page.locator(".comment-new")).to_have_count(0)
