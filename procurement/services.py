"""Writes on procurements. Each takes the acting user, runs in one transaction and keeps the log."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import StaleEdit, bump, lock_current
from criteria.models import Criterion, Kind
from criteria.selectors import is_visible_to
from criteria.services import texts_for_tender
from procurement import gate, placeholders
from procurement.checklist import QUESTION_KEYS
from procurement.models import (
    AwardCriterion,
    ChecklistAnswer,
    NeedsAssessment,
    Procurement,
    ProcurementEvent,
    ReferenceCounter,
    Requirement,
)

S = Procurement.Status
# Where each status may go next; avlyst is reachable from every open status.
TRANSITIONS = {
    S.DRAFT: {S.CANCELLED},  # publishing goes through publish(), which checks the gate
    S.PUBLISHED: {S.EVALUATION, S.CANCELLED},
    S.EVALUATION: {S.AWARDED, S.CANCELLED},
    S.AWARDED: {S.CONTRACT_FOLLOW_UP, S.CANCELLED},
    S.CONTRACT_FOLLOW_UP: {S.COMPLETED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}

PROCUREMENT_FIELDS = (
    "title",
    "description",
    "category",
    "kind",
    "buyer_type",
    "estimated_value",
    "contract_months",
    "option_months",
    "procedure",
    "tender_deadline",
    "responsible",
    "contact_person",
    "submission",
    "question_deadline",
    "qualification_notes",
)


def ensure_editable(procurement: Procurement) -> None:
    if not procurement.is_editable:
        if procurement.status == S.PUBLISHED:
            raise ValidationError(_("Anskaffelsen er publisert og låst. Start en rettelse for å endre den."))
        raise ValidationError(
            _("Anskaffelsen har status %(status)s og kan ikke endres.") % {"status": procurement.get_status_display()}
        )


def _save_fields(procurement: Procurement, user, **fields) -> None:
    """Save a few of the procurement's own fields through the model, so the history keeps the change.

    (A queryset .update() writes no history row.) The row is re-read under a lock so
    the fields not named here are not overwritten with what the caller had loaded.
    """
    current = Procurement.objects.select_for_update().get(pk=procurement.pk)
    for name, value in fields.items():
        setattr(current, name, value)
        setattr(procurement, name, value)
    current._history_user = user
    current.save(update_fields=[*fields, "updated_at"])


def _log(procurement, kind, user, **fields) -> ProcurementEvent:
    return ProcurementEvent.objects.create(procurement=procurement, kind=kind, user=user, **fields)


# ---------------------------------------------------------------- the procurement itself


def _next_sequence(organization, year: int) -> int:
    """Take the next number under a row lock on the organisation's counter for the year.

    The counter row is created once (a conflicting insert from a parallel request is
    ignored), starting from the highest number already used, then locked: parallel
    creations wait for each other here and each gets its own number.
    """
    ReferenceCounter.objects.bulk_create(
        [
            ReferenceCounter(
                organization=organization,
                year=year,
                last=Procurement.objects.filter(organization=organization, year=year).aggregate(m=Max("sequence"))["m"]
                or 0,
            )
        ],
        ignore_conflicts=True,
    )
    counter = ReferenceCounter.objects.select_for_update().get(organization=organization, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def create_procurement(*, organization, user, data: dict) -> Procurement:
    """A new draft with the next reference number of the organisation's year (e.g. 2026/014)."""
    year = timezone.localdate().year
    sequence = _next_sequence(organization, year)
    return Procurement.objects.create(
        organization=organization,
        year=year,
        sequence=sequence,
        reference=f"{year}/{sequence:03d}",
        created_by=user,
        **data,
    )


def drop_responsible(*, organization, user, acting_user=None, **_kwargs) -> None:
    """core.signals.member_left: a person who left the organisation is no longer responsible for its procurements."""
    for procurement in Procurement.objects.filter(organization=organization, responsible=user):
        procurement.responsible = None
        procurement._change_reason = "responsible left the organisation"
        procurement.save(update_fields=["responsible", "updated_at"])


@transaction.atomic
def update_procurement(*, procurement: Procurement, user, data: dict, version: int) -> Procurement:
    current = lock_current(Procurement, procurement.pk, version)
    ensure_editable(current)
    for name, value in data.items():
        setattr(current, name, value)
    bump(current)
    current.save()
    return current


@transaction.atomic
def save_needs(
    *, procurement: Procurement, user, data: dict, need_step: str, need_comment: str, version: int
) -> NeedsAssessment:
    """version: the assessment's version the form was opened with (0: there was none yet)."""
    ensure_editable(procurement)
    Procurement.objects.select_for_update().get(pk=procurement.pk)  # serialises the first save of two officers
    needs = NeedsAssessment.objects.select_for_update().filter(procurement=procurement).first()
    if needs is None:
        if version != 0:
            raise StaleEdit(NeedsAssessment(procurement=procurement, version=0))
        needs = NeedsAssessment(procurement=procurement)
    else:
        if needs.version != version:
            raise StaleEdit(needs)
        bump(needs)
    for name, value in data.items():
        setattr(needs, name, value)
    needs._history_user = user  # django-simple-history records who made the change
    needs.save()
    _save_fields(procurement, user, need_step=need_step, need_comment=need_comment)
    return needs


@transaction.atomic
def save_checklist(*, procurement: Procurement, user, answers: dict[str, tuple[str, str]], version: int) -> None:
    """answers: question key -> (answer, comment); an empty answer removes it.

    version: the procurement's checklist_version the form was opened with.
    """
    ensure_editable(procurement)  # the checklist is part of the published tender
    current = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if current.checklist_version != version:
        raise StaleEdit(current)
    current.checklist_version += 1
    current.save(update_fields=["checklist_version"])
    for key, (answer, comment) in answers.items():
        if key not in QUESTION_KEYS:
            continue
        if answer:
            ChecklistAnswer.objects.update_or_create(
                procurement=procurement, question=key, defaults={"answer": answer, "comment": comment}
            )
        else:
            ChecklistAnswer.objects.filter(procurement=procurement, question=key).delete()


# ---------------------------------------------------------------- requirements


def _next_position(procurement, section) -> int:
    last = Requirement.objects.filter(procurement=procurement, section=section).aggregate(m=Max("position"))["m"]
    return (last or 0) + 1


def _copy_texts(requirement: Requirement, texts) -> None:
    for name in ("title", "text", "documentation", "guidance", "verification", "references"):
        setattr(requirement, name, getattr(texts, name))
    requirement.level = texts.level
    requirement.source_revision = texts.revision


@transaction.atomic
def add_from_library(*, procurement: Procurement, criterion: Criterion, level: str, user) -> Requirement:
    """Add a library criterion at a level. Avansert replaces basis of the same criterion (and back)."""
    ensure_editable(procurement)
    texts = texts_for_tender(criterion=criterion, level=level)
    existing = Requirement.objects.filter(procurement=procurement, criterion=criterion).first()
    requirement = existing or Requirement(
        procurement=procurement,
        criterion=criterion,
        section=criterion.kind,
        position=_next_position(procurement, criterion.kind),
        mandatory=criterion.kind != Kind.AWARD_CRITERION,
    )
    _copy_texts(requirement, texts)
    requirement.environmental = criterion.environmental
    requirement.social = criterion.social
    theme = criterion.theme.slug
    requirement.human_rights_clause = theme == "menneskerettigheter" and criterion.kind == Kind.CONTRACT_TERM
    requirement.environmental_management = criterion.environmental_management
    if existing:
        requirement.version += 1
    requirement.save()
    return requirement


@transaction.atomic
def add_custom(*, procurement: Procurement, user, data: dict) -> Requirement:
    ensure_editable(procurement)
    return Requirement.objects.create(
        procurement=procurement, position=_next_position(procurement, data["section"]), **data
    )


@transaction.atomic
def update_requirement(*, requirement: Requirement, user, data: dict, version: int) -> Requirement:
    current = lock_current(Requirement, requirement.pk, version)
    ensure_editable(current.procurement)
    for name, value in data.items():
        setattr(current, name, value)
    bump(current)
    current.save()
    return current


@transaction.atomic
def fill_placeholders(*, requirement: Requirement, user, values: list[str], version: int) -> Requirement:
    """Put a value in each [placeholder], in reading order; a blank value leaves that placeholder open."""
    current = lock_current(Requirement, requirement.pk, version)
    ensure_editable(current.procurement)
    texts = placeholders.fill({f: getattr(current, f) for f in placeholders.FIELDS}, values)
    for name, value in texts.items():
        setattr(current, name, value)
    bump(current)
    current.save()
    return current


@transaction.atomic
def update_to_latest_revision(*, requirement: Requirement, user) -> Requirement:
    """Take the library's newer revision; the tender's own edits to the texts are replaced.

    Only from a criterion the organisation still sees: after a revoked sharing the tender keeps its copy.
    """
    ensure_editable(requirement.procurement)
    if not is_visible_to(requirement.criterion_id, requirement.procurement.organization):
        raise ValidationError(_("Kriteriet er ikke lenger delt med organisasjonen din. Kravet beholder teksten sin."))
    texts = texts_for_tender(criterion=requirement.criterion, level=requirement.level)
    _copy_texts(requirement, texts)
    bump(requirement)
    requirement.save()
    return requirement


@transaction.atomic
def remove_requirement(*, requirement: Requirement, user) -> None:
    ensure_editable(requirement.procurement)
    requirement.delete()


@transaction.atomic
def move_requirement(*, requirement: Requirement, user, direction: str) -> None:
    """Swap with the neighbour above or below in the same section."""
    ensure_editable(requirement.procurement)
    siblings = list(
        Requirement.objects.select_for_update()
        .filter(procurement=requirement.procurement, section=requirement.section)
        .order_by("position", "pk")
    )
    index = next(i for i, r in enumerate(siblings) if r.pk == requirement.pk)
    other = index - 1 if direction == "opp" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, r in enumerate(siblings, start=1):
        if r.position != position:
            r.position = position
            r._history_user = user
            r.save(update_fields=["position"])


# ---------------------------------------------------------------- award criteria


@dataclass
class AwardRow:
    name: str
    weight: int | None = None
    rank: int | None = None
    description: str = ""
    sub_criteria: str = ""
    scoring: str = ""
    is_environmental: bool = False
    is_price: bool = False
    requirement_ids: tuple[int, ...] = ()
    id: int | None = None  # the saved criterion this row edits; None for a new row


@transaction.atomic
def save_award(
    *,
    procurement: Procurement,
    user,
    rows: list[AwardRow],
    method: str,
    exception: str,
    justification: str,
    version: int,
) -> Procurement:
    """Save the award criteria as the form shows them, changing only what changed.

    A row with the id of an existing criterion updates it in place (its evaluation and its history
    stay with it); a row without one is new; a criterion no row names is removed. An unchanged
    criterion is not written: a save is one activity entry for the procurement plus one per
    criterion that really changed, not a delete and a create for every criterion.
    """
    current = lock_current(Procurement, procurement.pk, version)
    ensure_editable(current)
    current.award_method = method
    current.rule_exception = exception
    current.rule_exception_justification = justification
    bump(current)
    current.save()
    existing = {a.pk: a for a in current.award_criteria.prefetch_related("requirements")}
    kept = {row.id for row in rows if row.id in existing}
    for award in existing.values():
        if award.pk not in kept:
            award.delete()
    valid_ids = set(current.requirements.values_list("pk", flat=True))
    for position, row in enumerate(rows, start=1):
        fields = {
            "position": position,
            "name": row.name,
            "weight": row.weight if method == Procurement.AwardMethod.WEIGHTED else None,
            "rank": row.rank if method == Procurement.AwardMethod.RANKED else None,
            "description": row.description,
            "sub_criteria": row.sub_criteria,
            "scoring": row.scoring,
            "is_environmental": row.is_environmental,
            "is_price": row.is_price,
        }
        award = existing.get(row.id)
        if award is None:
            award = AwardCriterion.objects.create(procurement=current, **fields)
        elif any(getattr(award, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(award, name, value)
            award.save()
        wanted = {pk for pk in row.requirement_ids if pk in valid_ids}
        if wanted != {r.pk for r in award.requirements.all()}:
            award.requirements.set(wanted)
    return current


@transaction.atomic
def save_high_risk_justification(*, procurement: Procurement, user, justification: str, version: int) -> Procurement:
    """version: the procurement's version the builder was opened with; another save since then raises StaleEdit."""
    current = lock_current(Procurement, procurement.pk, version)
    ensure_editable(current)
    current.high_risk_justification = justification
    bump(current)
    current.save()
    return current


# ---------------------------------------------------------------- status, publishing, amendments


@transaction.atomic
def publish(*, procurement: Procurement, user) -> Procurement:
    current = lock_current(Procurement, procurement.pk, None)
    if current.status != S.DRAFT:
        raise ValidationError(_("Bare utkast kan publiseres."))
    problems = gate.problems(current)
    if problems:
        raise ValidationError([p.message for p in problems])
    current.status = S.PUBLISHED
    current.published_at = timezone.now()
    current.save()
    _log(
        current,
        ProcurementEvent.Kind.STATUS,
        user,
        from_status=S.DRAFT,
        to_status=S.PUBLISHED,
        document_version=current.document_version,
    )
    return current


@transaction.atomic
def change_status(*, procurement: Procurement, user, to_status: str, note: str = "") -> Procurement:
    current = lock_current(Procurement, procurement.pk, None)
    if to_status not in TRANSITIONS.get(current.status, set()):
        raise ValidationError(
            _("Kan ikke gå fra %(from)s til %(to)s.")
            % {"from": current.get_status_display(), "to": S(to_status).label if to_status in S.values else to_status}
        )
    if current.amendment_open:
        raise ValidationError(_("Fullfør rettelsen først."))
    old = current.status
    current.status = to_status
    current.save()
    _log(current, ProcurementEvent.Kind.STATUS, user, from_status=old, to_status=to_status, note=note)
    return current


@transaction.atomic
def start_amendment(*, procurement: Procurement, user, note: str) -> Procurement:
    current = lock_current(Procurement, procurement.pk, None)
    if current.status != S.PUBLISHED:
        raise ValidationError(_("Rettelser gjøres bare på publiserte anskaffelser."))
    if current.amendment_open:
        raise ValidationError(_("En rettelse er allerede åpen."))
    if not note.strip():
        raise ValidationError(_("Beskriv hva rettelsen gjelder."))
    current.amendment_open = True
    current.amendment_note = note.strip()
    current.save()
    _log(current, ProcurementEvent.Kind.AMENDMENT_STARTED, user, note=current.amendment_note)
    return current


@transaction.atomic
def finish_amendment(*, procurement: Procurement, user) -> ProcurementEvent:
    """Close the amendment: numbered in the log, and the document gets a new version."""
    current = lock_current(Procurement, procurement.pk, None)
    if not current.amendment_open:
        raise ValidationError(_("Ingen rettelse er åpen."))
    problems = gate.problems(current)
    if problems:
        raise ValidationError([p.message for p in problems])
    number = current.events.filter(kind=ProcurementEvent.Kind.AMENDMENT).count() + 1
    current.amendment_open = False
    current.document_version += 1
    note, current.amendment_note = current.amendment_note, ""
    current.save()
    return _log(
        current,
        ProcurementEvent.Kind.AMENDMENT,
        user,
        amendment_number=number,
        document_version=current.document_version,
        note=note,
    )


# ---------------------------------------------------------------- CPV codes


@transaction.atomic
def set_cpv(*, procurement: Procurement, user, main, additional: list, version: int) -> Procurement:
    """The main CPV code and the additional ones (the main one is never repeated among them)."""
    current = lock_current(Procurement, procurement.pk, version)
    ensure_editable(current)
    if main is None and additional:
        raise ValidationError(_("Velg en hovedkode før du legger til tilleggskoder."))
    current.main_cpv = main
    bump(current)
    current.save()
    current.additional_cpv.set([c for c in additional if main is None or c.pk != main.pk])
    return current
