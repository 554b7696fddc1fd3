"""Helpers shared by the battery-chain views: objects fetched for the active organisation, and who may write."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from battery_chain import selectors
from battery_chain.models import BatteryPack, Product, SourcingLine
from core.access import get_for_org, has_capability, require_capability
from core.roles import Capability


def can_edit_chains(request) -> bool:
    return has_capability(request, Capability.FOLLOW_UP_CONTRACTS) or has_capability(
        request, Capability.EDIT_PROCUREMENTS
    )


def require_chain_write(request) -> None:
    if not can_edit_chains(request):
        raise PermissionDenied(_("Du har ikke tilgang til å endre batterikjeder i denne organisasjonen."))


def require_library(request) -> None:
    require_capability(request, Capability.EDIT_LIBRARY)


def product_for(request, product_id: int, *, with_packs: bool = False) -> Product:
    qs = Product.objects.select_related("supplier", "contract", "contract__procurement")
    if with_packs:
        qs = qs.prefetch_related(selectors.packs_prefetch(with_requirements=True))
    return get_for_org(request, qs, pk=product_id)


def pack_for(request, product_id: int, pack_id: int) -> BatteryPack:
    product = product_for(request, product_id)
    pack = get_object_or_404(BatteryPack.objects.select_related("chemistry"), product=product, pk=pack_id)
    pack.product = product
    return pack


def line_for(request, product_id: int, pack_id: int, line_id: int) -> SourcingLine:
    pack = pack_for(request, product_id, pack_id)
    line = get_object_or_404(SourcingLine.objects.select_related("material"), pack=pack, pk=line_id)
    line.pack = pack
    return line
