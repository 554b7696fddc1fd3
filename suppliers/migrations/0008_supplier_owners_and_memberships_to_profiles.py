"""Existing shared suppliers get an owner, and their memberships become each organisation's own view.

Owner: the first organisation that put the supplier in its register (the lowest row of
registered_by), else the first that made a contract, a case, a contact or a certificate for it.
Memberships were one set of flags that every organisation saw and could change; each organisation
that has the supplier in its register keeps the flags it saw, in its own SupplierProfile, from here on.
"""

from django.db import migrations

FLAGS = ("member_ethical_trade_norway", "member_rba", "member_global_compact")


def _organisations(apps, supplier) -> list[int]:
    """The organisations that have the supplier in their register, the first registrant first."""
    Supplier = apps.get_model("suppliers", "Supplier")
    through = Supplier.registered_by.through
    found = list(through.objects.filter(supplier_id=supplier.pk).order_by("pk").values_list("organization_id", flat=True))
    for model, lookup in (
        ("Contract", "suppliers"),
        ("Case", "supplier"),
        ("SupplierContact", "supplier"),
        ("Certificate", "supplier"),
    ):
        rows = apps.get_model("suppliers", model).objects.filter(**{lookup: supplier.pk}).order_by("pk")
        found += rows.values_list("organization_id", flat=True)
    return list(dict.fromkeys(found))


def forward(apps, schema_editor):
    Supplier = apps.get_model("suppliers", "Supplier")
    SupplierProfile = apps.get_model("suppliers", "SupplierProfile")
    for supplier in Supplier.objects.order_by("pk").iterator():
        organisations = _organisations(apps, supplier)
        if organisations and supplier.owner_id is None:
            supplier.owner_id = organisations[0]
            supplier.save(update_fields=["owner"])
        flags = {name: getattr(supplier, name) for name in FLAGS}
        if any(flags.values()):
            SupplierProfile.objects.bulk_create(
                [SupplierProfile(organization_id=org, supplier_id=supplier.pk, **flags) for org in organisations],
                ignore_conflicts=True,
            )


def backward(apps, schema_editor):
    """The owner's memberships (else any organisation's) back on the shared row."""
    Supplier = apps.get_model("suppliers", "Supplier")
    SupplierProfile = apps.get_model("suppliers", "SupplierProfile")
    for supplier in Supplier.objects.order_by("pk").iterator():
        profiles = list(SupplierProfile.objects.filter(supplier_id=supplier.pk).order_by("pk"))
        if not profiles:
            continue
        chosen = next((p for p in profiles if p.organization_id == supplier.owner_id), profiles[0])
        for name in FLAGS:
            setattr(supplier, name, getattr(chosen, name))
        supplier.save(update_fields=list(FLAGS))


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0007_supplier_owner_and_profiles")]

    operations = [migrations.RunPython(forward, backward)]
