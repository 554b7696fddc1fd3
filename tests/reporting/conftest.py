"""A year of procurements with known answers (the issue's example), built directly in the database."""

from datetime import UTC, datetime

import pytest

from procurement.models import AwardCriterion, Procurement, Requirement
from reporting import fact_summary
from tests.factories import CategoryFactory, procurement

YEAR = 2025


def published(
    org, *, year=YEAR, kind="varer", value=1_000_000, category=None, env=None, price=None, ranked_env=None, **fields
):
    """A published procurement with award weights: env and price are weights in percent."""
    p = procurement(organization=org, kind=kind, estimated_value=value, category=category, **fields)
    Procurement.objects.filter(pk=p.pk).update(
        status=Procurement.Status.PUBLISHED,
        published_at=datetime(year, 6, 1, 12, tzinfo=UTC),
        award_method=Procurement.AwardMethod.RANKED if ranked_env else Procurement.AwardMethod.WEIGHTED,
    )
    fact_summary.refresh([p.pk])  # written past save(), as a bulk loader would: the loader refreshes
    if env is not None:
        AwardCriterion.objects.create(procurement=p, name="Miljø", weight=env, is_environmental=True)
    if price is not None:
        AwardCriterion.objects.create(procurement=p, name="Pris", weight=price, is_price=True)
    if ranked_env:
        AwardCriterion.objects.create(procurement=p, name="Miljø", rank=ranked_env, is_environmental=True)
    return p


def with_requirement(p, **flags):
    Requirement.objects.create(procurement=p, section="kvalifikasjonskrav", title="Krav", text="Tekst", **flags)
    return p


@pytest.fixture
def known_year(org):
    """10 procurements in 2025: 4 with environment at 20, 30, 30 and 40 %.

    Goods: 7 (4 of them with environment). Price only: 2. EMS required: 3.
    High-risk: 2 (1 with the human-rights clause). Plus noise that must not count:
    a cancelled one, one under 100 000 NOK, an unpublished draft, one from 2024.
    """
    risky = CategoryFactory(slug="tekstiler-test", name="Tekstiler")
    type(risky).objects.filter(pk=risky.pk).update(high_risk=True)
    risky.refresh_from_db()
    ps = [
        published(org, env=20, price=80),
        published(org, env=30, price=70),
        published(org, env=30, price=70),
        published(org, env=40, price=60),
        published(org, price=100),
        published(org, price=100, kind="tjenester"),
        published(org, kind="tjenester", price=60),
        published(org, kind="tjenester", price=50),
        published(org, kind="varer", category=risky),
        published(org, kind="varer", category=risky),
    ]
    for p in ps[:3]:
        with_requirement(p, environmental_management=True)
    with_requirement(ps[8], human_rights_clause=True)
    cancelled = published(org, env=50, price=50)
    Procurement.objects.filter(pk=cancelled.pk).update(status=Procurement.Status.CANCELLED)
    fact_summary.refresh([cancelled.pk])
    published(org, env=50, price=50, value=90_000)
    procurement(organization=org)  # a draft: never published
    published(org, env=50, price=50, year=2024)
    return ps
