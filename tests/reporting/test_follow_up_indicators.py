"""Follow-up and battery-chain indicators against a hand-computed data set."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from battery_chain.models import Product
from reporting import follow_up
from suppliers.models import Contract, Deviation, EscalationStep, Response
from tests.factories import battery_pack, battery_product, case, contract, dd_request, raw_material, sourcing_line

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def follow_up_year(org):
    """2025: three high-priority contracts running; two followed up (a letter, a meeting), one not.

    Requests due in 2025: four sent; answered on day 10, 20 (both before the deadline), 40
    (after) and never. Median days to answer among first answers received in 2025: 20.
    Deviations found in 2025: two, one still open.
    """
    contracts = [contract(organization=org, title=f"Kontrakt {i}", priority=Contract.Priority.HIGH) for i in range(3)]
    contract(organization=org, title="Lav prioritet", priority=Contract.Priority.LOW)
    cases = [case(contract=c) for c in contracts]
    sent = date(YEAR, 1, 1)
    requests = [
        dd_request(cases[0], sent_on=sent, deadline=date(YEAR, 1, 22), status="besvart"),
        dd_request(cases[0], sent_on=sent, deadline=date(YEAR, 1, 22), status="besvart"),
        dd_request(cases[0], sent_on=sent, deadline=date(YEAR, 1, 22), status="besvart"),
        dd_request(cases[0], sent_on=sent, deadline=date(YEAR, 1, 22), status="forfalt"),
    ]
    for request, days in zip(requests, (10, 20, 40), strict=False):
        Response.objects.create(request=request, received_on=date.fromordinal(sent.toordinal() + days))
    EscalationStep.objects.create(case=cases[1], kind="mote", date=date(YEAR, 3, 1))
    Deviation.objects.create(case=cases[0], title="Åpent avvik", found_on=date(YEAR, 2, 1))
    Deviation.objects.create(case=cases[0], title="Lukket avvik", found_on=date(YEAR, 2, 1), status="lukket")
    return contracts


def test_follow_up_indicators_equal_the_hand_computed_values(org, follow_up_year):
    results = {key: r[0] for key, r in follow_up.follow_up_results(org, [YEAR]).items()}
    assert (results["hoy_prioritet_aktiv"].value, results["hoy_prioritet_aktiv"].numerator) == (Decimal("66.7"), 2)
    assert results["hoy_prioritet_aktiv"].denominator == 3
    assert (results["svar_i_tide"].value, results["svar_i_tide"].numerator, results["svar_i_tide"].denominator) == (
        Decimal("50.0"),
        2,
        4,
    )
    assert results["median_svartid"].value == Decimal("20.0")
    assert results["apne_avvik"].value == 1


def test_follow_up_drill_down_lists_the_contracts_counted(officer_client, org, follow_up_year):
    page = officer_client.get(reverse("reporting:drill_down", args=["hoy_prioritet_aktiv", YEAR])).content.decode()
    assert "Kontrakt 0" in page and "Kontrakt 1" in page and "Kontrakt 2" not in page


def test_mine_level_disclosure_share_per_material(org):
    cobalt = raw_material("kobolt", name="Kobolt", battery_regulation_due_diligence=True)
    lithium = raw_material("litium", name="Litium", battery_regulation_due_diligence=True)
    disclosed, undisclosed = battery_product(organization=org), battery_product(organization=org)
    Product.objects.filter(pk__in=[disclosed.pk, undisclosed.pk]).update(created_at=date(YEAR - 1, 6, 1))
    sourcing_line(battery_pack(disclosed), material=cobalt, mine_country="CD", source_date=date(YEAR, 3, 1))
    sourcing_line(battery_pack(undisclosed), material=lithium, mine_country="", refiner_country="CN")

    results = follow_up.battery_results(org, [YEAR - 1, YEAR], follow_up.battery_indicators())
    assert [r.value for r in results["gruveniva_kobolt"]] == [Decimal("0.0"), Decimal("50.0")]  # disclosed in 2025
    assert [r.value for r in results["gruveniva_litium"]] == [Decimal("0.0"), Decimal("0.0")]  # refinery only
