"""A shared supplier: its identity belongs to the first registrant, each organisation keeps its own view.

Issue 15, item 2 (cross-tenant write on shared suppliers) and the supplier part of item 5
(lost updates: versioned forms with the version required).
"""

import logging

import pytest
from django.urls import reverse

from core import audit
from suppliers.models import Supplier, SupplierProfile
from tests.factories import supplier
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db


def identity(s: Supplier, **changes) -> dict:
    data = {
        "name": s.name,
        "orgnr": s.orgnr,
        "foreign_id": s.foreign_id,
        "country": str(s.country),
        "address": s.address,
        "transparency_act": s.transparency_act,
        "version": getattr(s, "version", 0),  # getattr: the same test shows the blind overwrite on main
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def shared(org, other_org):
    """A supplier `org` registered first; `other_org` later added it by its number."""
    s = supplier(organization=org, name="Grønn Flåte Leasing AS", address="Damsgårdsveien 50")
    s.registered_by.add(other_org)
    return s


# ---------------------------------------------------------------- ownership of the identity


def test_the_first_registrant_owns_the_identity(org, other_org):
    _user, client = follower_of(org)
    client.post(
        reverse("suppliers:supplier_create"), {"name": "Bilutleie Vest AS", "orgnr": "964338531", "country": "NO"}
    )
    _user, other = follower_of(other_org)
    other.post(reverse("suppliers:supplier_create"), {"name": "Annet navn AS", "orgnr": "964338531", "country": "NO"})
    s = Supplier.objects.get()
    assert s.owner == org and s.name == "Bilutleie Vest AS"
    assert set(s.registered_by.all()) == {org, other_org}


def test_cross_tenant_identity_edit_is_refused_and_logged(shared, other_org, caplog):
    user, client = follower_of(other_org)
    with caplog.at_level(logging.WARNING, logger="suppliers.register.services"):
        response = client.post(
            reverse("suppliers:supplier_edit", args=[shared.pk]),
            identity(shared, name="Overtatt AS", address="Et annet sted", transparency_act="omfattet"),
            follow=True,
        )
    shared.refresh_from_db()
    assert shared.name == "Grønn Flåte Leasing AS" and shared.address == "Damsgårdsveien 50"
    assert not shared.covered_by_transparency_act
    assert "Bare organisasjonen som registrerte leverandøren først" in response.content.decode()
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert (
        len(refused) == 1 and str(shared.pk) in refused[0].getMessage() and str(other_org.pk) in refused[0].getMessage()
    )


def test_the_service_refuses_a_non_owner_with_a_norwegian_message(shared, other_org):
    from django.core.exceptions import ValidationError

    from suppliers.register import services

    with pytest.raises(ValidationError, match="Bare organisasjonen som registrerte leverandøren først"):
        services.update_supplier(
            organization=other_org, supplier=shared, user=None, data={"name": "Overtatt AS"}, version=shared.version
        )
    assert Supplier.objects.get(pk=shared.pk).name == "Grønn Flåte Leasing AS"


def test_a_non_owner_sees_the_identity_read_only(shared, other_org):
    _user, client = follower_of(other_org)
    form = client.get(reverse("suppliers:supplier_edit", args=[shared.pk])).context["form"]
    assert all(form.fields[name].disabled for name in ("name", "orgnr", "country", "address"))
    assert form.fields["transparency_act"].disabled
    _user, owner = follower_of(shared.owner)
    form = owner.get(reverse("suppliers:supplier_edit", args=[shared.pk])).context["form"]
    assert not any(field.disabled for field in form.fields.values())


def test_the_owner_edits_the_identity_and_every_register_sees_it(shared, org, other_org):
    _user, owner = follower_of(org)
    response = owner.post(reverse("suppliers:supplier_edit", args=[shared.pk]), identity(shared, name="Nytt Navn AS"))
    assert response.status_code == 302
    _user, other = follower_of(other_org)
    assert "Nytt Navn AS" in other.get(reverse("suppliers:supplier_detail", args=[shared.pk])).content.decode()


# ---------------------------------------------------------------- each organisation's own view


def test_own_notes_and_memberships_are_invisible_to_the_other_organisation(shared, org, other_org):
    _user, other = follower_of(other_org)
    response = other.post(
        reverse("suppliers:supplier_profile_edit", args=[shared.pk]),
        {"notes": "Vår hemmelige vurdering", "member_rba": "on", "version": 0},
    )
    assert response.status_code == 302
    assert SupplierProfile.objects.get(organization=other_org, supplier=shared).member_rba
    theirs = other.get(reverse("suppliers:supplier_detail", args=[shared.pk])).content.decode()
    assert "Vår hemmelige vurdering" in theirs and "RBA" in theirs
    _user, owner = follower_of(org)
    ours = owner.get(reverse("suppliers:supplier_detail", args=[shared.pk])).content.decode()
    assert "Vår hemmelige vurdering" not in ours and ">RBA<" not in ours
    assert not SupplierProfile.objects.filter(organization=org).exists()


# ---------------------------------------------------------------- history


def test_supplier_writes_leave_a_history_row_on_the_owners_activity_page(shared, org, other_org):
    user, owner = follower_of(org)
    owner.post(reverse("suppliers:supplier_edit", args=[shared.pk]), identity(shared, name="Nytt Navn AS"))
    rows = audit.ActivityFeed(org, audit.ActivityFilter(model_key="suppliers.supplier"), limit=10)[0:10]
    assert [(r.history_type, r.name, r.history_user) for r in rows][0] == ("~", "Nytt Navn AS", user)

    other_user, other = follower_of(other_org)
    other.post(reverse("suppliers:supplier_profile_edit", args=[shared.pk]), {"notes": "Egen merknad", "version": 0})
    rows = audit.ActivityFeed(other_org, audit.ActivityFilter(model_key="suppliers.supplierprofile"), limit=10)[0:10]
    assert [(r.notes, r.history_user) for r in rows] == [("Egen merknad", other_user)]
    assert audit.ActivityFeed(other_org, audit.ActivityFilter(model_key="suppliers.supplier"), limit=10)[0:10] == []


# ---------------------------------------------------------------- lost updates


def test_a_stale_second_submit_shows_the_conflict_instead_of_reverting(shared, org):
    _user, first = follower_of(org)
    _user, second = follower_of(org)
    url = reverse("suppliers:supplier_edit", args=[shared.pk])
    opened = second.get(url).context["form"].initial.get("version", 0)
    assert first.post(url, identity(shared, address="Ny adresse 1")).status_code == 302
    response = second.post(url, identity(shared, name="Annet Navn AS", version=opened))
    assert response.status_code == 200
    assert "Noen andre har lagret endringer mens du skrev" in response.content.decode()
    shared.refresh_from_db()
    assert shared.address == "Ny adresse 1" and shared.name == "Grønn Flåte Leasing AS"


def test_a_stale_second_submit_of_the_own_view_shows_the_conflict(shared, org):
    _user, first = follower_of(org)
    _user, second = follower_of(org)
    url = reverse("suppliers:supplier_profile_edit", args=[shared.pk])
    assert first.post(url, {"notes": "Første", "version": 0}).status_code == 302
    response = second.post(url, {"notes": "Andre", "version": 0})
    assert "Noen andre har lagret endringer mens du skrev" in response.content.decode()
    assert SupplierProfile.objects.get(organization=org, supplier=shared).notes == "Første"


@pytest.mark.parametrize("route", ["suppliers:supplier_edit", "suppliers:supplier_profile_edit"])
def test_a_submit_without_the_version_is_refused(shared, org, route):
    _user, client = follower_of(org)
    data = identity(shared, name="Blindt Overskrevet AS", notes="Blindt", version=None)
    response = client.post(reverse(route, args=[shared.pk]), data)
    assert response.status_code == 200
    assert "Skjemaet mangler versjonsnummeret" in response.content.decode()
    shared.refresh_from_db()
    assert shared.name == "Grønn Flåte Leasing AS"
    assert not SupplierProfile.objects.filter(supplier=shared).exists()
