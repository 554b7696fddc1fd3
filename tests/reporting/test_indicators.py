"""Every tender indicator against a hand-computed year (the issue's example)."""

from decimal import Decimal

import pytest

from reporting import indicators
from reporting.facts import fact_groups, facts
from tests.reporting.conftest import YEAR

pytestmark = pytest.mark.django_db

# key: (value, numerator, denominator), worked out by hand from the known_year fixture's docstring.
EXPECTED = {
    "varer_med_miljo": (Decimal("57.1"), 4, 7),  # 4 of the 7 goods procurements
    "alle_med_miljo": (Decimal("40.0"), 4, 10),
    "snitt_miljovekt": (Decimal("30.0"), 4, 10),  # (20 + 30 + 30 + 40) / 4
    "miljo_30": (Decimal("30.0"), 3, 10),  # 30, 30 and 40
    "miljoledelse": (Decimal("30.0"), 3, 10),
    "bare_pris": (Decimal("20.0"), 2, 10),
    "unntak_kravspesifikasjon": (Decimal("0.0"), 0, 10),
    "unntak_ubetydelig": (Decimal("0.0"), 0, 10),
    "unntak_kritisk_interesse": (Decimal("0.0"), 0, 10),
    "unntak_nasjonalt_minstekrav": (Decimal("0.0"), 0, 10),
    "rangert_uten_unntak": (Decimal("0.0"), 0, 10),
    "hoyrisiko_med_klausul": (Decimal("50.0"), 1, 2),
}


def test_every_indicator_equals_its_hand_computed_value(org, known_year):
    results = dict(indicators.table(fact_groups(org), [YEAR]))
    assert {i.key: (r[0].value, r[0].numerator, r[0].denominator) for i, r in results.items()} == EXPECTED


def test_cancelled_small_and_unpublished_procurements_do_not_count(org, known_year):
    rows = facts(org)
    assert sorted({f.year for f in rows}) == [2024, YEAR]
    assert len([f for f in rows if f.year == YEAR]) == 10


def test_drill_down_members_are_exactly_the_counted_ones(org, known_year):
    rows = [f for f in facts(org) if f.year == YEAR]
    at_least_30 = indicators.BY_KEY["miljo_30"].members(rows)
    assert sorted(f.pk for f in at_least_30) == sorted(p.pk for p in known_year[1:4])


def test_an_empty_year_has_no_value_rather_than_zero(org):
    (indicator, (result,)), *_ = indicators.table([], [YEAR])
    assert result.value is None and result.denominator == 0


def test_share_of_procurements_with_an_environmental_award_criterion(org, known_year):
    rows = [f for f in facts(org) if f.year == YEAR]
    result = indicators.BY_KEY["alle_med_miljo"].compute(rows)
    # 4 of the year's 10 counted procurements have a weighted "klima og miljø" award criterion.
    assert (result.value, result.numerator, result.denominator) == (Decimal("40.0"), 4, 10)


def test_the_dashboard_reads_groups_not_one_row_per_procurement(org, known_year):
    """Aggregated in SQL: the same numbers from far fewer rows, and the group count does not grow with copies."""
    from procurement.models import Procurement

    before = fact_groups(org)
    per_row = {i.key: i.compute(facts(org)) for i in indicators.TENDER_INDICATORS}
    assert {i.key: i.compute_groups(before) for i in indicators.TENDER_INDICATORS} == per_row
    counted = [f.pk for f in facts(org)][:3]
    for p in Procurement.objects.filter(pk__in=counted):
        awards, requirements = list(p.award_criteria.all()), list(p.requirements.all())
        p.pk, p.sequence, p.reference = None, p.sequence + 1000, f"{p.reference}-k"
        p.save()
        for child in awards + requirements:
            child.pk, child.procurement = None, p
            child.save()
    after = fact_groups(org)
    assert len(after) == len(before), "copies of existing procurements add to counts, not to rows"
    assert sum(n for _, n in after) == sum(n for _, n in before) + 3
