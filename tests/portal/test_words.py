"""Coach-facing words on the portal: a placement that leaves a warning says it in words and
links the rule's page; no rule code and no ISO week label in the text."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from scheduling.services import athlete_profile_update, planned_session_create
from tests.portal.conftest import World

CODE = re.compile(r"\b[A-Z]+(?:_[A-Z0-9]+)+\b")


def visible_text(html: str) -> str:
    """The page's text without its tags and attributes (where a code may be, as a link)."""
    return re.sub(r"<[^>]+>", " ", html)


def test_a_slot_that_leaves_a_warning_links_the_rule_instead_of_naming_its_code(
    world: World, client, coach
) -> None:
    next_monday = world.today - dt.timedelta(days=world.today.weekday()) + dt.timedelta(days=7)
    athlete_profile_update(athlete=world.athlete, actor=coach,
                           availability=[(6, dt.time(17), dt.time(19))])
    planned_session_create(actor=coach, athlete=world.athlete, kind="run", run_type="long",
                           date=next_monday + dt.timedelta(days=5), start_time=dt.time(8),
                           duration_min=150, distance_m=25_000)
    client.force_login(coach)
    page = client.get(reverse("portal:proposals", args=[world.athlete.pk]),
                      {"week": next_monday.isoformat()})
    html = page.content.decode()
    slots = [s for row in page.context["rows"] for s in row["proposal"].slots]
    assert slots and all("HEAVY_AFTER_LONG_RUN" in s.rules for s in slots)
    sunday = next_monday + dt.timedelta(days=6)
    assert "(a warning)" in html
    assert f"{sunday:%A} {sunday.day} {sunday:%b}" in html
    for code in {code for s in slots for code in s.rules}:
        assert f'href="{reverse("portal:rules")}#{code}"' in html
    assert not CODE.findall(visible_text(html))
    assert not re.search(r"\d{4}-W\d{2}", visible_text(html))
