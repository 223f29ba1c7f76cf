"""The production static files: collectstatic builds the manifest every page is served from.

With DEBUG off the pages name their assets through whitenoise's manifest storage; a
collectstatic that fails (a vendored file naming a source map it lacks) leaves no manifest,
and every portal and admin page is a 500.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Django's manifest storage follows these lines (its own patterns for .js and .css files).
SOURCE_MAP = re.compile(r"^(?://|/\*)# sourceMappingURL=(\S+?)[ \t]*(?:\*/)?[ \t]*$", re.M)


def test_every_static_file_that_names_a_source_map_ships_it() -> None:
    missing = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            if not path.endswith((".js", ".css")):
                continue
            with storage.open(path) as handle:
                text = handle.read().decode("utf-8", "replace")
            for ref in SOURCE_MAP.findall(text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), ref))
                if not ref.startswith("data:") and not storage.exists(target):
                    missing.append(f"{path} names {ref}")
    assert missing == []


def test_collectstatic_builds_the_manifest_the_pages_are_served_from(
    db: None, client: Client, tmp_path: Path
) -> None:
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
        for name in [
            "vendor/pico.min.css", "vendor/chart.umd.min.js", "portal/portal.css",
            "portal/portal.js", "api/docs.css", "admin/css/base.css",
            "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        ]:
            assert (tmp_path / manifest[name]).is_file(), name
        response = client.get("/accounts/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/static/{manifest["vendor/pico.min.css"]}"' in page
    assert f'src="/static/{manifest["portal/portal.js"]}"' in page
