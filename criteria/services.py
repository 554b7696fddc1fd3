"""Writes on the criteria library. Each takes the acting user and runs in one transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import Capability
from criteria.models import VARIANT_TEXT_FIELDS, Criterion, CriterionRevision, Level, Variant


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
    variants: list[VariantData] = field(default_factory=list)

    META_FIELDS = ("code", "title", "category", "group", "theme", "kind", "purpose", "environmental", "social")


def can_edit(owner_id: int | None, *, organization, capabilities) -> bool:
    """National criteria (owner None): any library editor. Local ones: the owner's library editors."""
    if Capability.EDIT_LIBRARY not in capabilities:
        return False
    return owner_id is None or (organization is not None and owner_id == organization.pk)


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
    """Keep the criterion's denormalised view of its current revision in step."""
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


@transaction.atomic
def update_criterion(*, criterion: Criterion, data: CriterionData, user, change_note: str = "") -> CriterionRevision:
    """Save an edit. A draft is changed in place; a published criterion gets a new, published revision.

    Returns the revision that now holds the texts.
    """
    _check_variants(data.variants)
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.status == Criterion.Status.RETIRED:
        raise ValidationError(_("Et utgått kriterium kan ikke endres. Gjenåpne det først."))
    for name in data.META_FIELDS:
        setattr(criterion, name, getattr(data, name))
    criterion.full_clean(exclude=["current_revision"])

    current = criterion.current_revision
    if current is not None and not current.is_published:
        current.title = data.title
        current.change_note = change_note or current.change_note
        current.save(update_fields=["title", "change_note"])
        revision = current
    else:
        if not change_note.strip():
            raise ValidationError(_("Skriv et endringsnotat: hva er endret, og hvorfor?"))
        number = (current.number if current else 0) + 1
        revision = CriterionRevision.objects.create(
            criterion=criterion,
            number=number,
            title=data.title,
            change_note=change_note,
            created_by=user,
            published_at=timezone.localdate(),
        )
    variants = _write_variants(revision, data.variants)
    point_at(criterion, revision, variants)
    criterion.save()
    return revision


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
