"""The portal's display filters: pace in the athlete's units, a rule's name."""

from types import SimpleNamespace

import pytest

from portal.templatetags.portal import hms, pace, rule_name


def test_hms() -> None:
    assert hms(None) == ""
    assert hms(59) == "0:59"
    assert hms(3725) == "1:02:05"


@pytest.mark.parametrize(("metres", "seconds", "units", "shown"), [
    (8000, 2700, "metric", "5:38 min/km"),  # 45:00 for 8 km
    (10000, 3000, "metric", "5:00 min/km"),
    (1609, 480, "imperial", "8:00 min/mi"),  # 8:00 for a mile (1609.344 m)
    (42195, 3 * 3600 + 30 * 60, "metric", "4:59 min/km"),
    (None, 2700, "metric", ""),  # no distance: no pace
    (8000, None, "metric", ""),
])
def test_pace(metres, seconds, units, shown) -> None:
    assert pace(SimpleNamespace(distance_m=metres, duration_s=seconds), units) == shown


def test_rule_name_gives_the_rulebooks_name_and_keeps_an_unknown_code() -> None:
    assert rule_name("TAPER_HEAVY") == "Heavy lifting in the taper"
    assert rule_name("RETIRED_RULE") == "RETIRED_RULE"
