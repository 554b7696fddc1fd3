"""Data out in a real browser: the CPV picker fills the form, and the API's Swagger UI runs under our CSP."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.roles import Role
from procurement.models import Procurement
from tests.e2e.test_tender_builder import log_in
from tests.factories import CategoryFactory, OrganizationFactory, member, procurement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_picks_cpv_codes_with_the_search(live_server, page):
    call_command("load_cpv", verbosity=0)
    org = OrganizationFactory(name="Bergen testkommune")
    officer = member(org, Role.BUYER)
    category = CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr", cpv_codes=["30213100"])
    p = procurement(organization=org, category=category, title="PC-er")
    log_in(page, live_server.url, officer)
    page.goto(f"{live_server.url}/anskaffelser/{p.pk}/cpv/")

    # The category's suggestion first, then a search by words (htmx, no reload).
    page.get_by_role("button", name="Bruk 30213100 som hovedkode").first.click()
    expect(page.get_by_label("CPV-hovedkode")).to_have_value("30213100")
    page.get_by_label("Kode eller ord").fill("3023")
    page.get_by_role("button", name="Legg til 30231300 som tilleggskode").click()
    expect(page.get_by_label("CPV-tilleggskoder")).to_have_value("30231300")
    page.get_by_role("button", name="Lagre kodene").click()
    expect(page.get_by_test_id("cpv")).to_contain_text("30213100")
    saved = Procurement.objects.get(pk=p.pk)
    assert saved.main_cpv_id == "30213100" and list(saved.additional_cpv.values_list("code", flat=True)) == ["30231300"]


def test_swagger_ui_renders_the_schema_without_csp_violations(live_server, page):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Grønne anskaffelser API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert violations == []
