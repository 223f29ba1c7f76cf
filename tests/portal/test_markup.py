"""Every portal page is well-formed HTML with landmarks, unique ids and a label on every
input (a small checker on the standard library's parser; no network validator)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.portal.conftest import World

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
OPTIONAL_END = {"p", "li", "option", "tr", "td", "th", "thead", "tbody"}


class Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, dict[str, str | None], bool]] = []
        self.tags: set[str] = set()
        self.described_by: list[str] = []  # the ids that aria-describedby points at

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        self.described_by += (a.get("aria-describedby") or "").split()
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")
        if tag in {"input", "select", "textarea"}:
            self.controls.append((tag, a, "label" in self.stack))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def check(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker


def _pages(w: World) -> list[str]:
    a = w.athlete.pk
    return [
        reverse("portal:athlete_week", args=[a]), reverse("portal:athlete_findings", args=[a]),
        reverse("portal:progress", args=[a]), reverse("portal:planned_new", args=[a]),
        reverse("portal:planned_edit", args=[w.planned.pk]),
        reverse("portal:proposals", args=[a]), reverse("portal:strength_new", args=[a]),
        reverse("portal:strength_log", args=[w.strength.pk]),
        reverse("portal:set_edit", args=[w.set_row.pk]),
        reverse("portal:run_new", args=[a]), reverse("portal:run_edit", args=[w.run.pk]),
        reverse("portal:settings"), reverse("portal:invitation", args=[w.token]),
        reverse("portal:check_in", args=[a]), reverse("portal:run_thread", args=[w.run.pk]),
    ]


@pytest.mark.parametrize("index", range(15))
def test_athlete_pages_are_well_formed_and_labelled(index: int, world: World, client) -> None:
    client.force_login(world.athlete.user)
    url = _pages(world)[index]
    checker = check(client.get(url).content.decode())
    assert not checker.errors, (url, checker.errors[:3])
    assert not checker.stack[2:], (url, checker.stack)  # only html/body may stay implied
    assert {"header", "nav", "main", "footer"} <= checker.tags, url
    dupes = {i for i in checker.ids if checker.ids.count(i) > 1}
    assert not dupes, (url, dupes)
    for tag, attrs, wrapped in checker.controls:
        if attrs.get("type") in {"hidden", "submit"}:
            continue
        labelled = wrapped or attrs.get("id") in checker.label_for or attrs.get("aria-label")
        assert labelled, (url, tag, attrs)
    assert set(checker.described_by) <= set(checker.ids), (url, checker.described_by)


def test_the_dashboard_is_well_formed_and_labelled(world: World, client, coach) -> None:
    client.force_login(coach)
    checker = check(client.get(reverse("portal:dashboard")).content.decode())
    assert not checker.errors
    for _tag, attrs, wrapped in checker.controls:
        if attrs.get("type") not in {"hidden", "submit"}:
            assert wrapped or attrs.get("id") in checker.label_for, attrs


def test_the_coachs_settings_are_well_formed_and_described(world: World, client,
                                                          coach) -> None:
    client.force_login(coach)
    checker = check(client.get(reverse("portal:settings")).content.decode())
    assert not checker.errors
    assert "id_coach-roster_digest_opt_out_helptext" in checker.described_by
    assert set(checker.described_by) <= set(checker.ids), checker.described_by
    for _tag, attrs, wrapped in checker.controls:
        if attrs.get("type") not in {"hidden", "submit"}:
            assert wrapped or attrs.get("id") in checker.label_for, attrs


@pytest.mark.django_db
def test_the_rules_page_is_well_formed_with_unique_anchors(client) -> None:
    checker = check(client.get(reverse("portal:rules")).content.decode())
    assert not checker.errors, checker.errors[:3]
    assert not checker.stack[2:], checker.stack
    assert {"header", "nav", "main", "footer"} <= checker.tags
    assert len(checker.ids) == len(set(checker.ids))
