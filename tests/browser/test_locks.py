"""The coach's lock in a real browser: the coach locks one of Maya's planned sessions from
her week; Maya then sees the lock mark on it and no Move or Delete (she can still log it),
on a phone (390 px) and a desktop (1366 px). Screenshots in var/screenshots (git-ignored)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession
from scheduling.selectors import athlete_today
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

SHOT_PHONE = {"width": 390, "height": 844}
SHOT_DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def _mayas_next_plan() -> PlannedSession:
    maya = AthleteProfile.objects.get(user__email="maya@apexzone.test")
    today = athlete_today(athlete=maya)
    plan = (PlannedSession.objects.filter(athlete=maya, date__gte=today,
                                          logged_strength__isnull=True, logged_run__isnull=True)
            .order_by("date", "id").first())
    assert plan is not None, "the demo plans Maya's coming days"
    return plan


def _week(base: str, plan: PlannedSession) -> str:
    monday = plan.date - dt.timedelta(days=plan.date.weekday())
    return f"{base}/athletes/{plan.athlete_id}/week/?week={monday.isoformat()}"


def _card(page: Page, plan: PlannedSession):
    return page.locator(f"#session-{plan.kind}-p{plan.pk}")


def test_the_coach_locks_and_the_athlete_can_no_longer_move_or_delete(
        page: Page, browser: Browser, live_server, demo) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    plan = _mayas_next_plan()
    page.set_viewport_size(SHOT_DESKTOP)
    login(page, live_server.url, "coach@apexzone.test")
    page.goto(_week(live_server.url, plan))
    card = _card(page, plan)
    expect(card.get_by_test_id(f"lock-mark-{plan.pk}")).to_have_count(0)
    card.get_by_test_id(f"lock-{plan.pk}").click()
    expect(page.get_by_test_id(f"lock-mark-{plan.pk}")).to_be_visible()
    expect(page.locator(".board-status")).to_contain_text("Locked")
    assert PlannedSession.objects.get(pk=plan.pk).locked
    card = _card(page, plan)
    expect(card.locator("details.move")).to_have_count(1)  # the coach still moves it
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "lock-coach-1366.png"), full_page=False)
    page.set_viewport_size(SHOT_PHONE)
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "lock-coach-390.png"), full_page=False)

    athlete = browser.new_page()
    try:
        for size, name in ((SHOT_PHONE, "390"), (SHOT_DESKTOP, "1366")):
            athlete.set_viewport_size(size)
            if name == "390":
                login(athlete, live_server.url, "maya@apexzone.test")
            athlete.goto(_week(live_server.url, plan))
            card = _card(athlete, plan)
            expect(card.get_by_test_id(f"lock-mark-{plan.pk}")).to_be_visible()
            expect(card.locator("details.move")).to_have_count(0)
            expect(card.get_by_role("button", name="Delete")).to_have_count(0)
            expect(card.get_by_test_id(f"lock-{plan.pk}")).to_have_count(0)
            expect(card.get_by_role("button", name="Log it").or_(
                card.get_by_role("link", name="Log it"))).to_be_visible()
            width = athlete.evaluate("() => document.documentElement.scrollWidth")
            assert width <= size["width"]
            card.scroll_into_view_if_needed()
            athlete.screenshot(path=str(SHOTS / f"lock-athlete-{name}.png"), full_page=False)
    finally:
        athlete.close()
    assert PlannedSession.objects.get(pk=plan.pk).date == plan.date

