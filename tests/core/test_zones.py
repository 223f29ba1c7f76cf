"""The zones a person picks: canonical names only, an alias taken as its zone."""

from __future__ import annotations

import pytest

from core.zones import canonical_zones, zone_canonical


def test_the_list_holds_the_zones_people_live_in_and_utc() -> None:
    zones = canonical_zones()
    assert {"America/Denver", "Europe/Berlin", "Europe/Oslo", "Asia/Kolkata",
            "Australia/Sydney", "UTC"} <= set(zones)
    assert list(zones) == sorted(zones)


@pytest.mark.parametrize("alias", ["US/Pacific", "Etc/GMT+5", "Asia/Calcutta", "GB", "EST5EDT",
                                   "Etc/UTC", "Europe/Kiev"])
def test_the_list_has_no_alias_and_no_etc_zone(alias: str) -> None:
    assert alias not in canonical_zones()


@pytest.mark.parametrize(("name", "zone"), [
    ("US/Pacific", "America/Los_Angeles"),
    ("Asia/Calcutta", "Asia/Kolkata"),  # what Chromium's ICU still reports in India
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Etc/UTC", "UTC"),
    ("America/Denver", "America/Denver"),
])
def test_an_alias_is_taken_as_its_canonical_zone(name: str, zone: str) -> None:
    assert zone_canonical(name) == zone


@pytest.mark.parametrize("name", ["Etc/GMT+5", "EST5EDT", "Mars/Olympus", ""])
def test_what_no_person_lives_in_has_no_canonical_zone(name: str) -> None:
    assert zone_canonical(name) is None
