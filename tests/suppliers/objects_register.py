"""The register's objects for the URL-walking tests: suppliers, contacts, certificates, contracts, obligations."""

from suppliers.models import Certificate, Obligation, SupplierContact
from tests.factories import contract, supplier


def supplier_id(org, ctx):
    ctx.setdefault("supplier", supplier(organization=org))
    return ctx["supplier"].pk


def contact_id(org, ctx):
    supplier_id(org, ctx)
    return SupplierContact.objects.create(organization=org, supplier=ctx["supplier"], name="Kari Kontakt").pk


def certificate_id(org, ctx):
    supplier_id(org, ctx)
    return Certificate.objects.create(organization=org, supplier=ctx["supplier"], kind=Certificate.Kind.ISO14001).pk


def contract_id(org, ctx):
    ctx.setdefault("contract", contract(organization=org))
    return ctx["contract"].pk


def obligation_id(org, ctx):
    contract_id(org, ctx)
    return Obligation.objects.create(contract=ctx["contract"], number="1", title="Åpenhet i leverandørkjeden").pk


OBJECT_BUILDERS = {
    "supplier_id": supplier_id,
    "contact_id": contact_id,
    "certificate_id": certificate_id,
    "contract_id": contract_id,
    "obligation_id": obligation_id,
}
