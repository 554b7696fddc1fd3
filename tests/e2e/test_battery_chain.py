"""A contract follower opens Renault Zoe's battery chain, compares it and downloads the risk report."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from battery_chain.reference import load_reference_data
from core import documents
from core.roles import Role
from core.tasks import render_document_job
from tests.battery_chain.test_pages import car
from tests.factories import TEST_PASSWORD, OrganizationFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_follower_sees_zoe_disclosures_a_lower_score_and_downloads_the_report(live_server, page, monkeypatch):
    # Hold the report back instead of sending it to a worker, so the page is seen waiting first.
    held = []
    monkeypatch.setattr(documents, "_enqueue_ordered", held.append)
    load_reference_data()
    org = OrganizationFactory(name="Bergen testkommune")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    car(org, "Hyundai Ioniq")

    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Brukernavn").fill(follower.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()

    page.goto(f"{live_server.url}/batterikjeder/")
    page.get_by_role("link", name="Renault Zoe").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Renault Zoe")
    lines = page.locator("tr.sourcing-line")
    expect(lines).to_have_count(5)
    mined = {row.split("\t")[0].strip() for row in lines.all_inner_texts() if row}
    assert mined == {"Kobolt", "Litium", "Nikkel"}
    expect(page.locator(".mine-country")).to_have_count(5)
    expect(page.locator("tr[data-material=Kobolt] td.depth")).to_have_text("Gruve")

    page.get_by_label("Brødsmuler").get_by_role("link", name="Batterikjeder").click()
    page.get_by_role("link", name="Sammenlign", exact=True).click()
    page.get_by_label("Renault Zoe").check()
    page.get_by_label("Hyundai Ioniq").check()
    page.get_by_role("button", name="Sammenlign").click()
    zoe = float(page.locator("td[data-product='Renault Zoe']").get_attribute("data-score"))
    ioniq = float(page.locator("td[data-product='Hyundai Ioniq']").get_attribute("data-score"))
    assert zoe < ioniq

    page.get_by_role("link", name="Renault Zoe").click()
    page.get_by_role("button", name=re.compile("Last ned risikorapport")).click()
    job = page.get_by_test_id("document-job")
    expect(job).to_contain_text("Venter på tur")
    assert len(held) == 1
    render_document_job(held[0])  # what the worker would do; the part polls every 2 s
    expect(job).to_have_attribute("data-status", "klar", timeout=15_000)
    with page.expect_download() as info:
        job.get_by_role("link", name="Last ned PDF").click()
    download = info.value
    assert download.suggested_filename == "batteririsiko-renault-zoe.pdf"
    with open(download.path(), "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Renault Zoe" in text
    assert "Kobolt" in text and "åpenhet: gruve" in text  # the diagram's material box
