"""Contracts: from an awarded procurement (clauses become obligations) or registered directly."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.roles import Role
from procurement.models import Procurement
from suppliers.models import Contract, Obligation
from suppliers.register import services
from tests.conftest import client_for
from tests.factories import CategoryFactory, contract, procurement, requirement, supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


def awarded(org, status=Procurement.Status.AWARDED):
    p = procurement(organization=org, title="Elektriske busser")
    requirement(p, section="kvalifikasjonskrav", title="Miljøledelse")
    requirement(p, section="kontraktsvilkar", title="Menneskerettigheter i leverandørkjeden", human_rights_clause=True)
    requirement(p, section="kontraktsvilkar", title="Åpenhet om produksjonssteder")
    Procurement.objects.filter(pk=p.pk).update(status=status)
    p.refresh_from_db()
    return p


def contract_post(suppliers, **fields):
    data = {
        "title": "Elbusser",
        "start_date": "2026-01-01",
        "end_date": "2034-01-01",
        "option_months": "24",
        "value": "120000000",
        "suppliers": [s.pk for s in suppliers],
    }
    data.update(fields)
    return data


def test_contract_from_an_awarded_procurement_copies_the_clauses_as_obligations(follower, org, users):
    p = awarded(org)
    s = supplier(organization=org)
    response = follower.post(reverse("suppliers:contract_from_procurement", args=[p.pk]), contract_post([s]))
    contract = Contract.objects.get()
    assert response["Location"] == reverse("suppliers:contract_priority", args=[contract.pk])
    assert contract.procurement == p and contract.category == p.category and contract.organization == org
    rows = list(contract.obligations.values_list("number", "title", "human_rights"))
    # Kontraktsvilkår is the fifth part of the tender document (after part 1 "Om anskaffelsen").
    assert rows == [
        ("5.1", "Menneskerettigheter i leverandørkjeden", True),
        ("5.2", "Åpenhet om produksjonssteder", False),
    ]
    p.refresh_from_db()
    assert p.status == Procurement.Status.CONTRACT_FOLLOW_UP


def test_a_procurement_not_awarded_is_refused(follower, org):
    p = awarded(org, status=Procurement.Status.PUBLISHED)
    s = supplier(organization=org)
    url = reverse("suppliers:contract_from_procurement", args=[p.pk])
    response = follower.post(url, contract_post([s]), follow=True)
    assert not Contract.objects.exists() and not Obligation.objects.exists()
    assert "Kontrakt kan bare opprettes fra en tildelt anskaffelse" in response.content.decode()
    with pytest.raises(ValidationError):
        services.create_contract(organization=org, user=None, data={}, suppliers=[s], procurement=p)


def test_the_service_is_all_or_nothing(org, monkeypatch):
    p = awarded(org)
    s = supplier(organization=org)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "copy_obligations", broken)
    data = {"title": "X", "start_date": "2026-01-01", "end_date": "2027-01-01"}
    with pytest.raises(RuntimeError):
        services.create_contract(organization=org, user=None, data=data, suppliers=[s], procurement=p)
    assert not Contract.objects.exists()


def test_direct_registration_validates_dates_and_suppliers(follower, org):
    category = CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr")
    url = reverse("suppliers:contract_create")
    response = follower.post(url, contract_post([], category=category.pk, end_date="2025-01-01"))
    body = response.content.decode()
    assert "Sluttdatoen må være etter startdatoen" in body and "Velg minst én leverandør" in body
    assert not Contract.objects.exists()
    s = supplier(organization=org)
    follower.post(url, contract_post([s], category=category.pk, title="IT-drift"))
    contract = Contract.objects.get()
    assert contract.title == "IT-drift" and contract.procurement is None and list(contract.suppliers.all()) == [s]


def test_the_service_refuses_a_contract_without_suppliers(org):
    data = {"title": "X", "category": CategoryFactory(), "start_date": "2026-01-01", "end_date": "2027-01-01"}
    with pytest.raises(ValidationError, match="Velg minst én leverandør"):
        services.create_contract(organization=org, user=None, data=data, suppliers=[])


def test_only_suppliers_in_the_register_can_be_chosen(follower, org, other_org):
    foreign = supplier(organization=other_org)
    category = CategoryFactory()
    response = follower.post(reverse("suppliers:contract_create"), contract_post([foreign], category=category.pk))
    assert response.status_code == 200 and not Contract.objects.exists()


def test_obligations_can_be_added_to_an_older_contract_and_deleted_after_confirmation(follower, org):
    s = supplier(organization=org)
    follower.post(reverse("suppliers:contract_create"), contract_post([s], category=CategoryFactory().pk))
    contract = Contract.objects.get()
    follower.post(
        reverse("suppliers:obligation_create", args=[contract.pk]),
        {
            "number": "1",
            "title": "Åpenhet i leverandørkjeden",
            "text": "Leverandøren skal oppgi fabrikker.",
            "human_rights": "on",
        },
    )
    obligation = contract.obligations.get()
    assert obligation.human_rights
    url = reverse("suppliers:obligation_delete", args=[obligation.pk])
    assert "Slette forpliktelsen" in follower.get(url).content.decode()
    follower.post(url)
    assert not contract.obligations.exists()


def test_a_reader_sees_the_contract_but_cannot_change_it(org, users):
    s = supplier(organization=org)
    contract = services.create_contract(
        organization=org,
        user=None,
        data={"title": "Elbiler", "category": CategoryFactory(), "start_date": "2026-01-01", "end_date": "2027-01-01"},
        suppliers=[s],
    )
    reader = client_for(users[Role.READ_ONLY])
    assert reader.get(reverse("suppliers:contract_detail", args=[contract.pk])).status_code == 200
    assert reader.post(reverse("suppliers:contract_priority", args=[contract.pk]), {}).status_code == 403


def test_the_form_from_a_procurement_lists_the_clauses_and_takes_the_category_from_it(follower, org):
    p = awarded(org)
    page = follower.get(reverse("suppliers:contract_from_procurement", args=[p.pk])).content.decode()
    assert "2 kontraktsvilkår blir forpliktelser" in page
    assert "5.1 Menneskerettigheter i leverandørkjeden" in page
    assert 'name="category"' not in page and 'value="Elektriske busser"' in page


def test_the_new_contract_page_offers_the_awarded_procurements(follower, org):
    p = awarded(org)
    draft = procurement(organization=org, title="Kaffemaskin")
    page = follower.get(reverse("suppliers:contract_create")).content.decode()
    assert reverse("suppliers:contract_from_procurement", args=[p.pk]) in page
    assert reverse("suppliers:contract_from_procurement", args=[draft.pk]) not in page


def test_another_organisations_procurement_is_a_404(follower, other_org):
    p = awarded(other_org)
    assert follower.get(reverse("suppliers:contract_from_procurement", args=[p.pk])).status_code == 404


def test_a_contract_without_cases_offers_a_case_with_supplier_and_contract_filled_in(follower, org, other_org):
    c = contract(organization=org, title="Leasing av elbiler")
    supplier_id = c.suppliers.get().pk
    page = follower.get(reverse("suppliers:contract_detail", args=[c.pk])).content.decode()
    link = f"{reverse('suppliers:case_create')}?kontrakt={c.pk}&amp;leverandor={supplier_id}"
    assert "Ingen oppfølgingssaker for kontrakten" in page and link in page and "Start oppfølgingssak" in page
    form = follower.get(reverse("suppliers:case_create"), {"kontrakt": c.pk, "leverandor": supplier_id})
    html = form.content.decode()
    assert re.search(rf'<option value="{c.pk}" selected>', html)
    assert re.search(rf'<option value="{supplier_id}" selected>', html)
    assert 'value="Oppfølging av Leasing av elbiler"' in html
    foreign = contract(organization=other_org, title="Hemmelig kontrakt")
    html = follower.get(reverse("suppliers:case_create"), {"kontrakt": foreign.pk}).content.decode()
    assert "Hemmelig kontrakt" not in html, "an id from another organisation fills in nothing"
