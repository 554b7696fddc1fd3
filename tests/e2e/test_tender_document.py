"""An officer orders the tender document in a real browser, watches its status change, and downloads it."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from procurement.models import TenderDocument
from procurement.tender_document import jobs
from procurement.tender_document.tasks import render_tender_document
from tests.factories import TEST_PASSWORD, OrganizationFactory, member
from tests.procurement.helpers import full_tender

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_orders_watches_and_downloads_the_tender_document(live_server, page, monkeypatch):
    org = OrganizationFactory(name="Bergen testkommune")
    officer = member(org, Role.BUYER)
    tender = full_tender(org, per_section=2)
    # Hold the job back instead of sending it to a worker, so the page is seen waiting first.
    held = []
    monkeypatch.setattr(jobs, "_enqueue", held.append)

    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Brukernavn").fill(officer.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()

    page.goto(f"{live_server.url}/anskaffelser/{tender.pk}/")
    page.get_by_role("link", name="Dokument", exact=True).click()
    page.get_by_role("button", name="Lag dokument").click()

    row = page.locator("tr[id^=dokument-]")
    expect(row).to_contain_text("I kø")
    expect(row).to_contain_text("Venter på tur")
    assert len(held) == 1

    render_tender_document(held[0])  # what the worker would do; the row polls every 2 s
    expect(row).to_contain_text("Klar", timeout=15_000)
    expect(row).to_have_attribute("data-status", "klar")

    with page.expect_download() as info:
        row.get_by_role("link", name="Last ned PDF").click()
    download = info.value
    reference = tender.reference.replace("/", "-")
    assert download.suggested_filename == f"konkurransegrunnlag-{reference}-v1.pdf"
    with open(download.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert TenderDocument.objects.get(pk=held[0]).size_bytes == len(content)
