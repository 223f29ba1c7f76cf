"""A rule's raw verdict before it is put into words (``Hit``) and its stable key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scheduling.engine.classify import Work
from scheduling.engine.prepare import Item
from scheduling.engine.timeline import iso_week_label
from scheduling.engine.types import Rule, SessionRef, Severity

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(slots=True)
class Hit:
    rule: Rule
    severity: Severity
    items: tuple[Item, ...]  # the sessions that cause it, in time order
    gap_h: float | None = None  # the gap the rule measured, hours
    week: dt.date | None = None  # Monday of the ISO week, weekly rules only
    works: tuple[Work, ...] = ()  # the offending sets or lines
    number: float = 0.0  # the measured figure (contacts, count, days, ...)
    limit: float = 0.0  # the threshold it crossed
    suffix: str = ""  # extra identity (the lift of STALLED_PROGRESSION)
    _key: str = ""

    @classmethod
    def again(cls, rule: Rule, severity: Severity, items: tuple[Item, ...], key: str) -> Hit:
        """A finding made earlier, as a hit again (its sessions and key; no figures): what
        ``fixes.suggest`` works from."""
        return cls(rule, severity, items, _key=key)

    @property
    def refs(self) -> tuple[SessionRef, ...]:
        items = self.items
        if len(items) == 1:
            return (items[0].ref,)
        if len(items) == 2:
            a, b = items
            if a.tag == b.tag:
                return (a.ref,)
            return (a.ref, b.ref) if a.rkey < b.rkey else (b.ref, a.ref)
        return tuple(i.ref for i in _distinct(items))

    @property
    def key(self) -> str:
        if not self._key:
            items = self.items
            key = self.rule.value
            if items:
                if len(items) == 1:
                    key += ":" + items[0].tag
                else:
                    key += ":" + ",".join(i.tag for i in _distinct(items))
            if self.week is not None:
                key += "@" + iso_week_label(self.week)
            if self.suffix:
                key += "#" + self.suffix
            self._key = key
        return self._key


def _distinct(items: tuple[Item, ...]) -> list[Item]:
    """One item per ref, in ref order (as ``sorted({i.ref for i in items})``)."""
    seen: dict[str, Item] = {}
    for i in items:
        seen.setdefault(i.tag, i)
    return sorted(seen.values(), key=_rkey)


def _rkey(item: Item) -> tuple[str, int]:
    return item.rkey


def finding_key(rule: str, refs: tuple[SessionRef, ...], week: dt.date | None = None,
                suffix: str = "") -> str:
    """``RULE:planned:12,planned:15``, ``WEEKLY_FREQUENCY_LOW:planned:3@2026-W48``, ..."""
    key = rule
    if refs:
        key += ":" + ",".join(f"{r.type.value}:{r.id}" for r in refs)
    if week is not None:
        key += "@" + iso_week_label(week)
    if suffix:
        key += "#" + suffix
    return key
