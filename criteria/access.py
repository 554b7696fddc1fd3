"""How a criteria view gets a criterion, and who may change the library.

The library is shared: the national criteria (no organisation) and the active
organisation's local ones are visible, anything else is a 404. Drafts are seen
only by library editors. The national library belongs to the editors of the
national library organisation; a local one to its organisation's editors
(criteria.services.can_edit). Any organisation's editor may propose a change to
a national criterion; a proposal is seen by the editors who decide on it and by
the proposing organisation's editors, by nobody else (404).

A local criterion shared with a named organisation is visible there once
published (Criterion.objects.visible_to), never editable: the write checks name
the owner. Its shares are seen and changed by the owner's editors only. An
import waiting for a second editor (LibraryImport) is seen by the editors of the
library it would change, by nobody else (404).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.access import has_capability
from core.roles import Capability
from criteria import selectors, services
from criteria.models import Criterion, CriterionRevision, CriterionShare, LibraryImport


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


def criterion_to_share(request, pk: int) -> Criterion:
    """A local criterion of the active organisation that its editors may share (403 for others who see it)."""
    criterion = criterion_for(request, pk, write=True)
    if criterion.organization_id is None:
        raise Http404
    return criterion


def criterion_share_for(request, pk: int, *, criterion_id: int) -> CriterionShare:
    """A share of the organisation's own criterion: only its editors see or revoke it."""
    criterion = criterion_to_share(request, criterion_id)
    share = get_object_or_404(CriterionShare.objects.select_related("organization"), pk=pk, criterion=criterion)
    share.criterion = criterion
    return share


def library_import_for(request, pk: int, *, decide: bool = False) -> LibraryImport:
    """An import into a library the request edits: the national one for its editors, else the organisation's own."""
    org = request.organization
    qs = LibraryImport.objects.select_related("uploaded_by", "decided_by", "organization")
    visible = qs.filter(organization=org)
    if is_national_editor(request):
        visible = qs.filter(Q(organization=org) | Q(organization__isnull=True))
    if not is_editor(request):
        visible = qs.none()
    batch = get_object_or_404(visible, pk=pk)
    if decide:
        require_edit(request, batch.organization_id)
    return batch
