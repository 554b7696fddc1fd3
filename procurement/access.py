"""How a procurement view gets its objects: scoped to the active organisation, checked for writes.

Another organisation's procurement (and anything inside it) is a 404; a member
whose roles do not allow editing procurements gets a 403 on ``write=True``.
"""

from django.shortcuts import get_object_or_404

from core.access import get_for_org, require_capability
from core.roles import Capability
from procurement.models import Procurement, Requirement, TenderDocument


def require_write(request) -> None:
    require_capability(request, Capability.EDIT_PROCUREMENTS)


def procurement_for(request, pk: int, *, write: bool = False) -> Procurement:
    procurement = get_for_org(request, Procurement.objects.select_related("category", "responsible", "main_cpv"), pk=pk)
    if write:
        require_write(request)
    return procurement


def requirement_for(request, pk: int, *, procurement: Procurement, write: bool = False) -> Requirement:
    """A requirement of ``procurement``, which the caller got through procurement_for."""
    requirement = get_object_or_404(
        Requirement.objects.select_related("criterion", "source_revision"), pk=pk, procurement=procurement
    )
    if write:
        require_write(request)
    requirement.procurement = procurement
    return requirement


def document_for(request, pk: int, *, procurement_id: int, write: bool = False) -> TenderDocument:
    """A tender document version, if its procurement belongs to the active organisation."""
    procurement = procurement_for(request, procurement_id)
    document = get_object_or_404(TenderDocument.objects.select_related("requested_by"), pk=pk, procurement=procurement)
    if write:
        require_write(request)
    document.procurement = procurement
    return document
