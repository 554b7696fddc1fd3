"""Two contract followers on one contact person, certificate or priority assessment (issue 15, item 5).

Create-only forms need no version: a new obligation (ObligationForm) and the signed contract from
an award (SignedContractForm, refused by check_can_sign once the decision is marked signed).
"""

import pytest
from django.urls import reverse

from core.roles import Role
from suppliers.models import Certificate, PriorityAssessment, SupplierContact
from tests.conftest import client_for
from tests.factories import member, supplier, supplier_contact
from tests.factories.suppliers import contract
from tests.suppliers.lost_updates import (
    STALE,
    assert_a_stale_submit_keeps_the_first_save,
    assert_a_submit_without_the_version_overwrites_nothing,
    opened_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_followers(org):
    return client_for(member(org, Role.CONTRACT_FOLLOWER)), client_for(member(org, Role.CONTRACT_FOLLOWER))


@pytest.fixture
def the_supplier(org):
    return supplier(organization=org)


def _contact(org, the_supplier):
    contact = supplier_contact(org, the_supplier)
    url = reverse("suppliers:contact_edit", args=[contact.pk])
    return url, lambda: SupplierContact.objects.get(pk=contact.pk).name


def _certificate(org, the_supplier):
    certificate = Certificate.objects.create(organization=org, supplier=the_supplier, kind="annet", name="Merke")
    url = reverse("suppliers:certificate_edit", args=[certificate.pk])
    return url, lambda: Certificate.objects.get(pk=certificate.pk).name


def _priority(org, the_supplier):
    """No assessment yet: both open the form at version 0, so even the first save is checked."""
    the_contract = contract(organization=org, suppliers=[the_supplier])
    url = reverse("suppliers:contract_priority", args=[the_contract.pk])
    return url, lambda: getattr(PriorityAssessment.objects.filter(contract=the_contract).first(), "comment", None)


EDITS = {"contact": ("name", _contact), "certificate": ("name", _certificate), "priority": ("comment", _priority)}


@pytest.mark.parametrize("kind", EDITS)
def test_a_stale_submit_is_refused_and_loses_nothing(kind, org, the_supplier, two_followers):
    field, make = EDITS[kind]
    url, read = make(org, the_supplier)
    anne, bjorn = two_followers
    assert_a_stale_submit_keeps_the_first_save(anne, bjorn, url, read, field)


@pytest.mark.parametrize("kind", EDITS)
def test_a_submit_without_the_version_overwrites_nothing(kind, org, the_supplier, two_followers):
    field, make = EDITS[kind]
    url, read = make(org, the_supplier)
    assert_a_submit_without_the_version_overwrites_nothing(two_followers[0], url, read, field)


def test_a_stale_priority_submit_on_a_saved_assessment_keeps_the_factors(org, the_supplier, two_followers):
    anne, bjorn = two_followers
    url, _read = _priority(org, the_supplier)
    opened = opened_form(anne, url, comment="Første.")
    assert anne.post(url, opened).status_code == 302
    annes = opened_form(anne, url, known_breaches="on", comment="Annes.")
    bjorns = opened_form(bjorn, url, comment="Bjørns.")
    assert anne.post(url, annes).status_code == 302
    score = PriorityAssessment.objects.get(contract__suppliers=the_supplier).contract.priority_score
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200 and STALE in response.content.decode()
    assessment = PriorityAssessment.objects.get(contract__suppliers=the_supplier)
    assert assessment.known_breaches and assessment.comment == "Annes."
    assert assessment.contract.priority_score == score, "the stored priority is still Anne's"


def test_a_new_contact_needs_no_version(org, the_supplier, two_followers):
    url = reverse("suppliers:contact_create", args=[the_supplier.pk])
    assert two_followers[0].post(url, {"name": "Ny Person"}).status_code == 302
    assert SupplierContact.objects.get(name="Ny Person").version == 1


@pytest.mark.parametrize("kind", EDITS)
def test_a_stale_submit_with_the_same_values_still_says_why_it_was_not_saved(kind, org, the_supplier, two_followers):
    """No field differs, so there is no table to show; the warning must still say why nothing was saved."""
    field, make = EDITS[kind]
    url, read = make(org, the_supplier)
    anne, bjorn = two_followers
    annes = opened_form(anne, url, **{field: "Samme tekst"})
    bjorns = opened_form(bjorn, url, **{field: "Samme tekst"})
    assert anne.post(url, annes).status_code == 302
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200 and STALE in response.content.decode()
