"""Fixtures of the imports API tests: uploads and actions as a persona, the background steps
run as each request commits (as without Redis), media in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.imports.support import LIST, detail


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def post_files(client_for: Callable[[str], Any], django_capture_on_commit_callbacks: Any
               ) -> Callable[..., Any]:
    """POST files as a persona; the background steps run as the request commits."""

    def post(*files: SimpleUploadedFile, persona: str = "athlete", **fields: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(persona).post(LIST, {"file": list(files), **fields},
                                            format="multipart")

    return post


@pytest.fixture
def upload(post_files: Any, client_for: Callable[[str], Any]) -> Callable[..., Any]:
    """POST files (202), then the import as its reading left it."""

    def post(*files: SimpleUploadedFile, persona: str = "athlete", **fields: Any) -> Any:
        response = post_files(*files, persona=persona, **fields)
        assert response.status_code == 202, response.content
        return client_for(persona).get(detail(response.json()["id"])).json()

    return post


@pytest.fixture
def confirm(act: Any, client_for: Callable[[str], Any]) -> Callable[..., Any]:
    """Ignore the names still unknown (the fixtures' Sled Push), then confirm."""

    def post(body: dict[str, Any], persona: str = "athlete") -> Any:
        fresh = client_for(persona).get(detail(body["id"])).json()
        for name in fresh["unmapped"]:
            act(detail(body["id"], "mapping"), {"name": name, "exercise": None}, persona)
        return act(detail(body["id"], "confirm"), persona=persona)

    return post


@pytest.fixture
def act(client_for: Callable[[str], Any], django_capture_on_commit_callbacks: Any
        ) -> Callable[..., Any]:
    def post(url: str, data: Any = None, persona: str = "athlete") -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(persona).post(url, data, format="json")

    return post
