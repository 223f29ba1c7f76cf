"""Bringing history in, in a real browser on a phone and a desktop: one upload of a Strong
export, a Garmin run and a ride, the preview with its verdicts, the question about a name the
table does not know, confirming, and the same files again adding nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from athletes.models import AthleteProfile
from tests.browser.conftest import login
from training.models import Run, StrengthSession

pytestmark = pytest.mark.browser

FILES = Path(__file__).resolve().parents[1] / "training" / "fixtures" / "files"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # git-ignored
# Strong's iOS layout with a name the table does not know: the preview must ask about it.
UNKNOWN = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
           "Notes,Workout Notes,RPE\n"
           '2024-04-02 6:00:00 PM,"Odd day",40m,Zercher Squat (Barbell),1,70,5,,,,,8\n'
           '2024-04-02 6:00:00 PM,"Odd day",40m,Zercher Squat (Barbell),2,70,5,,,,,8\n')


def _upload(page: Page, base: str, athlete: AthleteProfile, files: list[Path]) -> None:
    page.goto(f"{base}/athletes/{athlete.pk}/import/")
    page.set_input_files("#id_file", [str(f) for f in files])
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(lambda url: "/imports/" in url)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1366, "height": 900}], ids=["phone", "desktop"])
def test_an_athlete_imports_a_strong_export_and_a_watch_run_once(
        page: Page, live_server, demo, tmp_path: Path, viewport: dict) -> None:
    maya = AthleteProfile.objects.get(user__email="maya@apexzone.test")
    unknown = tmp_path / "strong_zercher.csv"
    unknown.write_text(UNKNOWN)
    files = [FILES / "strong_ios.csv", FILES / "run.fit", FILES / "ride.fit", unknown]
    runs, lifts = Run.objects.filter(athlete=maya).count(), \
        StrengthSession.objects.filter(athlete=maya).count()
    page.set_viewport_size(viewport)
    login(page, live_server.url, "maya@apexzone.test")

    _upload(page, live_server.url, maya, files)
    table = page.locator("table.import-files")
    expect(table).to_contain_text("strong_ios.csv")
    expect(page.locator("tr.outcome-skipped")).to_contain_text("ride.fit")  # not a run
    confirm = page.get_by_role("button", name="Confirm and import")
    expect(confirm).to_be_disabled()  # a name is still unanswered
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"import-preview-{viewport['width']}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    # Each answer reloads the preview: Zercher squats are front squats, the rest is ignored.
    rows = page.locator("form.mapping-row")
    expect(rows.filter(has_text="Zercher Squat (Barbell)")).to_have_count(1)
    for left in range(rows.count() - 1, -1, -1):
        row = rows.first
        zercher = "Zercher" in row.inner_text()
        row.locator("select").select_option("front-squat" if zercher else "ignore")
        row.get_by_role("button", name="Save").click()
        expect(rows).to_have_count(left)
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator(".flash-success")).to_contain_text("Written: 1 run")
    page.screenshot(path=str(SHOTS / f"import-done-{viewport['width']}.png"), full_page=True)
    added_runs = Run.objects.filter(athlete=maya).count() - runs
    added_lifts = StrengthSession.objects.filter(athlete=maya).count() - lifts
    assert added_runs == 1 and added_lifts >= 2

    _upload(page, live_server.url, maya, files)  # the same files again
    expect(page.locator("form.mapping-row")).to_have_count(0)  # the answer was kept
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator(".flash-success")).to_contain_text("Written: 0 runs")
    assert Run.objects.filter(athlete=maya).count() - runs == added_runs
    assert StrengthSession.objects.filter(athlete=maya).count() - lifts == added_lifts
