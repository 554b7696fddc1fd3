"""axe-core over the officer's main pages and the public statement: no serious or critical WCAG 2.1 AA finding."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.roles import Role
from tests.e2e.axe import axe_violations, describe
from tests.factories import TEST_PASSWORD, OrganizationFactory, member, procurement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OFFICER_PAGES = ["core:home", "procurement:start", "reporting:dashboard"]


def test_officer_pages_have_no_serious_or_critical_axe_findings(live_server, browser):
    org = OrganizationFactory(name="Bergen testkommune")
    user = member(org, Role.BUYER)
    procurement(organization=org, title="Rammeavtale for kontormøbler")
    context = browser.new_context(locale="nb-NO", bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(live_server.url + reverse("core:accessibility"))
    findings = {"core:accessibility": axe_violations(page)}

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/konto/login/"))
    for name in OFFICER_PAGES:
        page.goto(live_server.url + reverse(name))
        expect(page.locator("main h1").first).to_be_visible()
        findings[name] = axe_violations(page)
    context.close()

    print(f"axe-core: {len(findings)} pages checked, {sum(map(len, findings.values()))} serious/critical findings")
    failing = {name: describe(found) for name, found in findings.items() if found}
    assert not failing, "\n".join(f"{name}:\n{text}" for name, text in failing.items())
