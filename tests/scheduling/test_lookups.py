"""``AnyOf``: a column matched against ids a chunk already read, on PostgreSQL and SQLite."""

import pytest
from django.db.models import F

from athletes.models import AthleteProfile
from scheduling.lookups import AnyOf, array_literal

pytestmark = pytest.mark.django_db


def test_array_literal():
    assert array_literal([]) == "{}"
    assert array_literal([3, 1, 2]) == "{3,1,2}"


def test_matches_exactly_the_ids_given(athlete, other_athlete):
    ids = [athlete.pk, other_athlete.pk]
    assert set(AthleteProfile.objects.filter(AnyOf(F("id"), ids))) == {athlete, other_athlete}
    assert list(AthleteProfile.objects.filter(AnyOf(F("id"), [athlete.pk]))) == [athlete]
    assert list(AthleteProfile.objects.filter(AnyOf(F("id"), [other_athlete.pk + 10**9]))) == []


def test_no_ids_still_runs_one_query_and_finds_nothing(athlete, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(AthleteProfile.objects.filter(AnyOf(F("id"), []))) == []


def test_ids_come_as_ints_only(athlete):
    with pytest.raises((TypeError, ValueError)):
        AnyOf(F("id"), ["1) OR (1=1"])
