"""Reads for the evaluation pages: the scoring model, the bids and their ranking, in a fixed number of queries.

Every page loads its criteria and bids with a handful of prefetches and then
works in memory; the number of queries does not grow with the number of bids
(tests/procurement/evaluation/test_queries.py counts them at 3 and 30 bids).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch

from criteria.models import Kind
from procurement.evaluation import scoring
from procurement.evaluation.models import (
    PRICE_METHODS,
    Bid,
    CriterionScoring,
    FuelClass,
    Score,
    ScoringMethod,
    default_method,
)
from procurement.models import AwardCriterion, Procurement, Requirement


def scoring_of(criterion: AwardCriterion) -> CriterionScoring:
    """The criterion's scoring model; an unsaved default when the officer has set none.

    Needs select_related("scoring_model") on the criterion to cost no query.
    """
    try:
        return criterion.scoring_model
    except CriterionScoring.DoesNotExist:
        return CriterionScoring(criterion=criterion, method=default_method(criterion))


def fuel_classes_of(model: CriterionScoring) -> list[FuelClass]:
    """Needs the fuel_classes prefetch; an unsaved default model has none."""
    return list(model.fuel_classes.all()) if model.pk else []


def award_criteria(procurement: Procurement) -> list[AwardCriterion]:
    """The criteria with their scoring model and fuel classes: two queries."""
    criteria = list(
        procurement.award_criteria.select_related("scoring_model")
        .prefetch_related(
            Prefetch("scoring_model__fuel_classes", queryset=FuelClass.objects.order_by("position", "pk"))
        )
        .order_by("position", "pk")
    )
    for c in criteria:
        c.model = scoring_of(c)
        c.classes = fuel_classes_of(c.model)
        c.judged = c.model.method == ScoringMethod.POINTS
    return criteria


def qualification_requirements(procurement: Procurement) -> list[Requirement]:
    return list(procurement.requirements.filter(section=Kind.QUALIFICATION).order_by("position", "pk"))


def bids_with_details(procurement: Procurement) -> list[Bid]:
    return list(
        procurement.bids.prefetch_related("qualifications", "fleet_shares", "consensus_scores", "promises").order_by(
            "tenderer_name", "pk"
        )
    )


def is_admitted(bid: Bid) -> bool:
    """A bid that meets the mandatory requirements and every assessed qualification requirement."""
    return bid.mandatory_met and all(q.met for q in bid.qualifications.all())


def _criterion_input(c: AwardCriterion) -> scoring.Criterion:
    return scoring.Criterion(
        key=c.pk,
        name=c.name,
        weight=c.weight or 0,
        method=c.model.method,
        max_points=c.model.max_points,
        zero_percent=c.model.linear_zero_percent,
        fuel_points={fc.pk: fc.points for fc in c.classes},
        is_environmental=c.is_environmental,
    )


def _bid_input(bid: Bid) -> scoring.BidInput:
    return scoring.BidInput(
        key=bid.pk,
        name=bid.tenderer_name,
        price=bid.price,
        points={s.criterion_id: s.points for s in bid.consensus_scores.all()},
        fleet={s.fuel_class_id: s.share for s in bid.fleet_shares.all()},
    )


@dataclass
class Evaluation:
    procurement: Procurement
    criteria: list[AwardCriterion]
    bids: list[Bid]
    admitted: list[Bid]
    rejected: list[Bid]
    results: list[scoring.Result]
    weighted: bool
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.results) and all(r.complete for r in self.results)

    @property
    def environment_changes_winner(self) -> bool:
        return self.complete and scoring.environment_changes_winner(self.results)

    @property
    def has_environment(self) -> bool:
        return any(c.is_environmental for c in self.criteria)

    @property
    def leaders(self) -> list[scoring.Result]:
        return [r for r in self.results if r.rank == 1]

    def result_for(self, bid_id: int) -> scoring.Result | None:
        return next((r for r in self.results if r.bid.key == bid_id), None)


def evaluation(procurement: Procurement) -> Evaluation:
    """The whole evaluation of a procurement as it stands: seven queries whatever the number of bids."""
    criteria = award_criteria(procurement)
    bids = bids_with_details(procurement)
    admitted = [b for b in bids if is_admitted(b)]
    rejected = [b for b in bids if not is_admitted(b)]
    weighted = procurement.award_method == Procurement.AwardMethod.WEIGHTED and all(
        c.weight is not None for c in criteria
    )
    results = scoring.evaluate(map(_criterion_input, criteria), map(_bid_input, admitted)) if weighted else []
    by_pk = {b.pk: b for b in admitted}
    for r in results:
        by_pk[r.bid.key].result = r
    return Evaluation(procurement, criteria, bids, admitted, rejected, results, weighted)


@dataclass
class ConsensusRow:
    bid: Bid
    criterion: AwardCriterion
    scores: list[Score]
    spread: scoring.Spread
    agreed: object  # ConsensusScore | None


def consensus_rows(procurement: Procurement, criteria: list[AwardCriterion], bids: list[Bid]) -> list[ConsensusRow]:
    """Per admitted bid and judged criterion: every evaluator's points, their spread and the agreed score (1 query)."""
    judged = [c for c in criteria if c.judged]
    scores = defaultdict(list)
    for s in (
        Score.objects.filter(bid__procurement=procurement, criterion__in=judged)
        .select_related("evaluator")
        .order_by("evaluator__first_name", "evaluator__username", "pk")
    ):
        scores[(s.bid_id, s.criterion_id)].append(s)
    rows = []
    for c in judged:
        for bid in bids:
            own = scores[(bid.pk, c.pk)]
            agreed = next((a for a in bid.consensus_scores.all() if a.criterion_id == c.pk), None)
            rows.append(ConsensusRow(bid, c, own, scoring.spread(s.points for s in own), agreed))
    return rows


def my_scores(bid: Bid, user) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(bid=bid, evaluator=user)}


def own_scores_version(bid: Bid, evaluator) -> int:
    """The version of one evaluator's scores for a bid (0: none saved yet).

    The highest version in the scores' history, deleted rows included: an evaluator who blanks
    every score does not start the set again at 0, where a form opened before could match it.
    """
    versions = Score.history.filter(bid_id=bid.pk, evaluator_id=evaluator.pk).aggregate(top=Max("version"))
    return versions["top"] or 0


def model_version(model: CriterionScoring) -> int:
    """The version a scoring model form carries: 0 for a criterion whose model is not saved yet."""
    return model.version if model.pk else 0


def price_criteria(criteria) -> list[AwardCriterion]:
    return [c for c in criteria if c.model.method in PRICE_METHODS]
