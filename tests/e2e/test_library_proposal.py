"""A municipality's editor proposes a change to a national criterion, a national editor approves it,
and the officer whose draft tender uses the criterion sees the notice on the start page."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from procurement import services as procurement_services
from tests.factories import TEST_PASSWORD, OrganizationFactory, criterion, member, procurement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _session(browser, url, user):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{url}/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    return context, page


def test_propose_approve_and_the_officer_gets_notice(live_server, browser):
    bergen = OrganizationFactory(name="Bergen testkommune")
    national_org = OrganizationFactory(name="DFØ (nasjonalt bibliotek)", kind="statlig", is_national_library=True)
    proposer = member(bergen, Role.LIBRARY_EDITOR)
    approver = member(national_org, Role.LIBRARY_EDITOR)
    officer = member(bergen, Role.BUYER)
    national = criterion(code="IKT-LEV-01", text="Reservedeler i minst 5 år.")
    draft = procurement(organization=bergen, user=officer, responsible=officer, title="Nye PC-er")
    procurement_services.add_from_library(procurement=draft, criterion=national, level="basis", user=officer)

    # 1. Bergen's editor proposes; the criterion itself is unchanged.
    context, page = _session(browser, live_server.url, proposer)
    page.goto(f"{live_server.url}/kriterier/{national.pk}/")
    page.get_by_role("link", name="Foreslå endring").click()
    page.locator("textarea[name=basis-text]").fill("Reservedeler i minst 7 år.")
    page.get_by_label("Begrunnelse for forslaget").fill("Markedet leverer 7 år i dag.")
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.locator("#proposal-state")).to_have_text("Foreslått")
    context.close()

    # 2. A national editor finds it on the start page and approves it.
    context, page = _session(browser, live_server.url, approver)
    panel = page.locator("section", has=page.get_by_role("heading", name="Forslag til kriteriebiblioteket"))
    panel.get_by_role("link", name="IKT-LEV-01").click()
    expect(page.locator(".diff ins")).to_contain_text(["7"])
    page.get_by_role("button", name="Godkjenn og publiser").click()
    expect(page.locator("#proposal-state")).to_have_text("Publisert")
    context.close()

    # 3. The officer's start page says the draft's requirement has a newer revision, with the diff.
    context, page = _session(browser, live_server.url, officer)
    notice = page.locator("section", has=page.get_by_role("heading", name="Nye revisjoner i kriteriebiblioteket"))
    expect(notice).to_contain_text(draft.reference)
    notice.get_by_role("link", name="IKT-LEV-01: se endringene fra revisjon 1 til 2").click()
    expect(page.locator("ins").first).to_contain_text("7")
    context.close()
