"""Writes on chain maps and reference data. Each takes the acting user and runs in one transaction."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from battery_chain.models import BatteryPack, Product, ProductionShare, SourcingLine
from core.concurrency import bump, lock_current


def _save(instance, user, data: dict, version: int | None = None):
    """version: the row's version the edit form was opened with; another save since then raises StaleEdit.

    Edit forms always send it (VersionedForm makes it required); None is for callers without a form.
    """
    if instance.pk:
        instance = lock_current(type(instance), instance.pk, version)
        bump(instance)
    for name, value in data.items():
        setattr(instance, name, value)
    instance._history_user = user  # django-simple-history records who made the change
    instance.full_clean()
    instance.save()
    return instance


def _delete(instance, user) -> None:
    instance._history_user = user
    instance.delete()


# ---------------------------------------------------------------- products


def check_product_links(*, organization, supplier, contract) -> None:
    if contract is not None and contract.organization_id != organization.pk:
        raise ValidationError(_("Kontrakten tilhører ikke organisasjonen."))
    if contract is not None and supplier is not None and not contract.suppliers.filter(pk=supplier.pk).exists():
        raise ValidationError(_("Leverandøren er ikke part i den valgte kontrakten."))


@transaction.atomic
def save_product(
    *, organization, user, data: dict, product: Product | None = None, version: int | None = None
) -> Product:
    check_product_links(organization=organization, supplier=data.get("supplier"), contract=data.get("contract"))
    product = product or Product(organization=organization)
    return _save(product, user, data, version)


@transaction.atomic
def delete_product(*, product: Product, user) -> None:
    _delete(product, user)


# ---------------------------------------------------------------- packs


def circularity_choices(product: Product):
    """The requirements a pack may point to: those of the linked contract's procurement."""
    from procurement.models import Requirement

    procurement_id = product.contract.procurement_id if product.contract_id else None
    if procurement_id is None:
        return Requirement.objects.none()
    return Requirement.objects.filter(procurement_id=procurement_id).order_by("section", "position")


@transaction.atomic
def save_pack(
    *,
    product: Product,
    user,
    data: dict,
    requirements=(),
    pack: BatteryPack | None = None,
    version: int | None = None,
) -> BatteryPack:
    allowed = set(circularity_choices(product).values_list("pk", flat=True))
    if any(r.pk not in allowed for r in requirements):
        raise ValidationError(_("Sirkularitetskravene må høre til anskaffelsen bak produktets kontrakt."))
    pack = _save(pack or BatteryPack(product=product), user, data, version)
    pack.circularity_requirements.set(requirements)
    return pack


@transaction.atomic
def delete_pack(*, pack: BatteryPack, user) -> None:
    _delete(pack, user)


# ---------------------------------------------------------------- sourcing lines


def check_line(*, pack: BatteryPack, material, share, line: SourcingLine | None = None) -> None:
    """Shares of one material in one pack may not add up to more than 100 %."""
    if share is None:
        return
    others = SourcingLine.objects.filter(pack=pack, material=material, share_percent__isnull=False)
    if line is not None and line.pk:
        others = others.exclude(pk=line.pk)
    used = others.aggregate(s=Sum("share_percent"))["s"] or Decimal(0)
    if used + share > 100:
        raise ValidationError(
            _("Andelene for %(material)s i denne pakken blir %(sum)s %%; de kan ikke være mer enn 100 %%.")
            % {"material": material, "sum": used + share}
        )


@transaction.atomic
def save_line(
    *, pack: BatteryPack, user, data: dict, line: SourcingLine | None = None, version: int | None = None
) -> SourcingLine:
    check_line(pack=pack, material=data["material"], share=data.get("share_percent"), line=line)
    return _save(line or SourcingLine(pack=pack), user, data, version)


@transaction.atomic
def delete_line(*, line: SourcingLine, user) -> None:
    _delete(line, user)


# ---------------------------------------------------------------- reference data (library editors)


def check_share(*, material, year, share, instance: ProductionShare | None = None) -> None:
    others = ProductionShare.objects.filter(material=material, year=year)
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    used = others.aggregate(s=Sum("share_percent"))["s"] or Decimal(0)
    if used + share > 100:
        raise ValidationError(
            _("Andelene for %(material)s i %(year)s blir %(sum)s %%; de kan ikke være mer enn 100 %%.")
            % {"material": material, "year": year, "sum": used + share}
        )


@transaction.atomic
def save_reference(*, instance, user, data: dict, version: int | None = None):
    if isinstance(instance, ProductionShare):
        check_share(material=data["material"], year=data["year"], share=data["share_percent"], instance=instance)
    return _save(instance, user, data, version)


@transaction.atomic
def delete_reference(*, instance, user) -> None:
    _delete(instance, user)
