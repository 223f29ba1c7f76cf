"""The plan form in a real browser (issue 16): "+ Plan run" opens a run with the strength
lines hidden, and back; lines are added and removed in place (no reload, renumbered, the
formset read back in order); the exercise is typed by its library name; a hold in seconds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from scheduling.models import PlannedSession
from tests.browser.conftest import PHONE, login

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored


def _day_links(page: Page, base: str) -> tuple[AthleteProfile, dt.date]:
    maya = AthleteProfile.objects.get(user__email="maya@apexzone.test")
    page.goto(f"{base}/athletes/{maya.pk}/week/")
    day = dt.date.fromisoformat(page.locator(".days > li.day").last.get_attribute("id")[4:])
    return maya, day


def test_a_run_hides_the_strength_lines_and_a_lift_shows_them(page: Page, live_server,
                                                               demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "coach@apexzone.test")
    _, day = _day_links(page, live_server.url)
    page.get_by_role("link", name=f"+ Plan run on {day:%A} {day.day} {day:%B}").click()
    strength = page.locator("fieldset.strength-fields")
    run = page.locator("fieldset.run-fields")
    expect(page.get_by_label("Kind")).to_have_value("run")
    expect(page.get_by_label("Date")).to_have_value(day.isoformat())
    expect(strength).to_be_hidden()
    expect(run).to_be_visible()
    page.get_by_label("Kind").select_option("strength")
    expect(strength).to_be_visible()
    expect(run).to_be_hidden()
    page.go_back()
    page.get_by_role("link", name=f"+ Plan lift on {day:%A} {day.day} {day:%B}").click()
    expect(page.get_by_label("Kind")).to_have_value("strength")
    expect(strength).to_be_visible()
    expect(run).to_be_hidden()


def test_lines_are_added_and_removed_in_place(page: Page, live_server, demo) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "coach@apexzone.test")
    maya, day = _day_links(page, live_server.url)
    page.get_by_role("link", name=f"+ Plan lift on {day:%A} {day.day} {day:%B}").click()
    url = page.url
    lines = page.locator("#rx-lines > .rx-line")
    expect(lines).to_have_count(2)  # the two empty ones the server gives
    page.get_by_label("Title").fill("Core and legs")
    add = page.get_by_role("button", name="+ Add a line")
    add.click()
    expect(lines).to_have_count(3)
    expect(lines.nth(2).get_by_label("Exercise")).to_be_focused()  # the new line's first box
    expect(page.locator("#id_rx-TOTAL_FORMS")).to_have_value("3")

    def line(n: int, exercise: str, **fields: str) -> None:
        box = lines.nth(n)
        box.get_by_label("Exercise").fill(exercise)
        for label, value in fields.items():
            box.get_by_label(label, exact=True).fill(value)

    line(0, "Back squat", Sets="4", Reps="5", **{"Load (kg)": "100"})
    line(1, "Romanian deadlift", Sets="3", Reps="8")
    line(2, "plank", Sets="3", **{"Hold (s)": "45"})
    page.get_by_role("button", name="Remove line 2").click()  # the deadlifts
    expect(lines).to_have_count(2)
    expect(lines.nth(1).locator("legend")).to_have_text("Line 2")
    expect(lines.nth(1).get_by_label("Exercise")).to_have_attribute("name", "rx-1-exercise")
    expect(page.get_by_role("button", name="Remove line 2")).to_be_focused()
    expect(page.locator("#id_rx-TOTAL_FORMS")).to_have_value("2")
    assert page.url == url  # in place: nothing was sent
    assert page.locator("datalist#exercise-library option[value='Plank']").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "plan-form-lines-375.png", full_page=True)

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda u: "/week/" in u)
    session = PlannedSession.objects.get(athlete=maya, title="Core and legs")
    assert [(x.exercise.slug, x.sets, x.reps_min, x.hold_s, x.load_kg is not None)
            for x in session.prescription.order_by("order")] == [
        ("back-squat", 4, 5, None, True), ("plank", 3, None, 45, False)]
    expect(page.locator(f"#day-{day:%Y-%m-%d}")).to_contain_text("Plank 3 \u00d7 45 s")
