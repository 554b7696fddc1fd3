"""The award form in a real browser: the method decides which column shows; rows are added in place (issue 21)."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from tests.e2e.test_tender_builder import log_in
from tests.factories import OrganizationFactory, member, procurement, requirement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_rank_shows_only_for_ranking_and_a_criterion_is_added_without_saving(live_server, page, rule_tables):
    org = OrganizationFactory(name="Bergen testkommune")
    officer = member(org, Role.BUYER)
    p = procurement(organization=org, user=officer)
    requirement(p, title="Nullutslipp", text="Bussene skal ha nullutslipp.")
    log_in(page, live_server.url, officer)
    page.goto(f"{live_server.url}/anskaffelser/{p.pk}/tildeling/")

    first = page.get_by_role("group", name="Kriterium 1", exact=True)
    expect(first.get_by_label("Vekt (%)")).to_be_visible()
    expect(first.get_by_label("Rang")).to_be_hidden()
    page.get_by_role("radio", name="Rangering", exact=True).check()
    expect(first.get_by_label("Rang")).to_be_visible()
    expect(first.get_by_label("Vekt (%)")).to_be_hidden()
    page.get_by_role("radio", name="Vekting i prosent", exact=True).check()

    page.locator("#id_kriterier-0-weight").fill("70")
    page.get_by_role("button", name="Legg til kriterium").click()
    expect(page.get_by_role("group", name="Kriterium 3")).to_be_visible()
    expect(page.locator("#id_kriterier-2-name")).to_be_focused()
    expect(page.locator("#id_kriterier-0-weight")).to_have_value("70")
    assert not p.award_criteria.exists()
