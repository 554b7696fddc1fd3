"""Two contract followers on one contract: the stale second submit shows the conflict and overwrites nothing.

Also the other aggregate forms whose version field was optional (award settings, CPV codes):
a submit without the version is a form error, never a blind overwrite.
"""

import pytest
from django.urls import reverse

from core.roles import Role
from procurement.models import Procurement
from suppliers.models import Contract
from tests.conftest import client_for
from tests.factories import member, procurement, supplier
from tests.factories.suppliers import contract
from tests.procurement.helpers import PRICE_60_ENV_40, award_post
from tests.suppliers.lost_updates import MISSING, STALE, opened_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_followers(org):
    return client_for(member(org, Role.CONTRACT_FOLLOWER)), client_for(member(org, Role.CONTRACT_FOLLOWER))


@pytest.fixture
def the_contract(org):
    return contract(organization=org, title="Elbusser", suppliers=[supplier(organization=org)])


def test_a_stale_contract_submit_shows_the_conflict_and_keeps_the_first_save(the_contract, two_followers):
    anne, bjorn = two_followers
    url = reverse("suppliers:contract_edit", args=[the_contract.pk])
    annes, bjorns = opened_form(anne, url, title="Annes tittel"), opened_form(bjorn, url, title="Bjørns tittel")
    assert annes["version"] == bjorns["version"]

    assert anne.post(url, annes).status_code == 302
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Annes tittel" in page and "Bjørns tittel" in page
    assert Contract.objects.get(pk=the_contract.pk).title == "Annes tittel"

    # Saving again from the warning overwrites on purpose.
    again = response.context["form"]["version"].value()
    assert bjorn.post(url, {**bjorns, "version": again}).status_code == 302
    assert Contract.objects.get(pk=the_contract.pk).title == "Bjørns tittel"


def test_a_contract_submit_without_the_version_is_refused(the_contract, two_followers):
    anne, _bjorn = two_followers
    url = reverse("suppliers:contract_edit", args=[the_contract.pk])
    data = opened_form(anne, url, title="Blindt overskrevet")
    data.pop("version")
    response = anne.post(url, data)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert Contract.objects.get(pk=the_contract.pk).title == "Elbusser"


def test_an_award_submit_without_the_version_is_refused(org, officer_client):
    p = procurement(organization=org)
    url = reverse("procurement:award", args=[p.pk])
    data = award_post(p, PRICE_60_ENV_40)
    data.pop("version")
    response = officer_client.post(url, data)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert not p.award_criteria.exists()


def test_a_cpv_submit_without_the_version_is_refused(org, officer_client, rule_tables):
    p = procurement(organization=org)
    url = reverse("procurement:cpv", args=[p.pk])
    response = officer_client.post(url, {"main": "", "additional": ""})
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert Procurement.objects.get(pk=p.pk).version == p.version


def test_a_stale_follow_up_plan_submit_keeps_the_first_save(the_contract, two_followers):
    anne, bjorn = two_followers
    url = reverse("suppliers:contract_plan", args=[the_contract.pk])
    opened = anne.get(url).context["form"]["version"].value()
    assert (
        anne.post(url, {"planned_followups": "2", "followup_plan": "Annes plan.", "version": opened}).status_code == 302
    )
    response = bjorn.post(url, {"planned_followups": "1", "followup_plan": "Bjørns plan.", "version": opened})
    assert response.status_code == 200 and STALE in response.content.decode()
    assert Contract.objects.get(pk=the_contract.pk).followup_plan == "Annes plan."
    response = bjorn.post(url, {"planned_followups": "1", "followup_plan": "Uten versjon."})
    assert response.status_code == 200 and MISSING in response.content.decode()
