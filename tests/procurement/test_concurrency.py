"""Two officers on the same tender: a stale submit is refused with both versions shown, and nothing is lost."""

import pytest
from django.urls import reverse

from core.roles import Role
from tests.conftest import client_for
from tests.factories import member, procurement, requirement
from tests.procurement.helpers import PRICE_60_ENV_40, award_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_officers(org):
    return client_for(member(org, Role.BUYER)), client_for(member(org, Role.BUYER))


def requirement_post(r, text, version):
    return {"section": r.section, "title": r.title, "text": text, "mandatory": "on", "version": version}


def test_stale_requirement_edit_shows_both_versions_and_keeps_both_texts(org, two_officers):
    anne, bjorn = two_officers
    p = procurement(organization=org)
    r = requirement(p, text="Opprinnelig tekst.")
    url = reverse("procurement:requirement_edit", args=[p.pk, r.pk])
    opened_version = r.version  # both open the form now

    assert anne.post(url, requirement_post(r, "Annes tekst.", opened_version)).status_code == 302
    response = bjorn.post(url, requirement_post(r, "Bjørns tekst.", opened_version))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre har lagret endringer mens du skrev" in page
    assert "Annes tekst." in page and "Bjørns tekst." in page, "both versions are on the page"
    r.refresh_from_db()
    assert r.text == "Annes tekst.", "the stale submit overwrote nothing"

    # Bjørn read the comparison and saves again on purpose: the form now carries the current version.
    form_version = response.context["form"]["version"].value()
    assert int(form_version) == r.version
    assert bjorn.post(url, requirement_post(r, "Bjørns tekst.", form_version)).status_code == 302
    r.refresh_from_db()
    assert r.text == "Bjørns tekst."


def test_stale_procurement_edit_is_refused(org, two_officers):
    anne, bjorn = two_officers
    p = procurement(organization=org, title="Busser")
    url = reverse("procurement:edit", args=[p.pk])
    form = anne.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    assert anne.post(url, {**data, "title": "Elbusser"}).status_code == 302
    response = bjorn.post(url, {**data, "title": "Elektriske busser"})
    assert "Noen andre har lagret endringer" in response.content.decode()
    p.refresh_from_db()
    assert p.title == "Elbusser"


def test_stale_award_save_keeps_the_others_criteria_and_shows_them(org, two_officers):
    anne, bjorn = two_officers
    p = procurement(organization=org)
    url = reverse("procurement:award", args=[p.pk])
    opened = p.version
    anne.post(url, award_post(p, PRICE_60_ENV_40, version=opened))
    response = bjorn.post(url, award_post(p, [{"name": "Pris", "weight": 100, "is_price": True}], version=opened))
    page = response.content.decode()
    assert "Noen andre har lagret endringer" in page
    assert "Klima og miljø" in page, "the saved criteria are shown"
    assert sorted(p.award_criteria.values_list("name", "weight")) == [("Klima og miljø", 40), ("Pris", 60)]
