"""Writes on the criteria library. Each takes the acting user and runs in one transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import bump, lock_current
from core.roles import Capability
from criteria import notices
from criteria.models import (
    VARIANT_TEXT_FIELDS,
    Criterion,
    CriterionRevision,
    CriterionShare,
    Level,
    RevisionComment,
    Variant,
)

# Sent on commit when a revision of a published criterion becomes its current one,
# with `revision`; apps that copy library texts (procurement) tell their owners.
revision_published = Signal()


@dataclass
class VariantData:
    level: str
    text: str
    documentation: str
    guidance: str = ""
    verification: str = ""
    references: str = ""
    legal_requirement: bool = False

    def as_fields(self) -> dict:
        return {name: getattr(self, name) for name in (*VARIANT_TEXT_FIELDS, "legal_requirement")}


@dataclass
class CriterionData:
    """What an editor sets on a criterion; texts per level go in `variants`."""

    code: str
    title: str
    category: object
    theme: object
    kind: str
    group: object = None
    purpose: str = ""
    environmental: bool = False
    social: bool = False
    environmental_management: bool = False
    variants: list[VariantData] = field(default_factory=list)

    META_FIELDS = (
        "code",
        "title",
        "category",
        "group",
        "theme",
        "kind",
        "purpose",
        "environmental",
        "social",
        "environmental_management",
    )


def can_edit(owner_id: int | None, *, organization, capabilities) -> bool:
    """National criteria (owner None): the national library's editors. Local ones: the owner's library editors.

    The same people decide on proposals for that library.
    """
    if owner_id is None:
        return Capability.EDIT_NATIONAL_LIBRARY in capabilities
    return Capability.EDIT_LIBRARY in capabilities and organization is not None and owner_id == organization.pk


def can_propose(criterion: Criterion, *, capabilities) -> bool:
    """Any organisation's library editor may propose a change to a published national criterion."""
    return (
        criterion.organization_id is None
        and criterion.status == Criterion.Status.PUBLISHED
        and Capability.EDIT_LIBRARY in capabilities
    )


def library_needs_second_editor(owner) -> bool:
    """Four eyes: always for the national library (owner None), for a local one when its organisation says so."""
    return owner is None or owner.four_eyes_local_library


def needs_second_editor(criterion: Criterion) -> bool:
    return library_needs_second_editor(criterion.organization)


def refuse_own_approval(author_id: int | None, user) -> None:
    if author_id is not None and author_id == user.pk:
        raise ValidationError(
            _("Du kan ikke godkjenne en revisjon du har skrevet selv. En annen redaktør må godkjenne den.")
        )


def _refuse_own_approval(revision: CriterionRevision, user) -> None:
    refuse_own_approval(revision.created_by_id, user)


def _check_variants(variants: list[VariantData]) -> None:
    levels = [v.level for v in variants]
    if not variants:
        raise ValidationError(_("Kriteriet må ha minst ett nivå: basis eller avansert."))
    if len(set(levels)) != len(levels):
        raise ValidationError(_("Hvert nivå kan bare forekomme én gang."))
    for v in variants:
        if v.level not in Level.values:
            raise ValidationError(_("Ukjent nivå: %(level)s.") % {"level": v.level})
        if not v.text.strip() or not v.documentation.strip():
            raise ValidationError(
                _("Nivået %(level)s må ha både kravtekst og dokumentasjonskrav.") % {"level": v.level}
            )


def search_text_for(title: str, variants) -> str:
    parts = [title]
    for v in variants:
        parts.extend(getattr(v, name) for name in VARIANT_TEXT_FIELDS)
    return "\n".join(p for p in parts if p)


def point_at(criterion: Criterion, revision: CriterionRevision, variants) -> None:
    """Keep the criterion's denormalised view of its current revision in step.

    Every change of the current texts after the first is a new version of the edit page
    (core/concurrency.py), so a form opened before it cannot put the old texts back.
    """
    if criterion.current_revision_id is not None:
        bump(criterion)
    levels = {v.level for v in variants}
    criterion.current_revision = revision
    criterion.title = revision.title
    criterion.has_basis = Level.BASIC in levels
    criterion.has_avansert = Level.ADVANCED in levels
    criterion.search_text = search_text_for(revision.title, variants)


def _write_variants(revision: CriterionRevision, variants: list[VariantData]) -> list[Variant]:
    revision.variants.all().delete()
    return Variant.objects.bulk_create([Variant(revision=revision, level=v.level, **v.as_fields()) for v in variants])


@transaction.atomic
def create_criterion(*, data: CriterionData, organization, user) -> Criterion:
    """A new draft criterion with revision 1 (unpublished)."""
    _check_variants(data.variants)
    criterion = Criterion(organization=organization, **{name: getattr(data, name) for name in data.META_FIELDS})
    criterion.full_clean(exclude=["current_revision"])
    criterion.save()
    revision = CriterionRevision.objects.create(criterion=criterion, number=1, title=data.title, created_by=user)
    variants = _write_variants(revision, data.variants)
    point_at(criterion, revision, variants)
    criterion.save()
    return criterion


def _next_number(criterion: Criterion) -> int:
    # Proposals take numbers too, so the next number is above every revision, not the current one.
    return (criterion.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1


def _apply_meta(criterion: Criterion, data: CriterionData) -> None:
    for name in data.META_FIELDS:
        setattr(criterion, name, getattr(data, name))
    criterion.full_clean(exclude=["current_revision"])


def _new_revision(criterion, data: CriterionData, user, change_note: str, **state) -> CriterionRevision:
    return CriterionRevision.objects.create(
        criterion=criterion,
        number=_next_number(criterion),
        title=data.title,
        change_note=change_note,
        created_by=user,
        **state,
    )


@transaction.atomic
def update_criterion(
    *,
    criterion: Criterion,
    data: CriterionData,
    user,
    change_note: str = "",
    organization=None,
    version: int | None = None,
) -> CriterionRevision:
    """Save an edit. A draft is changed in place; a published criterion gets a new revision.

    The new revision is published at once only in a local library without the
    four-eyes rule; otherwise it is a proposal that another editor approves
    (approve_revision). ``organization`` is the editor's, recorded on proposals.
    ``version``: the criterion's version the edit form was opened with; a save of the
    texts since then raises StaleEdit (a proposal from stale texts too, since approving
    it would put them back). None is for callers without a form (demo, tests' set-up).
    Returns the revision that now holds the texts.
    """
    _check_variants(data.variants)
    criterion = lock_current(Criterion.objects.select_related("organization"), criterion.pk, version)
    if criterion.status == Criterion.Status.RETIRED:
        raise ValidationError(_("Et utgått kriterium kan ikke endres. Gjenåpne det først."))

    current = criterion.current_revision
    if current is not None and not current.is_published:
        _apply_meta(criterion, data)
        current.title = data.title
        current.change_note = change_note or current.change_note
        current.save(update_fields=["title", "change_note"])
        variants = _write_variants(current, data.variants)
        point_at(criterion, current, variants)
        criterion.save()
        return current
    if not change_note.strip():
        raise ValidationError(_("Skriv et endringsnotat: hva er endret, og hvorfor?"))
    if needs_second_editor(criterion) or (organization is not None and criterion.organization_id != organization.pk):
        # A proposal changes the texts only; the criterion's classification stays until it is published.
        revision = _new_revision(
            criterion,
            data,
            user,
            change_note,
            proposed_at=timezone.now(),
            proposed_by_organization=organization,
            base_revision=current,
        )
        _write_variants(revision, data.variants)
        return revision
    _apply_meta(criterion, data)
    revision = _new_revision(criterion, data, user, change_note, published_at=timezone.localdate())
    variants = _write_variants(revision, data.variants)
    point_at(criterion, revision, variants)
    criterion.save()
    announce_published(revision)
    return revision


def announce_published(revision: CriterionRevision) -> None:
    """Tell the apps that copy library texts, once the transaction commits (revision_published)."""
    transaction.on_commit(lambda: revision_published.send(sender=CriterionRevision, revision=revision))


def _pending(revision: CriterionRevision) -> CriterionRevision:
    revision = CriterionRevision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_pending:
        raise ValidationError(_("Forslaget er allerede avgjort."))
    return revision


@transaction.atomic
def approve_revision(*, revision: CriterionRevision, user) -> CriterionRevision:
    """The second editor's approval publishes a proposal; the author's own is refused."""
    criterion = Criterion.objects.select_for_update(of=("self",)).get(pk=revision.criterion_id)
    revision = _pending(revision)
    _refuse_own_approval(revision, user)
    if criterion.status == Criterion.Status.RETIRED:
        raise ValidationError(_("Kriteriet er utgått. Gjenåpne det før forslaget godkjennes."))
    if criterion.current_revision_id != revision.base_revision_id:
        raise ValidationError(
            _(
                "Forslaget bygger på en revisjon som ikke lenger er gjeldende. "
                "Avvis det med en begrunnelse, så kan forslagsstilleren foreslå på nytt."
            )
        )
    now = timezone.now()
    revision.published_at = timezone.localdate()
    revision.decided_by = user
    revision.decided_at = now
    revision.save(update_fields=["published_at", "decided_by", "decided_at"])
    point_at(criterion, revision, list(revision.variants.all()))
    criterion.save()
    announce_published(revision)
    notices.proposal_decided_on_commit(revision)
    return revision


@transaction.atomic
def reject_revision(*, revision: CriterionRevision, user, reason: str) -> CriterionRevision:
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor forslaget avvises, slik at forslagsstilleren forstår det."))
    revision = _pending(revision)
    now = timezone.now()
    revision.rejected_at = now
    revision.decided_by = user
    revision.decided_at = now
    revision.decision_note = reason.strip()
    revision.save(update_fields=["rejected_at", "decided_by", "decided_at", "decision_note"])
    notices.proposal_decided_on_commit(revision)
    return revision


@transaction.atomic
def comment_on_revision(*, revision: CriterionRevision, user, organization, text: str) -> RevisionComment:
    if not text.strip():
        raise ValidationError(_("Kommentaren er tom."))
    revision = _pending(revision)
    return RevisionComment.objects.create(revision=revision, author=user, organization=organization, text=text.strip())


@transaction.atomic
def publish_criterion(*, criterion: Criterion, user) -> Criterion:
    criterion = (
        Criterion.objects.select_for_update(of=("self",)).select_related("current_revision").get(pk=criterion.pk)
    )
    if criterion.status == Criterion.Status.PUBLISHED:
        return criterion
    revision = criterion.current_revision
    if revision is None:
        raise ValidationError(_("Kriteriet har ingen tekst å publisere."))
    if not revision.is_published and needs_second_editor(criterion):
        _refuse_own_approval(revision, user)
    if not revision.is_published:
        if not revision.change_note:
            revision.change_note = _("Første publiserte versjon.")
        revision.published_at = timezone.localdate()
        revision.save(update_fields=["published_at", "change_note"])
    criterion.status = Criterion.Status.PUBLISHED
    criterion.save(update_fields=["status", "updated_at"])
    return criterion


def _change_status(criterion: Criterion, *, required: str, new: str, refusal: str) -> Criterion:
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.status != required:
        raise ValidationError(refusal)
    criterion.status = new
    criterion.save(update_fields=["status", "updated_at"])
    return criterion


@transaction.atomic
def retire_criterion(*, criterion: Criterion, user) -> Criterion:
    """Hide from pickers; tenders that used it keep their revision."""
    return _change_status(
        criterion,
        required=Criterion.Status.PUBLISHED,
        new=Criterion.Status.RETIRED,
        refusal=_("Bare publiserte kriterier kan settes som utgått."),
    )


@transaction.atomic
def reinstate_criterion(*, criterion: Criterion, user) -> Criterion:
    return _change_status(
        criterion,
        required=Criterion.Status.RETIRED,
        new=Criterion.Status.PUBLISHED,
        refusal=_("Bare utgåtte kriterier kan gjenåpnes."),
    )


@transaction.atomic
def share_criterion(*, criterion: Criterion, organization, user) -> CriterionShare:
    """Let a named other organisation read a local criterion and use it in its tenders (never edit it)."""
    if criterion.organization_id is None:
        raise ValidationError(_("Nasjonale kriterier er allerede tilgjengelige for alle."))
    if organization.pk == criterion.organization_id:
        raise ValidationError(_("Kriteriet tilhører allerede denne organisasjonen."))
    if CriterionShare.objects.filter(criterion=criterion, organization=organization).exists():
        raise ValidationError(
            _("Kriteriet er allerede delt med %(org)s.") % {"org": organization.name},
        )
    return CriterionShare.objects.create(criterion=criterion, organization=organization, shared_by=user)


@transaction.atomic
def revoke_criterion_share(*, share: CriterionShare, user) -> None:
    """The organisation no longer sees the criterion; its tenders keep the texts they copied."""
    share.delete()


@dataclass(frozen=True)
class RevisionTexts:
    """What a tender copies from the library: the texts of one level of one revision.

    The tender keeps this copy (editable there) and a link to `revision`, so it
    always knows exactly which library wording it started from.
    """

    revision: CriterionRevision
    level: str
    kind: str
    title: str
    text: str
    documentation: str
    guidance: str
    verification: str
    references: str
    legal_requirement: bool


def texts_for_tender(*, criterion: Criterion, level: str) -> RevisionTexts:
    """The current published texts of a criterion at a level, for the tender builder."""
    if criterion.status != Criterion.Status.PUBLISHED or criterion.current_revision is None:
        raise ValidationError(_("Bare publiserte kriterier kan brukes i en anskaffelse."))
    revision = criterion.current_revision
    variant = revision.variant(level)
    if variant is None:
        raise ValidationError(
            _("%(code)s finnes ikke på nivået %(level)s.") % {"code": criterion.code, "level": Level(level).label}
        )
    return RevisionTexts(
        revision=revision,
        level=level,
        kind=criterion.kind,
        title=revision.title,
        legal_requirement=variant.legal_requirement,
        **{name: getattr(variant, name) for name in VARIANT_TEXT_FIELDS},
    )
