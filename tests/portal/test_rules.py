"""The coaching rules' page (/rules/) and the links every finding makes to it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from scheduling.engine import Rule
from scheduling.engine.rulebook import RULEBOOK
from tests.portal.conftest import World, week_url

RULES_URL = "/rules/"
AUTH = 2  # every signed-in request: the session, the user


@pytest.mark.django_db
def test_the_rules_page_lists_every_code_under_its_own_anchor(client) -> None:
    html = client.get(reverse("portal:rules")).content.decode()
    for rule in Rule:
        entry = RULEBOOK[rule]
        assert html.count(f'id="{rule}"') == 1, rule
        assert escape(entry.name) in html and escape(entry.why) in html, rule
        for verdict in entry.verdicts:
            assert escape(verdict.when) in html, (rule, verdict.severity)


@pytest.mark.django_db
def test_the_rules_page_gives_each_severity_of_a_rule_its_threshold(client) -> None:
    html = client.get(reverse("portal:rules")).content.decode()
    card = html[html.index('id="TAPER_HEAVY"'):html.index('id="RACE_WEEK_TOO_CLOSE"')]
    assert re.search(r"> Error</span> A heavy lower session 7 days or fewer", card)
    assert re.search(r"> Warning</span> 8 to 10 days before it", card)


@pytest.mark.django_db
def test_the_rules_page_reads_no_database_for_a_visitor(client,
                                                        django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert client.get(reverse("portal:rules")).status_code == 200


def test_the_rules_page_costs_a_signed_in_user_only_the_session_and_user(
        coach, client, django_assert_num_queries) -> None:
    client.force_login(coach)
    with django_assert_num_queries(AUTH):
        assert client.get(reverse("portal:rules")).status_code == 200


def _text_outside_tags(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)


def test_a_finding_on_the_week_links_its_rule_by_name(world: World, client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    name = RULEBOOK[Rule.HEAVY_BEFORE_KEY_RUN].name
    assert f'<a href="{RULES_URL}#HEAVY_BEFORE_KEY_RUN">{name}</a>' in html
    assert "HEAVY_BEFORE_KEY_RUN" not in _text_outside_tags(html)  # no raw code for coaches


def test_the_findings_page_links_each_finding_to_its_rule(world: World, client, coach) -> None:
    client.force_login(coach)
    html = client.get(reverse("portal:athlete_findings", args=[world.athlete.pk])).content.decode()
    name = RULEBOOK[Rule.HEAVY_BEFORE_KEY_RUN].name
    assert f'<a href="{RULES_URL}#HEAVY_BEFORE_KEY_RUN">{name}</a>' in html
    assert "HEAVY_BEFORE_KEY_RUN" not in _text_outside_tags(html)


def test_every_page_links_the_rules_in_its_footer(world: World, client) -> None:
    client.force_login(world.athlete.user)
    html = client.get(week_url(world)).content.decode()
    footer = html[html.index("<footer"):]
    assert f'<a href="{RULES_URL}">The coaching rules</a>' in footer
