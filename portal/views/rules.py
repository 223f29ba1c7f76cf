"""The coaching rules (/rules/): the engine's rulebook as a page, one anchor per rule code.

Public, like the API docs: it holds no personal data, and a finding's link to its rule
should work for whoever the finding was forwarded to. It reads no database.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scheduling.engine.rulebook import (
    GROUP_TITLES,
    MOVE_TEXT,
    SEVERITY_MEANING,
    SOURCES,
    WORDS,
    Group,
    entries,
)


@require_GET
def rules_page(request: HttpRequest) -> HttpResponse:
    groups = [{"key": group.value, "title": GROUP_TITLES[group][0],
               "intro": GROUP_TITLES[group][1], "entries": entries(group)} for group in Group]
    return render(request, "portal/rules.html", {
        "groups": groups,
        "severities": list(SEVERITY_MEANING.items()),
        "words": WORDS,
        "sources": [("; ".join(refs), topic) for refs, topic in SOURCES],
        "move_text": MOVE_TEXT,
    })
