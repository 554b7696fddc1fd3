"""The UI shell in a real browser: log in, switch language, switch organisation."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Membership
from core.roles import Role
from tests.factories import TEST_PASSWORD, OrganizationFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_language_and_organisation_switch(live_server, page):
    bergen = OrganizationFactory(name="Bergen testkommune")
    vestland = OrganizationFactory(name="Vestland testfylke")
    user = member(bergen, Role.BUYER)
    Membership.objects.create(user=user, organization=vestland, role=Role.CONTRACT_FOLLOWER)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_label("Aktiv organisasjon")).to_have_value(str(bergen.pk))

    # Language: the switch submits on change, English stays for the next pages.
    page.get_by_label("Språk").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Active organisation")).to_be_visible()

    # Organisation: the header shows the other organisation as active.
    page.get_by_label("Active organisation").select_option(str(vestland.pk))
    expect(page.get_by_label("Active organisation")).to_have_value(str(vestland.pk))
    expect(page.locator("html")).to_have_attribute("lang", "en")
