"""The Content-Security-Policy: a strict header on the portal, the admin and the API docs, and
no template that would need it relaxed (no inline script or style, no event-handler attribute).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from athletes.models import AthleteProfile, User

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
COMMENTS = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
INLINE = {
    "an inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "a style element": re.compile(r"<style\b", re.I),
    "a style attribute": re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.I),
    "an event-handler attribute": re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def inline_markup(html: str) -> list[str]:
    """What in this markup a policy of scripts and styles from 'self' only would block."""
    html = COMMENTS.sub("", html)
    return [f"{what}: {match.group(0)[:80]}" for what, pattern in INLINE.items()
            for match in pattern.finditer(html)]


def assert_strict_policy(response: HttpResponse) -> None:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    policy = {name: values for name, *values in (d.split() for d in header.split(";"))}
    for name in ("default-src", "script-src", "style-src"):
        assert policy[name] == ["'self'"], (name, policy[name])
    assert policy["object-src"] == policy["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_an_inline_script_style_or_event_handler(template: Path) -> None:
    assert inline_markup(template.read_text()) == []


def test_the_check_finds_what_the_policy_would_block() -> None:
    page = ('<form onsubmit="return confirm(1)"><p style="color:red"><script>x()</script>'
            '<style>p{}</style><a href="javascript:x()">')
    assert len(inline_markup(page)) == 5
    assert inline_markup('<script src="/static/a.js" defer></script>{# <script> #}') == []


def test_the_login_page_has_the_policy_and_nothing_inline(client: Client, db: None) -> None:
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert_strict_policy(response)
    assert inline_markup(response.content.decode()) == []


def test_a_coachs_week_page_has_the_policy_and_confirms_without_inline_script(
    client: Client, coach: User, athlete: AthleteProfile
) -> None:
    client.force_login(coach)
    response = client.get(reverse("portal:athlete_week", args=[athlete.pk]))
    assert response.status_code == 200
    assert_strict_policy(response)
    page = response.content.decode()
    assert inline_markup(page) == []
    assert 'data-confirm="Remove Ada Athlete from your roster?"' in page


def test_htmx_is_told_to_inject_no_style_and_to_eval_nothing(client: Client, db: None) -> None:
    page = client.get(reverse("account_login")).content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert meta, "no htmx-config meta tag"
    # htmx settles "style" by default: it copies the old element's style attribute onto the
    # swapped-in one, which the policy refuses (a console error on every swap).
    assert json.loads(meta.group(1)) == {
        "includeIndicatorStyles": False, "allowEval": False,
        "attributesToSettle": ["class", "width", "height"],
    }
    assert ".htmx-request .htmx-indicator" in (ROOT / "static/portal/portal.css").read_text()


def test_the_admin_has_the_policy(client: Client, coach: User) -> None:
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert_strict_policy(login)
    client.force_login(coach)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert_strict_policy(index)


def test_the_api_docs_have_the_policy_and_load_swagger_from_our_static_files(
    client: Client, db: None
) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert_strict_policy(response)
    page = response.content.decode()
    assert inline_markup(page) == []
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in script.content
