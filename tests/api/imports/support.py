"""What the imports API tests share: the routes and the fixture files."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.training.imports_support import FILES

LIST = reverse("api-import-list")


def detail(pk: int, action: str = "") -> str:
    name = f"api-import-{action}" if action else "api-import-detail"
    return reverse(name, kwargs={"pk": pk})


def fixture(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name.rsplit("/", 1)[-1], (FILES / name).read_bytes())
