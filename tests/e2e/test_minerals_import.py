"""A contract follower imports a supplier's EMRT workbook for an electric bus in a real browser."""

import pytest
from playwright.sync_api import expect

from battery_chain.models import MineralsReport, SourcingLine
from core.roles import Role
from tests.battery_chain import helpers as workbooks
from tests.factories import TEST_PASSWORD, OrganizationFactory, member, minerals_materials, minerals_product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log_in(page, url, user):
    page.goto(f"{url}/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()


def test_follower_uploads_previews_and_confirms_an_emrt(live_server, page):
    org = OrganizationFactory(name="Bergen testkommune")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    minerals_materials()
    product = minerals_product(org)
    log_in(page, live_server.url, follower)

    page.goto(f"{live_server.url}/batterikjeder/mineralrapporter/produkt/{product.pk}/last-opp/")
    expect(page.get_by_role("heading", name="Importer mineralrapport")).to_be_visible()
    page.get_by_label("Arbeidsbok fra leverandøren (.xlsx)").set_input_files(
        files=[{"name": "nordic-cells-2025-03-15.xlsx", "mimeType": XLSX, "buffer": workbooks.emrt(shift=1)}]
    )
    page.get_by_role("button", name="Last opp og forhåndsvis").click()

    # The preview: the validation report and the lines that would be created; nothing saved yet.
    expect(page.get_by_role("heading", name="Forhåndsvisning av import")).to_be_visible()
    expect(page.get_by_test_id("template")).to_have_text("EMRT 2.1")
    expect(page.get_by_test_id("problems")).to_contain_text("smelteverket for Graphite er ikke identifisert")
    expect(page.get_by_test_id("lines")).to_contain_text("Salar de Atacama")
    assert MineralsReport.objects.count() == 0 and SourcingLine.objects.count() == 0

    page.get_by_role("button", name="Bekreft og importer 5 linjer").click()

    expect(page.get_by_text("er importert med 5 opprinnelseslinjer")).to_be_visible()
    expect(page.get_by_role("heading", name="Opprettede linjer")).to_be_visible()
    lines = page.get_by_test_id("lines")
    expect(lines).to_contain_text("Tenke Fungurume")
    expect(lines).to_contain_text("Umicore Finland Oy")
    expect(lines.locator("tbody tr")).to_have_count(5)
    assert SourcingLine.objects.filter(report__product=product, source="emrt").count() == 5

    # The report is listed for the organisation.
    page.get_by_role("link", name="Mineralrapporter").first.click()
    expect(page.get_by_role("link", name="Nordic Cells AS")).to_be_visible()
