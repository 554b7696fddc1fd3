"""How a battery-chain view gets its objects, and who may change what.

Products, their packs and sourcing lines and the minerals reports are the
organisation's own: another organisation's is a 404. Changing them is contract
follow-up work that buyers also do during procurement, so either role may write.
The reference data (raw materials, risks, countries, shares, chemistries) is
national: everyone reads it, only the national library's editors change it.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from battery_chain import selectors
from battery_chain.models import (
    BatteryPack,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    MineralsReport,
    Product,
    ProductionShare,
    RawMaterial,
    SourcingLine,
)
from core.access import get_for_org, has_capability
from core.roles import Capability

WRITE_CAPABILITIES = (Capability.FOLLOW_UP_CONTRACTS, Capability.EDIT_PROCUREMENTS)


def can_write(request) -> bool:
    return any(has_capability(request, cap) for cap in WRITE_CAPABILITIES)


def require_chain_write(request) -> None:
    if not can_write(request):
        raise PermissionDenied(_("Du har ikke tilgang til å endre batterikjeder i denne organisasjonen."))


def require_import(request) -> None:
    if not can_write(request):
        raise PermissionDenied(_("Du har ikke tilgang til å importere mineralrapporter i denne organisasjonen."))


def is_library_editor(request) -> bool:
    return has_capability(request, Capability.EDIT_NATIONAL_LIBRARY)


def require_library(request) -> None:
    if not is_library_editor(request):
        raise PermissionDenied(_("Bare redaktørene for det nasjonale biblioteket kan endre referansedataene."))


# ------------------------------------------------------------ the organisation's chains


def product_for(request, pk: int, *, write: bool = False, with_packs: bool = False) -> Product:
    qs = Product.objects.select_related("supplier", "contract", "contract__procurement")
    if with_packs:
        qs = qs.prefetch_related(selectors.packs_prefetch(with_requirements=True))
    product = get_for_org(request, qs, pk=pk)
    if write:
        require_chain_write(request)
    return product


def pack_for(request, pk: int, *, product_id: int, write: bool = False) -> BatteryPack:
    product = product_for(request, product_id)
    pack = get_object_or_404(BatteryPack.objects.select_related("chemistry"), product=product, pk=pk)
    if write:
        require_chain_write(request)
    pack.product = product
    return pack


def sourcing_line_for(request, pk: int, *, product_id: int, pack_id: int, write: bool = False) -> SourcingLine:
    pack = pack_for(request, pack_id, product_id=product_id)
    line = get_object_or_404(SourcingLine.objects.select_related("material"), pack=pack, pk=pk)
    if write:
        require_chain_write(request)
    line.pack = pack
    return line


def import_product_for(request, pk: int) -> Product:
    """The product a minerals report is uploaded for; importing is a write."""
    product = get_for_org(request, Product.objects.select_related("supplier"), pk=pk)
    require_import(request)
    return product


def minerals_report_for(request, pk: int, *, write: bool = False) -> MineralsReport:
    report = get_for_org(request, MineralsReport.objects.select_related("product", "pack", "imported_by"), pk=pk)
    if write:
        require_import(request)
    return report


# ------------------------------------------------------------ national reference rows


def _reference_row(request, queryset, pk: int, write: bool):
    row = get_object_or_404(queryset, pk=pk)
    if write:
        require_library(request)
    return row


def material_for(request, pk: int, *, write: bool = False) -> RawMaterial:
    return _reference_row(request, RawMaterial.objects.all(), pk, write)


def material_risk_for(request, pk: int, *, write: bool = False) -> MaterialRisk:
    return _reference_row(request, MaterialRisk.objects.select_related("material", "category"), pk, write)


def country_risk_for(request, pk: int, *, write: bool = False) -> CountryRisk:
    return _reference_row(request, CountryRisk.objects.all(), pk, write)


def production_share_for(request, pk: int, *, write: bool = False) -> ProductionShare:
    return _reference_row(request, ProductionShare.objects.select_related("material"), pk, write)


def chemistry_content_for(request, pk: int, *, write: bool = False) -> ChemistryContent:
    return _reference_row(request, ChemistryContent.objects.select_related("chemistry", "material"), pk, write)
