"""Writes on follow-up cases: the case, who it is shared with, deviations and their actions, escalation,
and the letter templates.

Letters, their states, deadlines and answers are in suppliers/follow_up/due_diligence.py.
Each function takes the acting user and runs in one transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import bump, lock_current
from suppliers.follow_up import letters
from suppliers.models import (
    Case,
    CaseShare,
    CorrectiveAction,
    Deviation,
    EscalationStep,
    LetterTemplate,
    LetterTemplateShare,
)

# ---------------------------------------------------------------- the case


@transaction.atomic
def create_case(*, organization, user, supplier, title: str, contract=None) -> Case:
    if contract is not None and contract.organization_id != organization.pk:
        raise ValidationError(_("Kontrakten tilhører ikke organisasjonen din."))
    if contract is not None and not contract.suppliers.filter(pk=supplier.pk).exists():
        raise ValidationError(_("Leverandøren er ikke part i den valgte kontrakten."))
    return Case.objects.create(
        organization=organization, supplier=supplier, contract=contract, title=title.strip(), created_by=user
    )


@transaction.atomic
def set_case_status(*, case: Case, user, status: str) -> Case:
    case.status = status
    case.save(update_fields=["status"])
    return case


@transaction.atomic
def share_case(*, case: Case, user, organization, access: str) -> CaseShare:
    """Invite another organisation (or change its access); only the owning organisation shares."""
    if organization.pk == case.organization_id:
        raise ValidationError(_("Saken tilhører allerede denne organisasjonen."))
    share, _created = CaseShare.objects.update_or_create(
        case=case, organization=organization, defaults={"access": access}
    )
    return share


@transaction.atomic
def unshare_case(*, share: CaseShare, user) -> None:
    share.delete()


# ---------------------------------------------------------------- deviations


@transaction.atomic
def create_deviation(*, case: Case, user, data: dict) -> Deviation:
    obligation = data.get("obligation")
    if obligation is not None and obligation.contract_id != case.contract_id:
        raise ValidationError(_("Forpliktelsen hører ikke til sakens kontrakt."))
    return Deviation.objects.create(case=case, **data)


@transaction.atomic
def add_action(*, deviation: Deviation, user, data: dict) -> CorrectiveAction:
    if deviation.status == Deviation.Status.CLOSED:
        raise ValidationError(_("Avviket er lukket. Åpne et nytt avvik om det trengs flere tiltak."))
    return CorrectiveAction.objects.create(deviation=deviation, **data)


@transaction.atomic
def set_action_status(
    *,
    action: CorrectiveAction,
    user,
    status: str,
    waiver_reason: str = "",
    on: date | None = None,
    version: int | None = None,
) -> CorrectiveAction:
    """Any status may follow any other (a done action reopened), so only the version stops an older page
    from undoing a newer change. The form always sends it; None is for callers without a form (demo)."""
    if status == CorrectiveAction.Status.WAIVED and not waiver_reason.strip():
        raise ValidationError(_("Skriv hvorfor tiltaket frafalles."))
    action = lock_current(CorrectiveAction, action.pk, version)
    bump(action)
    action.status = status
    action.waiver_reason = waiver_reason.strip() if status == CorrectiveAction.Status.WAIVED else ""
    action.closed_on = None if status == CorrectiveAction.Status.OPEN else (on or timezone.localdate())
    action.save(update_fields=["status", "waiver_reason", "closed_on", "version"])
    return action


@transaction.atomic
def close_deviation(*, deviation: Deviation, user, on: date | None = None) -> Deviation:
    """Closes only when every action is done or waived with a reason."""
    current = Deviation.objects.select_for_update().get(pk=deviation.pk)
    if current.status == Deviation.Status.CLOSED:
        raise ValidationError(_("Avviket er allerede lukket."))
    actions = list(current.actions.all())
    if not actions:
        raise ValidationError(_("Avviket har ingen korrigerende tiltak. Legg til tiltak før det lukkes."))
    open_actions = [a for a in actions if a.status == CorrectiveAction.Status.OPEN]
    if open_actions:
        raise ValidationError(
            _("Avviket kan ikke lukkes: %(count)s tiltak er ikke utført eller frafalt.") % {"count": len(open_actions)}
        )
    if any(a.status == CorrectiveAction.Status.WAIVED and not a.waiver_reason.strip() for a in actions):
        raise ValidationError(_("Avviket kan ikke lukkes: et frafalt tiltak mangler begrunnelse."))
    current.status = Deviation.Status.CLOSED
    current.closed_on = on or timezone.localdate()
    current.save(update_fields=["status", "closed_on"])
    return current


# ---------------------------------------------------------------- escalation


@transaction.atomic
def add_escalation(*, case: Case, user, data: dict) -> EscalationStep:
    return EscalationStep.objects.create(case=case, user=user, **data)


# ---------------------------------------------------------------- letter templates


@transaction.atomic
def save_letter_template(
    *, organization, user, data: dict, national: bool = False, instance=None, version: int | None = None
) -> LetterTemplate:
    """A new template (national, or the organisation's own) or changes to one; unknown placeholders are refused.

    Whether the user may write a national or an own template is checked by
    suppliers.follow_up.access before this is called. version: when changing one, the version its
    form was opened with (the form always sends it; two national editors may be at one template).
    """
    if instance is None:
        template = LetterTemplate(organization=None if national else organization)
    else:
        template = lock_current(LetterTemplate, instance.pk, version)
        bump(template)
    for name, value in data.items():
        setattr(template, name, value)
    letters.check_placeholders(template.subject, template.body, *template.questions)
    template.save()
    return template


@transaction.atomic
def share_letter_template(*, template: LetterTemplate, organization, user) -> LetterTemplateShare:
    """Let a named other organisation pick the template for its letters (it cannot change it)."""
    if template.organization_id is None:
        raise ValidationError(_("Nasjonale maler er allerede tilgjengelige for alle."))
    if organization.pk == template.organization_id:
        raise ValidationError(_("Malen tilhører allerede denne organisasjonen."))
    if LetterTemplateShare.objects.filter(template=template, organization=organization).exists():
        raise ValidationError(_("Malen er allerede delt med %(org)s.") % {"org": organization.name})
    return LetterTemplateShare.objects.create(template=template, organization=organization, shared_by=user)


@transaction.atomic
def revoke_letter_template_share(*, share: LetterTemplateShare, user) -> None:
    """The organisation can no longer pick the template; letters already made from it keep their text."""
    share.delete()
