"""No template needs a Content-Security-Policy relaxed: no inline script or style, no
event-handler attribute, no javascript: URL (behaviour hangs on data-* in static files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_an_inline_script_style_or_event_handler(template: Path) -> None:
    assert inline_markup(template.read_text()) == []


def test_the_check_finds_what_the_policy_would_block() -> None:
    page = ('<form onsubmit="return confirm(1)"><p style="color:red"><script>x()</script>'
            '<style>p{}</style><a href="javascript:x()">')
    assert len(inline_markup(page)) == 5
    assert inline_markup('<script src="/static/a.js" defer></script>{# <script> #}') == []
