"""The URL walk for shared suppliers: no organisation can change another's view of a supplier both have.

A supplier is one row across organisations (same organisasjonsnummer). Organisation A registered
it first (and owns its identity) and keeps its own notes, memberships, contacts and certificates;
organisation B added the same supplier to its register by its number. B then posts to every route
that leads to a supplier or to what an organisation keeps about one (tests/url_walk.py,
`shared_supplier_routes`, so new routes are covered without a list here). Each post either 404s
or leaves A's view exactly as it was.
"""

import pytest
from django.forms.models import model_to_dict

from core.roles import Role
from suppliers.models import Certificate, Supplier, SupplierContact, SupplierProfile
from suppliers.register import services
from tests.conftest import client_for
from tests.factories import member
from tests.suppliers.objects import OBJECT_BUILDERS
from tests.url_walk import shared_supplier_routes

pytestmark = pytest.mark.django_db

ROUTES = shared_supplier_routes()
A_NOTE = "Bare organisasjon A sin vurdering"


def _url(route, org, ctx):
    return route.url({p: OBJECT_BUILDERS[p](org, ctx) for p in route.params})


def view_of(org, supplier_pk) -> dict:
    """Everything organisation `org` sees about the supplier on its pages."""
    supplier = Supplier.objects.get(pk=supplier_pk)
    identity = {name: str(getattr(supplier, name)) for name in services.SUPPLIER_FIELDS}
    mine = {"organization": org, "supplier_id": supplier_pk}
    return {
        "identity": identity,
        "owner": supplier.owner_id,
        "profile": [model_to_dict(p) for p in SupplierProfile.objects.filter(**mine)],
        "contacts": [model_to_dict(c) for c in SupplierContact.objects.filter(**mine).order_by("pk")],
        "certificates": [model_to_dict(c) for c in Certificate.objects.filter(**mine).order_by("pk")],
        "contracts": list(supplier.contracts.filter(organization=org).values_list("pk", flat=True)),
    }


def hostile_post(supplier: Supplier) -> dict:
    """Every field of every supplier form, filled as B would like A's view to be (and valid)."""
    return {
        # identity, with the current version so only the ownership rule can refuse it
        "name": "Overtatt av B AS",
        "orgnr": supplier.orgnr,
        "country": "NO",
        "address": "B sin adresse",
        "transparency_act": "omfattet",
        "version": supplier.version,
        # an organisation's own view
        "notes": "B sin merknad",
        "member_rba": "on",
        "member_global_compact": "on",
        "member_ethical_trade_norway": "on",
        # contacts and certificates
        "role": "Overtatt",
        "email": "b@example.org",
        "phone": "99999999",
        "kind": Certificate.Kind.EMAS,
        "valid_until": "2099-01-01",
    }


def test_the_walk_covers_the_supplier_edit_routes():
    names = {r.name for r in ROUTES}
    assert {
        "suppliers:supplier_edit",
        "suppliers:supplier_profile_edit",
        "suppliers:contact_edit",
        "suppliers:certificate_delete",
    } <= names


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_another_organisation_cannot_change_our_view_of_a_shared_supplier(route, org, other_org):
    ctx = {}
    url = _url(route, org, ctx)
    shared = ctx["supplier"]
    assert shared.owner == org
    SupplierProfile.objects.create(organization=org, supplier=shared, notes=A_NOTE, member_rba=True)
    shared.registered_by.add(other_org)  # B found the same supplier by its number
    before = view_of(org, shared.pk)

    b = client_for(member(other_org, *[role for role in Role if role != Role.READ_ONLY]))
    page = b.get(url)
    assert page.status_code in (200, 302, 404, 405), f"GET {url}: {page.status_code}"
    assert A_NOTE not in page.content.decode(), f"GET {url} shows A's own notes to B"
    response = b.post(url, hostile_post(shared))
    assert response.status_code in (200, 302, 404, 405), f"POST {url}: {response.status_code}"

    assert view_of(org, shared.pk) == before, f"POST {url} by another organisation changed A's view"
