"""How a criteria view gets a criterion, and who may change the library.

The library is shared: the national criteria (no organisation) and the active
organisation's local ones are visible, anything else is a 404. Drafts are seen
only by library editors. Changing a national criterion needs the library-editor
role; a local one belongs to its organisation's editors (criteria.services.can_edit).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.access import has_capability
from core.roles import Capability
from criteria import services
from criteria.models import Criterion


def is_editor(request) -> bool:
    return has_capability(request, Capability.EDIT_LIBRARY)


def can_edit(request, owner_id: int | None) -> bool:
    """May this request change a criterion owned by ``owner_id`` (None: the national library)?"""
    return services.can_edit(owner_id, organization=request.organization, capabilities=request.capabilities)


def require_edit(request, owner_id: int | None) -> None:
    if not can_edit(request, owner_id):
        raise PermissionDenied(_("Bare biblioteksredaktører kan endre kriteriebiblioteket."))


def criterion_for(request, pk: int, *, write: bool = False) -> Criterion:
    """A criterion the active organisation may see: national or its own; drafts only for editors."""
    qs = Criterion.objects.visible_to(request.organization).select_related(
        "category", "group", "theme", "organization", "current_revision"
    )
    criterion = get_object_or_404(qs, pk=pk)
    if criterion.status == Criterion.Status.DRAFT and not is_editor(request):
        raise Http404
    if write:
        require_edit(request, criterion.organization_id)
    return criterion


def library_criterion_for(request, pk) -> Criterion:
    """A criterion a tender may take from the library (the service checks it is pickable)."""
    return get_object_or_404(
        Criterion.objects.visible_to(request.organization).select_related("theme", "current_revision"), pk=pk or 0
    )
