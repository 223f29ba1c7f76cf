"""A log started and left is a draft (RULES.md, "Logged"): the athlete's day shows it as a
draft to finish or discard, never Done, and the coach's roster does not count it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import audit
from tests.browser.conftest import DESKTOP, PHONE, login
from training.models import StrengthSession

pytestmark = pytest.mark.browser


def test_a_log_started_and_left_is_a_draft_not_done(page: Page, live_server, demo,
                                                     shots) -> None:
    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "coach@apexzone.test")
    maya = page.get_by_role("row").filter(has_text="Maya Lindqvist")
    done_before = maya.locator(".done-count").inner_text()
    last_before = maya.locator("td[data-label='Last logged']").inner_text()
    page.context.clear_cookies()

    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    card = page.locator("li.session-strength").filter(
        has=page.get_by_role("button", name="Log it")).first
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Log it").click()
    page.get_by_role("button", name="Start logging").click()
    expect(page.get_by_text("this log is a draft")).to_be_visible()
    page.get_by_role("link", name="Back to the week").click()  # leave without a set

    card = page.locator(f"#{card_id}")
    expect(card.locator(".status-draft")).to_have_text(re.compile("Draft"))
    expect(card).not_to_contain_text("Done")
    expect(card).not_to_contain_text("Logged")
    expect(card.get_by_role("button", name="Finish the log")).to_be_visible()
    expect(card.get_by_role("button", name=re.compile("Discard"))).to_be_visible()
    page.screenshot(path=shots / "draft-day-phone.png", full_page=True)
    found = audit(page, who="athlete", path="week with a draft", record=False)
    assert found.blocking == [], found.blocking
    assert StrengthSession.objects.filter(athlete__user__email="maya@apexzone.test",
                                          sets__isnull=True).count() == 1
    page.context.clear_cookies()

    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "coach@apexzone.test")
    maya = page.get_by_role("row").filter(has_text="Maya Lindqvist")
    expect(maya.locator(".draft-count")).to_have_text("1 draft to finish or discard")
    expect(maya.locator(".done-count")).to_have_text(done_before)
    expect(maya.locator("td[data-label='Last logged']")).to_contain_text(
        last_before.strip())
    page.screenshot(path=shots / "draft-dashboard-desktop.png", full_page=True)
    page.context.clear_cookies()

    page.set_viewport_size(PHONE)
    login(page, live_server.url, "maya@apexzone.test")
    page.locator(f"#{card_id}").get_by_role("button", name=re.compile("Discard")).click()
    expect(page.get_by_text("Draft discarded.")).to_be_visible()
    expect(page.locator(f"#{card_id}").get_by_role("button", name="Log it")).to_be_visible()
    assert not StrengthSession.objects.filter(athlete__user__email="maya@apexzone.test",
                                              sets__isnull=True).exists()
