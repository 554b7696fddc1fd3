"""Which follow-up objects the active organisation may open, in one place.

An organisation sees its own cases and those shared with it on purpose;
everything else is a 404, as for any other object. A case shared for reading
can be opened but not changed (403); sharing for co-editing lets the invited
organisation's contract followers work on it as if it were their own. Every
object under a case (letter, answer file, deviation, action, share) is looked
up inside the case the URL names, so a right id under the wrong case is a 404.

Every follow-up view gets its objects through the `<type>_for` functions here.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.access import has_capability, require_capability
from core.roles import Capability
from suppliers.models import (
    Attachment,
    Case,
    CaseShare,
    CorrectiveAction,
    Deviation,
    DueDiligenceRequest,
    LetterTemplate,
    LetterTemplateShare,
)

CASE_RELATED = ("organization", "supplier", "contract", "contract__responsible")


# ---------------------------------------------------------------- cases


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


def is_owner(request, case: Case) -> bool:
    return request.organization is not None and case.organization_id == request.organization.pk


def may_change(request, case: Case) -> bool:
    """The user follows up contracts here, and the case is this organisation's or shared with it for editing."""
    return (
        has_capability(request, Capability.FOLLOW_UP_CONTRACTS) and editable_cases(request).filter(pk=case.pk).exists()
    )


def require_owner(request, case: Case, message: str = "") -> None:
    if not is_owner(request, case):
        raise PermissionDenied(message or _("Bare organisasjonen som eier saken kan dele den."))


def case_for(request, pk: int, *, write: bool = False, closed_ok: bool = False) -> Case:
    """The case if this organisation may see it (else 404).

    With write=True also that it may change it (else 403) and that the case is
    open, unless closed_ok (the write that reopens it, or removes a share).
    """
    qs = Case.objects.select_related(*CASE_RELATED).filter(pk__in=visible_cases(request).values("pk"))
    case = get_object_or_404(qs, pk=pk)
    if write:
        require_capability(request, Capability.FOLLOW_UP_CONTRACTS)
        if not editable_cases(request).filter(pk=case.pk).exists():
            raise PermissionDenied(_("Saken er delt med organisasjonen din bare for lesing."))
        if not closed_ok and case.status == Case.Status.CLOSED:
            raise PermissionDenied(_("Saken er lukket. Gjenåpne den for å gjøre endringer."))
    return case


def _in_case(queryset, pk: int, case: Case, case_path: str = "case"):
    """One object under the case, with the case (already checked) put on it so it is not fetched again."""
    obj = get_object_or_404(queryset, pk=pk, **{case_path: case})
    if case_path == "case":
        obj.case = case
    return obj


# ---------------------------------------------------------------- objects under a case


def share_for(request, pk: int, *, case_id: int, write: bool = False) -> CaseShare:
    """A share of the case; only the owner sees or removes shares, also on a closed case."""
    case = case_for(request, case_id, write=write, closed_ok=True)
    require_owner(request, case)
    return _in_case(CaseShare.objects.select_related("organization"), pk, case)


def request_for(request, pk: int, *, case_id: int, write: bool = False) -> DueDiligenceRequest:
    case = case_for(request, case_id, write=write)
    return _in_case(DueDiligenceRequest.objects.select_related("contact", "template", "created_by"), pk, case)


def attachment_for(request, pk: int, *, case_id: int, write: bool = False) -> Attachment:
    case = case_for(request, case_id, write=write)
    return _in_case(Attachment.objects.all(), pk, case, "response__request__case")


def deviation_for(request, pk: int, *, case_id: int, write: bool = False) -> Deviation:
    case = case_for(request, case_id, write=write)
    return _in_case(Deviation.objects.select_related("obligation"), pk, case)


def action_for(request, pk: int, *, case_id: int, deviation_id: int, write: bool = False) -> CorrectiveAction:
    deviation = deviation_for(request, deviation_id, case_id=case_id, write=write)
    action = get_object_or_404(CorrectiveAction, deviation=deviation, pk=pk)
    action.deviation = deviation
    return action


# ---------------------------------------------------------------- letter templates


def templates_visible_to(organization) -> QuerySet:
    """The national templates, the organisation's own, and those other organisations shared with it."""
    if organization is None:
        return LetterTemplate.objects.filter(organization__isnull=True)
    shared = LetterTemplateShare.objects.filter(template=OuterRef("pk"), organization=organization)
    return LetterTemplate.objects.filter(Q(organization__isnull=True) | Q(organization=organization) | Exists(shared))


def visible_templates(request) -> QuerySet:
    return templates_visible_to(request.organization)


def require_template_write(request, *, national: bool) -> None:
    """National templates are the national library's editors'; an organisation's own are its contract followers'."""
    needed = Capability.EDIT_NATIONAL_LIBRARY if national else Capability.FOLLOW_UP_CONTRACTS
    if not has_capability(request, needed):
        if national:
            raise PermissionDenied(_("Bare redaktørene for det nasjonale biblioteket kan endre nasjonale brevmaler."))
        raise PermissionDenied(_("Bare kontraktsoppfølgere kan endre organisasjonens brevmaler."))


def letter_template_for(request, pk: int, *, write: bool = False) -> LetterTemplate:
    """A template we may use (404 otherwise); with write=True one we may change: a template shared
    with us is for reading and using only (403)."""
    template = get_object_or_404(visible_templates(request).select_related("organization"), pk=pk)
    if write:
        if template.organization_id is not None and template.organization_id != request.organization.pk:
            raise PermissionDenied(
                _("Malen er delt med organisasjonen din av %(org)s. Dere kan bruke den, men ikke endre den.")
                % {"org": template.organization.name}
            )
        require_template_write(request, national=template.organization_id is None)
    return template


def template_to_share(request, pk: int) -> LetterTemplate:
    """One of the organisation's own templates, which its contract followers may share."""
    template = letter_template_for(request, pk, write=True)
    if template.organization_id is None:
        raise Http404
    return template


def template_share_for(request, pk: int, *, template_id: int) -> LetterTemplateShare:
    template = template_to_share(request, template_id)
    share = get_object_or_404(LetterTemplateShare.objects.select_related("organization"), pk=pk, template=template)
    share.template = template
    return share
