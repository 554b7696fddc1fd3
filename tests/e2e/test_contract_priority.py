"""A contract follower opens a contract and records the prioritisation in a real browser."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from suppliers.models import Contract
from tests.e2e.test_tender_builder import log_in
from tests.factories import CategoryFactory, OrganizationFactory, contract, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_follower_records_the_prioritisation_and_sees_high_priority_with_reasons(live_server, page):
    org = OrganizationFactory(name="Bergen testkommune")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    vehicles = CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport", high_risk=True)
    contract(organization=org, title="Leasing av elbiler", category=vehicles, responsible=follower)
    log_in(page, live_server.url, follower)

    # 1. From "Mine kontrakter" on the start page to the contract.
    expect(page.get_by_role("heading", name="Mine kontrakter")).to_be_visible()
    page.get_by_role("link", name="Leasing av elbiler").click()
    expect(page.get_by_text("Prioriteringen er ikke vurdert.")).to_be_visible()

    # 2. Bergen's factors: batteries from high-risk countries, an evasive supplier, unknown risk.
    page.get_by_role("link", name="Vurder prioritering").click()
    page.get_by_label("Produksjon eller utvinning i høyrisikoland").check()
    page.get_by_label("Lite troverdig egenoppfølging").check()
    page.get_by_label("Ukjent risiko og lite kunnskap").check()
    # The score follows the ticks before anything is saved (htmx, issue 21).
    expect(page.get_by_test_id("priority-preview")).to_contain_text("Høy (9 poeng)")
    page.get_by_label("Ukjent risiko og lite kunnskap").uncheck()
    expect(page.get_by_test_id("priority-preview")).to_contain_text("(7 poeng)")
    page.get_by_label("Ukjent risiko og lite kunnskap").check()
    page.get_by_label("Kommentar").fill("Kobolt fra DR Kongo; bare én bilprodusent oppga gruvenivå.")
    page.get_by_role("button", name="Lagre prioriteringen").click()

    # 3. Høy, with the reasons: 3 + 2 + 2 + 2 for the high-risk category = 9.
    expect(page.get_by_text("Prioriteringen er lagret: Høy (9 poeng).")).to_be_visible()
    result = page.get_by_test_id("priority-result")
    expect(result).to_contain_text("Prioritet: Høy (9 poeng)")
    expect(result).to_contain_text("Produksjon eller utvinning i høyrisikoland")
    expect(result).to_contain_text("Kategorien er på DFØs høyrisikoliste")

    # 4. The overview shows it too.
    page.get_by_role("link", name="Oversikt").click()
    expect(page.get_by_test_id("priority-result")).to_contain_text("Prioritet: Høy (9 poeng)")
    c = Contract.objects.get()
    assert (c.priority, c.priority_score) == ("hoy", 9)
