"""Migration 0008: existing shared suppliers get their first registrant as owner, and the shared
membership flags become each organisation's own view."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories.core import _orgnr

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("suppliers", "0007_supplier_owner_and_profiles")]
AFTER = [("suppliers", "0008_supplier_owners_and_memberships_to_profiles")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest() -> None:
    """Every app at its newest migration again, so the tests after this one (and the flush) see today's tables."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_first_registrant_owns_and_every_register_keeps_the_memberships_it_saw():
    old = _migrate(BEFORE)
    try:
        Organization = old.get_model("core", "Organization")
        Supplier = old.get_model("suppliers", "Supplier")
        SupplierContact = old.get_model("suppliers", "SupplierContact")
        first = Organization.objects.create(name="Først kommune", orgnr=_orgnr(910_001))
        second = Organization.objects.create(name="Senere kommune", orgnr=_orgnr(910_002))
        contact_only = Organization.objects.create(name="Kontakt kommune", orgnr=_orgnr(910_003))
        shared = Supplier.objects.create(name="Delt AS", orgnr="964338531", member_rba=True)
        shared.registered_by.add(first)
        shared.registered_by.add(second)
        SupplierContact.objects.create(organization=contact_only, supplier=shared, name="Kari")
        plain = Supplier.objects.create(name="Uten merker AS", orgnr="", foreign_id="X1", country="SE")
        plain.registered_by.add(second)
        nobody = Supplier.objects.create(name="Ingen AS", orgnr="", foreign_id="X2", country="SE")

        new = _migrate(AFTER)
        Supplier = new.get_model("suppliers", "Supplier")
        SupplierProfile = new.get_model("suppliers", "SupplierProfile")
        assert Supplier.objects.get(pk=shared.pk).owner_id == first.pk
        assert Supplier.objects.get(pk=plain.pk).owner_id == second.pk
        assert Supplier.objects.get(pk=nobody.pk).owner_id is None
        profiles = SupplierProfile.objects.filter(supplier_id=shared.pk)
        assert {p.organization_id for p in profiles} == {first.pk, second.pk, contact_only.pk}
        assert all(p.member_rba and not p.member_global_compact for p in profiles)
        assert not SupplierProfile.objects.filter(supplier_id=plain.pk).exists()

        back = _migrate(BEFORE)
        assert back.get_model("suppliers", "Supplier").objects.get(pk=shared.pk).member_rba
    finally:
        _migrate_to_latest()
