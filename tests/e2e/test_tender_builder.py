"""An officer builds the electric-bus tender in a real browser, from a blank procurement to published."""

import re

import pytest
from playwright.sync_api import expect

from core.roles import Role
from procurement.models import Procurement
from tests.factories import TEST_PASSWORD, OrganizationFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BATTERY_CODES = ["BUSS-BATT-01", "BUSS-BATT-02", "BUSS-BATT-03", "BUSS-BATT-04", "BUSS-BATT-05"]


def log_in(page, url, user):
    page.goto(f"{url}/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()


def add_from_library(page, code, level):
    """Click the level button in the library list; htmx swaps the builder without a reload."""
    item = page.locator("#builder aside li", has_text=code)
    item.get_by_role("button", name=re.compile(level, re.IGNORECASE)).click()
    expect(page.locator("#builder aside li", has_text=code)).to_contain_text("Lagt til")


def test_officer_builds_and_publishes_the_electric_bus_tender(live_server, page, first_library, rule_tables):
    org = OrganizationFactory(name="Bergen testkommune")
    officer = member(org, Role.BUYER)
    log_in(page, live_server.url, officer)

    # 1. A new procurement for electric buses worth 120 MNOK.
    page.get_by_role("link", name="Ny anskaffelse").first.click()
    page.get_by_label("Tittel").fill("Elektriske busser")
    page.get_by_label("Kategori").select_option(label="Kjøretøy og transport")
    page.get_by_label("Type anskaffelse").select_option("varer")
    page.get_by_label("Anslått verdi (NOK eks. mva.)").fill("120000000")
    page.get_by_role("button", name="Opprett anskaffelsen").click()

    # 2. The needs assessment.
    expect(page.get_by_role("heading", name="Behovsvurdering")).to_be_visible()
    for name, value in (
        ("impact", "hoy"),
        ("size", "hoy"),
        ("market", "hoy"),
        ("cost", "middels"),
        ("alternatives", "hoy"),
    ):
        page.locator(f"input[name={name}][value={value}]").check()
    page.get_by_role("button", name="Lagre og gå til kravene").click()

    # 3. Battery circularity requirements at avansert, and the human-rights clause, without reloads.
    expect(page.get_by_role("heading", name="Høy risiko for brudd på menneskerettigheter")).to_be_visible()
    page.evaluate("window.__same_page = true")
    for code in BATTERY_CODES:
        add_from_library(page, code, "avansert")
    add_from_library(page, "KJT-MR-01", "basis")
    expect(page.locator("#hoyrisiko")).to_contain_text("Menneskerettighetsklausulen er med.")
    assert page.evaluate("window.__same_page") is True, "adding requirements did not reload the page"

    # 4. Fill the placeholders the builder lists.
    placeholders = page.get_by_test_id("placeholders")
    while placeholders.count():
        placeholders.get_by_role("link").first.click()
        # One field per placeholder (issue 21), not the whole requirement text.
        for field in page.get_by_test_id("placeholder-form").locator("input[type=text]").all():
            field.fill("4")
        page.get_by_role("button", name="Lagre verdiene").click()
        expect(page.get_by_role("heading", name=re.compile("Kravspesifikasjon"))).to_be_visible()
    expect(page.get_by_text("Tomme plassholdere")).to_have_count(0)

    # 5. Price 60 / environment 40: the § 7-9 panel turns green as the officer types.
    page.get_by_role("link", name="Tildeling").click()
    status = page.get_by_test_id("compliance-status")
    page.locator("input[name='kriterier-0-weight']").fill("60")
    expect(status).to_have_text("ikke oppfylt")
    page.locator("input[name='kriterier-1-weight']").fill("40")
    expect(status).to_have_text("oppfylt")
    page.get_by_role("button", name="Lagre tildelingskriteriene").click()
    expect(page.get_by_text("Tildelingskriteriene er lagret.")).to_be_visible()

    # 6. Publish: the gate has nothing left to say.
    page.get_by_role("link", name="Publisering").click()
    page.get_by_role("link", name="Gå videre til publisering").click()
    expect(page.get_by_test_id("publish-doffin")).to_contain_text("kunngjør ingenting i Doffin")
    page.get_by_role("button", name="Publiser anskaffelsen").click()
    expect(page.get_by_text("Anskaffelsen er publisert og låst.")).to_be_visible()

    p = Procurement.objects.get(organization=org)
    assert p.status == Procurement.Status.PUBLISHED
    levels = dict(p.requirements.values_list("criterion__code", "level"))
    assert {code: levels[code] for code in BATTERY_CODES} == dict.fromkeys(BATTERY_CODES, "avansert")
    assert p.requirements.get(criterion__code="KJT-MR-01").human_rights_clause
    assert sorted(p.award_criteria.values_list("name", "weight", "is_environmental")) == [
        ("Klima og miljø", 40, True),
        ("Pris", 60, False),
    ]
