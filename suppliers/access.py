"""Which follow-up cases an organisation sees: its own, and those shared with it on purpose.

Everything else is a 404, as for any other object. A case shared for reading
can be opened but not changed (403); sharing for co-editing lets the invited
organisation's contract followers work on it as if it were their own.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.access import require_capability
from core.roles import Capability
from suppliers.models import Case, CaseShare


def visible_cases(request) -> QuerySet:
    org = request.organization
    if org is None:
        return Case.objects.none()
    shared = CaseShare.objects.filter(case=OuterRef("pk"), organization=org)
    return Case.objects.filter(Q(organization=org) | Exists(shared))


def editable_cases(request) -> QuerySet:
    org = request.organization
    if org is None:
        return Case.objects.none()
    shared = CaseShare.objects.filter(case=OuterRef("pk"), organization=org, access=CaseShare.Access.EDIT)
    return Case.objects.filter(Q(organization=org) | Exists(shared))


def case_for(request, case_id: int, *, write: bool = False, queryset: QuerySet | None = None) -> Case:
    """The case if this organisation may see it (else 404); with write=True also that it may change it (else 403)."""
    qs = queryset if queryset is not None else Case.objects.all()
    case = get_object_or_404(qs.filter(pk__in=visible_cases(request).values("pk")), pk=case_id)
    if write:
        require_capability(request, Capability.FOLLOW_UP_CONTRACTS)
        if not editable_cases(request).filter(pk=case.pk).exists():
            raise PermissionDenied(_("Saken er delt med organisasjonen din bare for lesing."))
    return case


def is_owner(request, case: Case) -> bool:
    return request.organization is not None and case.organization_id == request.organization.pk
