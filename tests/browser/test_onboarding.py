"""Onboarding in a real browser far from the server's UTC: an invitation's link, sign-up with
the invited address fixed, and the first-run step pre-selecting the browser's time zone
(Playwright's ``timezone_id``), saved on the profile; and the coach's pending invitations,
resent and cancelled. On a phone and on a desktop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from athletes.models import AthleteProfile, Invitation, Membership
from athletes.services import coach_create, invitation_create
from scheduling.demo import PASSWORD
from tests.browser.axe import audit
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored
ZONE = "America/Denver"


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1366, "height": 900}],
                         ids=["phone", "desktop"])
def test_an_invitee_signs_up_and_starts_in_the_browsers_zone(
        browser: Browser, live_server, transactional_db, viewport: dict[str, int]) -> None:
    coach = coach_create(email="coach@example.com", password="a-coach-pass-phrase-1",
                         name="Casey Coach")
    _, token = invitation_create(roster=coach.rosters.get(), email="nia@example.com",
                                 invited_by=coach)
    context = browser.new_context(viewport=viewport, timezone_id=ZONE)
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = viewport["width"]
    try:
        page.goto(f"{live_server.url}/invitations/{token}/")
        page.wait_for_url("**/accounts/signup/")
        email = page.get_by_label("Email")
        expect(email).to_have_value("nia@example.com")
        expect(email).to_be_disabled()
        page.get_by_label("Your name").fill("Nia New")
        page.get_by_label("Password", exact=True).fill("a-long-pass-phrase-42")
        page.get_by_label("Password (again)").fill("a-long-pass-phrase-42")
        page.screenshot(path=str(SHOTS / f"onboarding-signup-{width}.png"), full_page=True)
        found = audit(page, who="invitee", path=f"sign-up from an invitation at {width} px")
        assert found.blocking == [], found.blocking
        page.get_by_role("button", name="Sign up").click()

        page.wait_for_url("**/welcome/")
        zone = page.get_by_label("Time zone")
        expect(zone).to_have_value(ZONE)  # from the browser, not UTC
        # Without zone.js's cookie the server leaves the picker empty: zone-picker.js fills
        # it in from the browser.
        context.clear_cookies(name="tz")
        page.reload()
        expect(zone).to_have_value(ZONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_label("Imperial (lb, mi)").check()
        page.get_by_label("Beginner").check()
        page.screenshot(path=str(SHOTS / f"onboarding-first-run-{width}.png"), full_page=True)
        found = audit(page, who="invitee", path=f"first-run step at {width} px")
        assert found.blocking == [], found.blocking
        page.get_by_role("button", name="Start training").click()

        page.wait_for_url("**/week/")
        athlete = AthleteProfile.objects.select_related("user").get(
            user__email="nia@example.com")
        assert athlete.timezone == ZONE
        assert (athlete.units, athlete.level) == ("imperial", "beginner")
        assert athlete.user.name == "Nia New" and not athlete.user.first_run_due
        assert Membership.objects.filter(athlete=athlete, roster__coach=coach).exists()
        page.screenshot(path=str(SHOTS / f"onboarding-week-{width}.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1366, "height": 900}],
                         ids=["phone", "desktop"])
def test_a_coach_resends_an_expired_invitation_from_the_dashboard(
        browser: Browser, live_server, transactional_db, viewport: dict[str, int]) -> None:
    coach = coach_create(email="coach@example.com", password=PASSWORD, name="Casey Coach")
    late, _ = invitation_create(roster=coach.rosters.get(), email="late@example.com",
                                invited_by=coach)
    invitation_create(roster=coach.rosters.get(), email="nia@example.com", invited_by=coach)
    Invitation.objects.filter(pk=late.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=3))
    context = browser.new_context(viewport=viewport, timezone_id=ZONE)
    page = context.new_page()
    width = viewport["width"]
    try:
        login(page, live_server.url, "coach@example.com")
        page.goto(f"{live_server.url}/roster/#invitations")
        rows = page.locator("ul.invitations > li")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text("Expired")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"onboarding-invitations-{width}.png"), full_page=True)
        page.get_by_role("button", name="Resend the invitation to late@example.com").click()
        expect(page.get_by_text("Invitation sent again to late@example.com")).to_be_visible()
        expect(page.locator("ul.invitations > li.expired")).to_have_count(0)
        page.get_by_role("button", name="Cancel the invitation to nia@example.com").click()
        expect(rows).to_have_count(1)
        assert list(Invitation.objects.values_list("email", flat=True)) == ["late@example.com"]
    finally:
        context.close()
