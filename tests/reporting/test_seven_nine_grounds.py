"""The KPI page counts each § 7-9 route and exception per year (issue 14)."""

import pytest

from reporting import indicators
from reporting.facts import fact_groups
from tests.reporting.conftest import published, with_requirement

pytestmark = pytest.mark.django_db
WHY = "Begrunnet i konkurransegrunnlaget."


def test_each_route_and_exception_is_counted_in_its_own_year(org):
    published(org, year=2025, env=20, price=80, rule_exception="kravspesifikasjon", rule_exception_justification=WHY)
    published(org, year=2025, price=100, rule_exception="ubetydelig", rule_exception_justification=WHY)
    published(org, year=2025, env=40, price=60)
    published(org, year=2026, price=100, rule_exception="kritisk_interesse", rule_exception_justification=WHY)
    published(org, year=2026, price=100, rule_exception="nasjonalt_minstekrav", rule_exception_justification=WHY)
    published(org, year=2026, price=100, rule_exception="ubetydelig", rule_exception_justification=WHY)
    published(org, year=2026, ranked_env=2)
    counts = {i.key: [r.numerator for r in results] for i, results in indicators.table(fact_groups(org), [2025, 2026])}
    assert counts["unntak_kravspesifikasjon"] == [1, 0]
    assert counts["unntak_ubetydelig"] == [1, 1]
    assert counts["unntak_kritisk_interesse"] == [0, 1]
    assert counts["unntak_nasjonalt_minstekrav"] == [0, 1]
    assert counts["rangert_uten_unntak"] == [0, 1]
    assert counts["miljo_30"] == [1, 0]


def test_ems_counts_only_requirements_flagged_as_ems(org):
    """A waste permit copied from the library no longer counts as an EMS (issue 14, item 5)."""
    ems = published(org, year=2025, env=40, price=60)
    permit = published(org, year=2025, env=40, price=60)
    with_requirement(ems, environmental_management=True)
    with_requirement(permit, environmental_management=False)
    counts = {i.key: results[0].numerator for i, results in indicators.table(fact_groups(org), [2025])}
    assert counts["miljoledelse"] == 1
