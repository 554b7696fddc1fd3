"""Writes of the evaluation: the scoring model, bids, scores, consensus and the award decision.

Each takes the acting user and runs in one transaction; history rows come from
simple-history. Status changes go through procurement.services.change_status so
the procurement's own log stays complete.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import StaleEdit, bump, lock_current
from procurement import rules
from procurement import services as procurement_services
from procurement.evaluation import selectors
from procurement.evaluation.models import (
    AwardDecision,
    Bid,
    BidFleetShare,
    BidPromise,
    BidQualification,
    ConsensusScore,
    CriterionScoring,
    FuelClass,
    Score,
    ScoringMethod,
    StandstillRule,
)
from procurement.models import AwardCriterion, Procurement

S = Procurement.Status
# Bids are registered while the tender is open for evaluation, not after the award.
BID_STATUSES = {S.PUBLISHED, S.EVALUATION}


# ---------------------------------------------------------------- the scoring model (part of the tender)


@dataclass(frozen=True)
class ModelRow:
    criterion: AwardCriterion
    method: str
    max_points: Decimal
    linear_zero_percent: Decimal | None
    scale_description: str
    fuel_classes: tuple[tuple[str, Decimal], ...] = ()
    # The criterion's scoring model version the form was opened with (0: no model saved yet).
    version: int = field(kw_only=True)


def check_model_row(row: ModelRow) -> list[str]:
    errors = []
    name = row.criterion.name
    if row.criterion.is_price and row.method not in (ScoringMethod.PRICE_LINEAR, ScoringMethod.PRICE_PROPORTIONAL):
        errors.append(_("%(name)s er et priskriterium og må ha en prismodell.") % {"name": name})
    if not row.criterion.is_price and row.method in (ScoringMethod.PRICE_LINEAR, ScoringMethod.PRICE_PROPORTIONAL):
        errors.append(_("%(name)s er ikke merket som pris og kan ikke ha en prismodell.") % {"name": name})
    if row.method == ScoringMethod.PRICE_LINEAR and not row.linear_zero_percent:
        errors.append(_("%(name)s: den lineære modellen trenger et nullpunkt i prosent.") % {"name": name})
    if row.method == ScoringMethod.FUEL_MATRIX:
        if not row.fuel_classes:
            errors.append(_("%(name)s: drivstoffmatrisen trenger minst én kjøretøyklasse.") % {"name": name})
        if any(points > row.max_points for _n, points in row.fuel_classes):
            errors.append(
                _("%(name)s: ingen klasse kan gi mer enn høyeste poengsum (%(max)s).")
                % {"name": name, "max": row.max_points}
            )
    return errors


@transaction.atomic
def save_scoring_model(*, procurement: Procurement, user, rows: list[ModelRow]) -> None:
    """The scoring model is part of the tender: frozen with it, changed only in a draft or an amendment.

    A row whose criterion's model was saved by someone else since the form was opened raises
    StaleEdit (carrying that model) before anything is written.
    """
    current = lock_current(Procurement, procurement.pk, None)
    procurement_services.ensure_editable(current)
    errors = [e for row in rows for e in check_model_row(row)]
    if errors:
        raise ValidationError(errors)
    saved = {
        m.criterion_id: m
        # The procurement lock above serialises two saves of the model.
        for m in CriterionScoring.objects.filter(criterion__in=[row.criterion for row in rows])
    }
    for row in rows:
        model = saved.get(row.criterion.pk)
        if (model.version if model else 0) != row.version:
            raise StaleEdit(model or CriterionScoring(criterion=row.criterion, version=0))
    for row in rows:
        model = saved.get(row.criterion.pk) or CriterionScoring(criterion=row.criterion, version=0)
        model.method = row.method
        model.max_points = row.max_points
        model.linear_zero_percent = row.linear_zero_percent if row.method == ScoringMethod.PRICE_LINEAR else None
        model.scale_description = row.scale_description
        bump(model)
        model.save()
        wanted = list(row.fuel_classes) if row.method == ScoringMethod.FUEL_MATRIX else []
        existing = list(model.fuel_classes.order_by("position", "pk"))
        # Update in place so the history of each class reads as edits, not as delete-and-create.
        for position, (name, points) in enumerate(wanted):
            if position < len(existing):
                fc = existing[position]
                if (fc.name, fc.points, fc.position) != (name, points, position):
                    fc.name, fc.points, fc.position = name, points, position
                    fc.save()
            else:
                FuelClass.objects.create(scoring=model, position=position, name=name, points=points)
        for fc in existing[len(wanted) :]:
            fc.delete()


# ---------------------------------------------------------------- bids


def _check_can_register(procurement: Procurement, today: date) -> None:
    if procurement.status not in BID_STATUSES:
        raise ValidationError(
            _("Tilbud registreres når konkurransen er publisert og før tildeling. Status nå: %(status)s.")
            % {"status": procurement.get_status_display()}
        )
    if procurement.tender_deadline and procurement.tender_deadline >= today:
        raise ValidationError(
            _("Tilbudsfristen %(deadline)s er ikke passert. Tilbud registreres etter fristen.")
            % {"deadline": procurement.tender_deadline.strftime("%d.%m.%Y")}
        )


@dataclass(frozen=True)
class BidData:
    fields: dict  # tenderer_name, orgnr, received_on, price, mandatory_met, rejection_reason
    qualifications: dict  # requirement -> (met: bool | None, reason)
    fleet: dict  # FuelClass -> share (Decimal) or None
    promises: list  # (title, target, unit)


def check_bid(data: BidData) -> None:
    errors = []
    if not data.fields.get("mandatory_met") and not data.fields.get("rejection_reason", "").strip():
        errors.append(_("Skriv hvorfor tilbudet avvises når et skal-krav ikke er oppfylt."))
    for requirement, (met, reason) in data.qualifications.items():
        if met is False and not reason.strip():
            errors.append(
                _("Skriv hvorfor kvalifikasjonskravet «%(title)s» ikke er oppfylt.") % {"title": requirement.title}
            )
    shares = [s for s in data.fleet.values() if s is not None]
    if shares and sum(shares) != 100:
        errors.append(
            _("Andelene i drivstoffmatrisen må til sammen være 100 %% (nå %(sum)s %%).") % {"sum": sum(shares)}
        )
    if errors:
        raise ValidationError(errors)


def _store_details(bid: Bid, data: BidData) -> None:
    for requirement, (met, reason) in data.qualifications.items():
        if met is None:
            BidQualification.objects.filter(bid=bid, requirement=requirement).delete()
        else:
            BidQualification.objects.update_or_create(
                bid=bid, requirement=requirement, defaults={"met": met, "reason": reason.strip() if not met else ""}
            )
    for fuel_class, share in data.fleet.items():
        if share is None:
            BidFleetShare.objects.filter(bid=bid, fuel_class=fuel_class).delete()
        else:
            BidFleetShare.objects.update_or_create(bid=bid, fuel_class=fuel_class, defaults={"share": share})
    existing = list(bid.promises.order_by("pk"))
    for index, (title, target, unit) in enumerate(data.promises):
        if index < len(existing):
            p = existing[index]
            if (p.title, p.target, p.unit) != (title, target, unit):
                p.title, p.target, p.unit = title, target, unit
                p.save()
        else:
            BidPromise.objects.create(bid=bid, title=title, target=target, unit=unit)
    for p in existing[len(data.promises) :]:
        p.delete()


@transaction.atomic
def register_bid(*, procurement: Procurement, user, data: BidData, today: date | None = None) -> Bid:
    """A received bid; the first one moves the procurement from publisert to evaluering."""
    current = lock_current(Procurement, procurement.pk, None)
    _check_can_register(current, today or timezone.localdate())
    check_bid(data)
    if current.bids.filter(orgnr=data.fields["orgnr"]).exists():
        raise ValidationError(_("Denne leverandøren har allerede et registrert tilbud i konkurransen."))
    bid = Bid.objects.create(procurement=current, registered_by=user, **data.fields)
    _store_details(bid, data)
    _ranking_changed(current)
    if current.status == S.PUBLISHED:
        procurement_services.change_status(
            procurement=current, user=user, to_status=S.EVALUATION, note=_("Første tilbud registrert.")
        )
    return bid


def _ranking_changed(procurement: Procurement) -> None:
    """A write the ranking rests on: a consensus form or award decision opened before it is now stale.

    The caller holds the procurement's row lock.
    """
    procurement.evaluation_version += 1
    procurement.save(update_fields=["evaluation_version"])


def _check_not_awarded(procurement: Procurement) -> None:
    if AwardDecision.objects.filter(procurement=procurement).exists() or procurement.status not in BID_STATUSES:
        raise ValidationError(_("Tildelingen er besluttet; tilbud og poeng kan ikke lenger endres."))


@transaction.atomic
def update_bid(*, bid: Bid, user, data: BidData, version: int) -> Bid:
    """version: the bid's version the form was opened with; another save since then raises StaleEdit."""
    procurement = lock_current(Procurement, bid.procurement_id, None)
    current = lock_current(Bid, bid.pk, version)
    _check_not_awarded(procurement)
    check_bid(data)
    if procurement.bids.filter(orgnr=data.fields["orgnr"]).exclude(pk=current.pk).exists():
        raise ValidationError(_("Denne leverandøren har allerede et registrert tilbud i konkurransen."))
    for name, value in data.fields.items():
        setattr(current, name, value)
    bump(current)
    current.save()
    _store_details(current, data)
    _ranking_changed(procurement)
    return current


@transaction.atomic
def delete_bid(*, bid: Bid, user) -> None:
    procurement = lock_current(Procurement, bid.procurement_id, None)
    _check_not_awarded(procurement)
    bid.delete()
    _ranking_changed(procurement)


# ---------------------------------------------------------------- scores


def _lock_evaluation(procurement: Procurement, version: int) -> Procurement:
    """The procurement locked, and StaleEdit if its evaluation changed since the form was opened."""
    current = lock_current(Procurement, procurement.pk, None)
    if current.evaluation_version != version:
        raise StaleEdit(current)
    return current


def _check_points(criterion: AwardCriterion, points: Decimal) -> None:
    maximum = selectors.scoring_of(criterion).max_points
    if points < 0 or points > maximum:
        raise ValidationError(
            _("%(name)s: poengene må være mellom 0 og %(max)s.") % {"name": criterion.name, "max": maximum}
        )


@dataclass(frozen=True)
class ScoreRow:
    criterion: AwardCriterion
    points: Decimal | None
    evidence: str = ""
    comment: str = ""


@transaction.atomic
def save_own_scores(*, bid: Bid, evaluator, rows: list[ScoreRow], version: int) -> Bid:
    """One evaluator's own points, given alone; a blank row leaves that criterion unscored by them.

    version: selectors.own_scores_version when the form was opened (0: none). A save from another
    tab since then raises StaleEdit; every row saved now gets the next version, so the set moves
    forward as one.
    """
    lock_current(Bid, bid.pk, None)  # serialises two saves of the same evaluator's set
    _check_not_awarded(bid.procurement)
    now = selectors.own_scores_version(bid, evaluator)
    if now != version:
        raise StaleEdit(Score(bid=bid, evaluator=evaluator, version=now))
    for row in rows:
        if row.points is None:
            for score in Score.objects.filter(bid=bid, criterion=row.criterion, evaluator=evaluator):
                score.version = now + 1  # the deletion's history row carries the set's new version
                score.delete()
            continue
        _check_points(row.criterion, row.points)
        Score.objects.update_or_create(
            bid=bid,
            criterion=row.criterion,
            evaluator=evaluator,
            defaults={
                "points": row.points,
                "evidence": row.evidence.strip(),
                "comment": row.comment.strip(),
                "version": now + 1,
            },
        )
    return bid


@dataclass(frozen=True)
class ConsensusRowData:
    bid: Bid
    criterion: AwardCriterion
    points: Decimal | None
    note: str = ""


@transaction.atomic
def save_consensus(*, procurement: Procurement, user, rows: list[ConsensusRowData], version: int) -> Procurement:
    """The agreed points. Where the evaluators disagreed, the note says how they agreed.

    version: the procurement's evaluation_version the form was opened with; a consensus or bid
    saved since then raises StaleEdit.
    """
    current = _lock_evaluation(procurement, version)
    _check_not_awarded(current)
    errors = []
    for row in rows:
        if row.points is None:
            continue
        try:
            _check_points(row.criterion, row.points)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        own = [s.points for s in Score.objects.filter(bid=row.bid, criterion=row.criterion)]
        if len(set(own)) > 1 and not row.note.strip():
            errors.append(
                _("%(bid)s, %(criterion)s: evaluatorene var uenige; skriv hvordan dere kom fram til poengsummen.")
                % {"bid": row.bid.tenderer_name, "criterion": row.criterion.name}
            )
    if errors:
        raise ValidationError(errors)
    for row in rows:
        if row.points is None:
            ConsensusScore.objects.filter(bid=row.bid, criterion=row.criterion).delete()
        else:
            ConsensusScore.objects.update_or_create(
                bid=row.bid,
                criterion=row.criterion,
                defaults={"points": row.points, "note": row.note.strip(), "decided_by": user},
            )
    _ranking_changed(current)
    return current


# ---------------------------------------------------------------- award and standstill


@dataclass(frozen=True)
class Standstill:
    days: int
    end: date | None
    above_eea: bool
    outdated: bool = False


def standstill_for(procurement: Procurement, decided_on: date) -> Standstill:
    """Above an EEA threshold (any regulation) the regime's standstill period from its rule rows; below, none."""
    regime = rules.regime_of(procurement)
    if not regime.above_eea:
        return Standstill(0, None, False, regime.outdated)
    # The regime's newest row in force on the decision date; past its valid_to it is still used, flagged
    # as outdated. No row at all: no period can be computed, and the page says the data is missing.
    row = StandstillRule.objects.filter(regime=regime.part, valid_from__lte=decided_on).order_by("-valid_from").first()
    days = row.days if row else 0
    outdated = row is None or (row.valid_to is not None and row.valid_to < decided_on)
    return Standstill(days, decided_on + timedelta(days=days) if days else None, True, regime.outdated or outdated)


@transaction.atomic
def decide_award(
    *, procurement: Procurement, user, winner: Bid, decided_on: date, reasons: str, advantages: str, version: int
) -> AwardDecision:
    """version: the evaluation_version of the ranking the officer saw; if it changed since, StaleEdit."""
    current = _lock_evaluation(procurement, version)
    if current.status != S.EVALUATION:
        raise ValidationError(_("Tildeling besluttes når tilbudene er evaluert (status evaluering)."))
    evaluation = selectors.evaluation(current)
    errors = []
    if not evaluation.weighted:
        errors.append(_("Poengberegningen krever vekter i prosent på alle tildelingskriteriene."))
    elif not evaluation.complete:
        errors.append(_("Alle tilbud som ikke er avvist, må ha omforente poeng på alle kriterier før tildeling."))
    if winner.procurement_id != current.pk or winner not in evaluation.admitted:
        errors.append(_("Den valgte leverandøren må ha et tilbud som ikke er avvist."))
    if not reasons.strip() or not advantages.strip():
        errors.append(_("Skriv begrunnelsen og det valgte tilbudets relative fordeler; de står i brevet."))
    if current.tender_deadline and decided_on < current.tender_deadline:
        errors.append(_("Tildelingen kan ikke være datert før tilbudsfristen."))
    if errors:
        raise ValidationError(errors)
    standstill = standstill_for(current, decided_on)
    decision = AwardDecision.objects.create(
        procurement=current,
        winner=winner,
        decided_on=decided_on,
        reasons=reasons.strip(),
        advantages=advantages.strip(),
        standstill_days=standstill.days,
        standstill_end=standstill.end,
        decided_by=user,
    )
    procurement_services.change_status(
        procurement=current,
        user=user,
        to_status=S.AWARDED,
        note=_("Tildelt %(name)s.") % {"name": winner.tenderer_name},
    )
    return decision


def check_can_sign(decision: AwardDecision, signed_on: date) -> None:
    """The contract may be signed once the standstill period is over (the day after its last day)."""
    if decision.contract_signed_on:
        raise ValidationError(_("Kontrakten er allerede registrert som signert."))
    if signed_on < decision.decided_on:
        raise ValidationError(_("Kontrakten kan ikke signeres før tildelingsbeslutningen."))
    if decision.standstill_end and signed_on <= decision.standstill_end:
        raise ValidationError(
            _("Karensperioden varer til og med %(end)s. Kontrakten kan signeres fra dagen etter.")
            % {"end": decision.standstill_end.strftime("%d.%m.%Y")}
        )


def mark_signed(decision: AwardDecision, signed_on: date) -> None:
    """Called by the follow-up side inside its own transaction when it has made the contract."""
    check_can_sign(decision, signed_on)
    decision.contract_signed_on = signed_on
    decision.save(update_fields=["contract_signed_on"])
