"""The import itself: one transaction, all lines or none."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from battery_chain.minerals.parser import parse_workbook
from battery_chain.minerals.report import Preview, build_preview
from battery_chain.models import BatteryPack, MineralsReport, Product, SourcingLine


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve_pack(product: Product, pack_id=None) -> BatteryPack:
    """The pack the lines go to: the one chosen, or the product's only pack."""
    packs = list(product.packs.all())
    if not packs:
        raise ValidationError(
            _(
                "Produktet «%(product)s» har ingen batteripakke ennå. Opprett batteripakken først, og importer så rapporten."
            )
            % {"product": product.name}
        )
    if pack_id in (None, ""):
        if len(packs) == 1:
            return packs[0]
        raise ValidationError(_("Velg hvilken batteripakke rapporten gjelder."))
    for pack in packs:
        if str(pack.pk) == str(pack_id):
            return pack
    raise ValidationError(_("Batteripakken hører ikke til dette produktet."))


def preview(*, product: Product, pack: BatteryPack, data: bytes) -> Preview:
    """Read and check the workbook without writing anything (raises FileRefused for unreadable files)."""
    return build_preview(parse_workbook(data), product=product, pack=pack, sha256=sha256_of(data))


@transaction.atomic
def import_report(*, product: Product, pack: BatteryPack, user, data: bytes, original_name: str) -> MineralsReport:
    """Create the report row and every sourcing line, or nothing at all."""
    result = preview(product=product, pack=pack, data=data)
    if result.blocked:
        raise ValidationError([p["message"] for p in result.messages if p["level"] == "error"])
    parsed = result.parsed
    fields = parsed.declaration.get("fields", {})
    report = MineralsReport(
        organization=product.organization,
        product=product,
        pack=pack,
        template=parsed.template,
        template_version=parsed.version[:10],
        company_name=fields.get("company_name", "")[:200],
        declaration_scope=fields.get("declaration_scope", "")[:200],
        completed_on=parsed.completed_on,
        original_name=original_name[:255],
        sha256=sha256_of(data),
        declaration=parsed.declaration,
        report=result.as_report(),
        imported_by=user,
    )
    report._history_user = user
    report.save()
    for line in result.lines:
        line.report = report
    bulk_create_with_history(result.lines, SourcingLine, default_user=user)
    return report


@transaction.atomic
def delete_report(*, report: MineralsReport, user) -> None:
    """Remove an imported report and the lines it created; the history tables keep both."""
    report._history_user = user
    report.delete()
