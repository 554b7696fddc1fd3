"""The standstill period (karensperiode) per regime: 10 days in every regime above its EEA threshold, none below.

The values are dated rule rows per regime (procurement.StandstillRule), never literals in code.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from procurement import rules
from procurement.evaluation import services
from procurement.evaluation.models import StandstillRule
from tests.procurement.evaluation.builders import evaluable

pytestmark = pytest.mark.django_db

# (regime part, value, kind, buyer type, standstill days)
CASES = [
    ("del_3", 120_000_000, "varer", "annen", 10),
    ("saerlige", 8_000_000, "saerlige_tjenester", "annen", 10),
    ("forsyning", 5_000_000, "varer", "forsyning", 10),
    ("del_2", 1_400_000, "varer", "annen", 0),
    ("del_2", 5_000_000, "saerlige_tjenester", "annen", 0),  # special services below their threshold
    ("del_1", 500_000, "varer", "annen", 0),
    ("act_only", 3_000_000, "varer", "forsyning", 0),
    ("under", 90_000, "varer", "annen", 0),
]


@pytest.mark.parametrize(("part", "value", "kind", "buyer_type", "days"), CASES)
def test_each_regime_gets_its_standstill(org, part, value, kind, buyer_type, days):
    p = evaluable(org, value=value, kind=kind, buyer_type=buyer_type)
    decided = timezone.localdate()
    s = services.standstill_for(p, decided)
    assert s.days == days
    assert s.end == (decided + timedelta(days=days) if days else None)
    assert s.above_eea == bool(days)
    assert rules.regime_of(p).part == part


@pytest.mark.parametrize("regime", ["del_3", "saerlige", "forsyning"])
def test_every_regime_above_the_eea_threshold_has_a_dated_row(regime):
    row = StandstillRule.objects.filter(regime=regime).order_by("-valid_from").first()
    assert row is not None and row.days == 10 and row.source


def test_a_new_row_for_one_regime_changes_only_that_regime(org):
    StandstillRule.objects.create(regime="forsyning", valid_from=date(2026, 1, 1), days=15, source="Test")
    utility = evaluable(org, value=5_000_000, buyer_type="forsyning")
    classic = evaluable(org, value=120_000_000)
    today = timezone.localdate()
    assert services.standstill_for(utility, today).days == 15
    assert services.standstill_for(classic, today).days == 10


def test_a_regime_above_the_threshold_without_a_row_says_the_data_is_missing(org):
    StandstillRule.objects.filter(regime="saerlige").delete()
    p = evaluable(org, value=8_000_000, kind="saerlige_tjenester")
    s = services.standstill_for(p, timezone.localdate())
    assert (s.days, s.end, s.above_eea, s.outdated) == (0, None, True, True)
