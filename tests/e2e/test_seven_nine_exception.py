"""An officer uses the 2026 exception for an insignificant footprint, in a real browser (issue 14)."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.roles import Role
from procurement.models import Procurement, TenderDocument
from procurement.tender_document import jobs
from procurement.tender_document.tasks import render_tender_document
from tests.factories import TEST_PASSWORD, CategoryFactory, OrganizationFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CODE = "quality-nor-env-exempt-insignificant"
JUSTIFICATION = "Lisensene leveres digitalt uten frakt eller emballasje; klimaavtrykket er uvesentlig."


def test_officer_publishes_with_the_insignificant_footprint_exception(live_server, page, rule_tables, monkeypatch):
    # Render in the server's own thread whether or not a broker is configured (CI has one, with no worker here).
    monkeypatch.setattr(jobs, "_enqueue", render_tender_document)
    org = OrganizationFactory(name="Bergen testkommune")
    officer = member(org, Role.BUYER)
    CategoryFactory(name="Programvarelisenser")
    page.goto(f"{live_server.url}/")
    page.get_by_label("Brukernavn").fill(officer.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()

    # A 2 MNOK procurement, dated today (so under the § 7-9 text in force from 1 July 2026).
    page.get_by_role("link", name="Ny anskaffelse").first.click()
    page.get_by_label("Tittel").fill("Lisenser til skolenes læringsplattform")
    page.get_by_label("Kategori").select_option(label="Programvarelisenser")
    page.get_by_label("Type anskaffelse").select_option("tjenester")
    page.get_by_label("Anslått verdi (NOK eks. mva.)").fill("2000000")
    page.get_by_role("button", name="Opprett anskaffelsen").click()
    expect(page.get_by_role("heading", name="Behovsvurdering")).to_be_visible()
    p = Procurement.objects.get(organization=org)

    # A requirement of its own, so the gate has nothing else to say.
    page.goto(f"{live_server.url}/anskaffelser/{p.pk}/krav/nytt/")
    page.get_by_label("Tittel").fill("Tilgang for alle elever")
    page.get_by_label("Kravtekst").fill("Plattformen skal være tilgjengelig for alle elever i kommunen.")
    page.get_by_role("button", name="Lagre kravet").click()
    expect(page.get_by_text("Tilgang for alle elever").first).to_be_visible()

    # Price only, and the exception for an insignificant footprint with a justification.
    page.goto(f"{live_server.url}/anskaffelser/{p.pk}/tildeling/")
    expect(page.get_by_test_id("rule-text")).to_contain_text("fra 1. juli 2026")
    expect(page.get_by_text("§ 7-9 (4)").first).to_be_visible()  # the national-minimum exception is offered
    page.locator("input[name='kriterier-0-weight']").fill("100")
    page.get_by_label(re.compile("uvesentlig klima- og miljøavtrykk")).check()
    page.get_by_label("Begrunnelse", exact=True).fill(JUSTIFICATION)
    expect(page.get_by_test_id("eforms-code")).to_have_text(CODE)
    page.get_by_role("button", name="Lagre tildelingskriteriene").click()
    expect(page.get_by_text("Tildelingskriteriene er lagret.")).to_be_visible()

    page.get_by_role("link", name="Publisering").click()
    page.get_by_role("link", name="Gå videre til publisering").click()
    expect(page.get_by_test_id("publish-doffin")).to_contain_text("kunngjør ingenting i Doffin")
    page.get_by_role("button", name="Publiser anskaffelsen").click()
    expect(page.get_by_text("Anskaffelsen er publisert og låst.")).to_be_visible()

    # The procurement page: the 2026 text, the paragraph and the code to enter in the notice.
    expect(page.get_by_test_id("rule-text")).to_contain_text("§ 7-9 slik den lyder fra 1. juli 2026")
    expect(page.get_by_test_id("eforms-code")).to_have_text(CODE)
    expect(page.locator("#compliance")).to_contain_text("§ 7-9 (3)")

    # The tender document (rendered in-process, see above) says the same, with the justification.
    page.get_by_role("link", name="Dokument", exact=True).click()
    page.get_by_role("button", name="Lag dokument").click()
    row = page.locator("tr[id^=dokument-]")
    expect(row).to_contain_text("Klar", timeout=30_000)
    with page.expect_download() as info:
        row.get_by_role("link", name="Last ned PDF").click()
    with open(info.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = re.sub(r"\s+", " ", " ".join(page_.extract_text() for page_ in reader.pages))
    assert "§ 7-9 slik den lyder fra 1. juli 2026" in text
    assert CODE in text
    assert "Lisensene leveres digitalt" in text
    assert TenderDocument.objects.filter(procurement=p).count() == 1
