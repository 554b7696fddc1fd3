"""How a criteria view gets a criterion, and who may change the library.

The library is shared: the national criteria (no organisation) and the active
organisation's local ones are visible, anything else is a 404. Drafts are seen
only by library editors. The national library belongs to the editors of the
national library organisation; a local one to its organisation's editors
(criteria.services.can_edit). Any organisation's editor may propose a change to
a national criterion; a proposal is seen by the editors who decide on it and by
the proposing organisation's editors, by nobody else (404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.access import has_capability
from core.roles import Capability
from criteria import selectors, services
from criteria.models import Criterion, CriterionRevision


def is_editor(request) -> bool:
    return has_capability(request, Capability.EDIT_LIBRARY)


def can_edit(request, owner_id: int | None) -> bool:
    """May this request change a criterion owned by ``owner_id`` (None: the national library)?"""
    return services.can_edit(owner_id, organization=request.organization, capabilities=request.capabilities)


def is_national_editor(request) -> bool:
    return has_capability(request, Capability.EDIT_NATIONAL_LIBRARY)


def require_edit(request, owner_id: int | None) -> None:
    if not can_edit(request, owner_id):
        if owner_id is None:
            raise PermissionDenied(
                _(
                    "Bare redaktørene for det nasjonale biblioteket kan endre det. "
                    "Som biblioteksredaktør kan du foreslå en endring av et publisert kriterium."
                )
            )
        raise PermissionDenied(_("Bare biblioteksredaktører kan endre kriteriebiblioteket."))


def can_propose(request, criterion: Criterion) -> bool:
    return services.can_propose(criterion, capabilities=request.capabilities)


def criterion_to_change(request, pk: int) -> Criterion:
    """A criterion the request may edit, or propose a change to (a published national one)."""
    criterion = criterion_for(request, pk)
    if not (can_edit(request, criterion.organization_id) or can_propose(request, criterion)):
        require_edit(request, criterion.organization_id)
    return criterion


def proposal_for(request, pk: int, *, decide: bool = False) -> CriterionRevision:
    """A proposal the request may see; ``decide``: it must also be one whose library it edits (else 403)."""
    revision = get_object_or_404(
        selectors.proposals_visible_to(request.organization, request.capabilities).select_related(
            "criterion__organization", "criterion__current_revision", "created_by", "decided_by", "base_revision"
        ),
        pk=pk,
    )
    if decide and not can_edit(request, revision.criterion.organization_id):
        raise PermissionDenied(_("Bare redaktørene som eier biblioteket, kan avgjøre forslaget."))
    return revision


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
