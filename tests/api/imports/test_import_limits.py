"""The imports API's limits: too many files or bytes is a 413, a zip that reaches outside
itself or expands without bound is refused."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from athletes.models import AthleteProfile
from tests.api.imports.support import LIST, fixture
from tests.training.imports_support import FILES
from training.models import Import


def test_too_many_files_is_a_413(post_files: Any, settings: Any) -> None:
    settings.IMPORT_MAX_FILES = 1
    response = post_files(fixture("run.fit"), fixture("run.tcx"))
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Import.objects.exists()


def test_too_many_bytes_is_a_413(post_files: Any, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1000
    response = post_files(fixture("run.fit"))
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_zip_with_a_path_out_of_it_is_refused(post_files: Any) -> None:
    response = post_files(fixture("broken/traversal.zip"))
    assert response.status_code == 400
    assert response.json()["codes"] == {"file": ["unsafe_path"]}
    assert not Import.objects.exists()


def test_an_absolute_path_in_a_zip_is_refused(post_files: Any) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("/etc/run.gpx", (FILES / "run_1_1.gpx").read_bytes())
    response = post_files(SimpleUploadedFile("abs.zip", data.getvalue()))
    assert response.json()["codes"] == {"file": ["unsafe_path"]}


def test_a_zip_bomb_is_refused(post_files: Any) -> None:
    response = post_files(fixture("broken/bomb.zip"))
    assert response.status_code == 400
    assert response.json()["codes"] == {"file": ["zip_bomb"]}


def test_more_files_than_django_parses_is_a_413_too(client_for: Any,
                                                    athlete: AthleteProfile) -> None:
    files = [SimpleUploadedFile(f"{i}.gpx", b"<gpx/>") for i in range(101)]
    response = client_for("athlete").post(LIST, {"file": files}, format="multipart")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
