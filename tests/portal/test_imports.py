"""The portal's import pages: upload (a plain multiple file input, a drop zone over it),
the preview per file, the mapping questions, the progress polled by htmx, the confirm."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from athletes.models import AthleteProfile
from tests.training.imports_support import FILES
from training.models import Import, Run, StrengthSet


def _upload(client: Any, athlete: AthleteProfile, capture: Any, *names: str) -> Import:
    with capture(execute=True):
        response = client.post(reverse("portal:import_new", args=[athlete.pk]), {
            "file": [SimpleUploadedFile(n, (FILES / n).read_bytes()) for n in names]})
    assert response.status_code == 302
    upload = Import.objects.latest("id")
    assert response["Location"] == reverse("portal:import_detail", args=[upload.pk])
    return upload


def test_the_upload_page_takes_several_files_or_an_archive_without_inline_script(
        client: Any, athlete: AthleteProfile) -> None:
    client.force_login(athlete.user)
    page = client.get(reverse("portal:import_new", args=[athlete.pk])).content.decode()
    assert re.search(r'<input type="file" name="file" id="id_file" multiple', page)
    assert 'enctype="multipart/form-data"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "no inline script (CSP)"
    assert "portal/imports.js" in page


def test_the_athletes_pages_link_to_the_import(client: Any, athlete: AthleteProfile) -> None:
    client.force_login(athlete.user)
    page = client.get(reverse("portal:athlete_week", args=[athlete.pk])).content.decode()
    assert reverse("portal:import_new", args=[athlete.pk]) in page


def test_preview_mapping_and_confirm(client: Any, athlete: AthleteProfile,
                                     django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(athlete.user)
    upload = _upload(client, athlete, django_capture_on_commit_callbacks, "run.fit",
                     "hevy_kg.csv", "ride.fit")
    page = client.get(reverse("portal:import_detail", args=[upload.pk])).content.decode()
    assert "run.fit" in page and "hevy_kg.csv" in page
    assert "Skipped: a cycling/road activity, not a run" in page
    assert "Sled Push" in page, "the unknown name is asked"
    assert re.search(r"<button type=\"submit\" disabled", page), "confirm waits for answers"
    client.post(reverse("portal:import_mapping", args=[upload.pk]),
                {"name": "Sled Push", "exercise": "ignore"})
    page = client.get(reverse("portal:import_detail", args=[upload.pk])).content.decode()
    assert "Which exercise is it?" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:import_confirm", args=[upload.pk]))
    assert response.status_code == 302
    page = client.get(reverse("portal:import_detail", args=[upload.pk])).content.decode()
    assert "Written: 1 run," in page
    assert Run.objects.filter(athlete=athlete).count() == 1
    assert StrengthSet.objects.filter(session__athlete=athlete).exists()


def test_progress_is_polled_while_reading_and_the_page_reloads_when_done(
        client: Any, athlete: AthleteProfile, django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(athlete.user)
    response = client.post(reverse("portal:import_new", args=[athlete.pk]), {
        "file": SimpleUploadedFile("run.fit", (FILES / "run.fit").read_bytes())})
    upload = Import.objects.get()  # not read yet: the reading runs after commit
    page = client.get(response["Location"]).content.decode()
    progress = reverse("portal:import_progress", args=[upload.pk])
    assert f'hx-get="{progress}" hx-trigger="every 1s"' in page
    assert "<progress" in page
    Import.objects.filter(pk=upload.pk).update(state="ready")
    fragment = client.get(progress, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 204
    assert fragment["HX-Redirect"] == reverse("portal:import_detail", args=[upload.pk])


def test_a_refused_upload_says_why(client: Any, athlete: AthleteProfile) -> None:
    client.force_login(athlete.user)
    response = client.post(reverse("portal:import_new", args=[athlete.pk]), {
        "file": SimpleUploadedFile("t.zip", (FILES / "broken" / "traversal.zip").read_bytes())})
    assert response.status_code == 400
    assert "leaves the archive" in response.content.decode()


def test_the_progress_fragment_takes_as_many_queries_for_one_file_as_for_many(
        client: Any, athlete: AthleteProfile, django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(athlete.user)
    one = _upload(client, athlete, django_capture_on_commit_callbacks, "run.fit")
    many = _upload(client, athlete, django_capture_on_commit_callbacks, "run.fit", "run.tcx",
                   "ride.fit", "hevy_kg.csv")
    counts = []
    for upload in (one, many):
        Import.objects.filter(pk=upload.pk).update(state="parsing")
        with CaptureQueriesContext(connection) as queries:
            # the session and its user, the import in the user's scope, its files
            client.get(reverse("portal:import_progress", args=[upload.pk]),
                       HTTP_HX_REQUEST="true")
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5, counts


def test_more_files_than_django_parses_says_to_zip_them(client: Any,
                                                        athlete: AthleteProfile) -> None:
    client.force_login(athlete.user)
    files = [SimpleUploadedFile(f"{i}.gpx", b"<gpx/>") for i in range(101)]
    response = client.post(reverse("portal:import_new", args=[athlete.pk]), {"file": files})
    assert response.status_code == 400
    assert "put them in one zip archive" in response.content.decode()


def test_a_file_imported_again_reads_already_there_not_written(
        client: Any, athlete: AthleteProfile, django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(athlete.user)
    for attempt in ("first", "again"):
        upload = _upload(client, athlete, django_capture_on_commit_callbacks, "run.fit")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("portal:import_confirm", args=[upload.pk]))
        page = client.get(reverse("portal:import_detail", args=[upload.pk])).content.decode()
        verdict = re.search(r"<td>run\.fit</td>\s*<td>([a-z ]+)", page)
        assert verdict and verdict.group(1).strip() == (
            "written" if attempt == "first" else "already there"), attempt
    assert Run.objects.filter(athlete=athlete).count() == 1
