"""The coach admin in a real browser far from the server's UTC: its Today button gives the
coach's date, not the server's."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

ZONE = "Pacific/Kiritimati"  # UTC+14: never the server's offset


def test_the_admins_today_is_the_coachs_date(browser: Browser, live_server, demo) -> None:
    context = browser.new_context(timezone_id=ZONE)
    page = context.new_page()
    login(page, live_server.url, "coach@apexzone.test")  # a portal page: the zone's cookie
    page.goto(f"{live_server.url}/admin/scheduling/plannedsession/add/")
    # The admin warns "You are 14 hours ahead of server time" when the zones differ.
    expect(page.locator(".timezonewarning")).to_have_count(0)
    page.locator(".datetimeshortcuts").first.get_by_role("link", name="Today").click()
    today = dt.datetime.now(zoneinfo.ZoneInfo(ZONE)).date()
    expect(page.locator("#id_date")).to_have_value(today.isoformat())
    context.close()


def test_the_admin_sets_the_zone_cookie_itself(browser: Browser, live_server,
                                               transactional_db: None) -> None:
    """A coach who opens the admin first, never the portal: in their zone from the second
    page on (the first sets the cookie)."""
    context = browser.new_context(timezone_id=ZONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.goto(f"{live_server.url}/admin/login/")
    offset = page.locator("body").get_attribute("data-admin-utc-offset")
    now = dt.datetime.now(zoneinfo.ZoneInfo(ZONE))
    assert offset is not None and int(offset) == now.utcoffset().total_seconds()
    context.close()
