"""Which contracts get special follow-up: Bergen's eight factors turned into a score and a priority.

The scoring is deliberately simple and deterministic, so a follower can check it by hand:

* each factor that applies adds its weight (WEIGHTS below). Signs of actual risk weigh most:
  known breaches and production or extraction in high-risk countries 3 points each; a supplier
  whose own follow-up is not credible, and unknown risk, 2 points each. The factors that say
  follow-up will *work* — immaturity the buyer can help with, a strong market position, a
  strategic contract, the buyer being an important customer (leverage) — add 1 point each;
* a category on DFØ's high-risk list (criteria.Category.high_risk) adds HIGH_RISK_CATEGORY_POINTS;
* score >= HIGH_FROM gives høy, score >= MEDIUM_FROM middels, anything less lav.

The highest possible score is 16. Two strong risk signs alone (6) make a contract høy; one risk
sign in a high-risk category (5) is middels until a second factor applies.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from suppliers.models import Contract

WEIGHTS = {
    "known_breaches": 3,
    "high_risk_countries": 3,
    "low_credibility": 2,
    "unknown_risk": 2,
    "immature_supplier": 1,
    "strong_market_position": 1,
    "strategic_importance": 1,
    "important_customer": 1,
}
FACTORS = tuple(WEIGHTS)
HIGH_RISK_CATEGORY_POINTS = 2
HIGH_FROM = 6
MEDIUM_FROM = 3

# Bergen's plan: three factory audits or targeted special follow-ups per four-year period
# for the contracts that need it most; one per period for middels.
PLAN_PERIOD_MONTHS = 48
FOLLOWUPS_PER_PERIOD = {Contract.Priority.HIGH: 3, Contract.Priority.MEDIUM: 1, Contract.Priority.LOW: 0}


@dataclass(frozen=True)
class Reason:
    label: str
    points: int


@dataclass(frozen=True)
class Result:
    score: int
    priority: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def priority_label(self) -> str:
        return Contract.Priority(self.priority).label


def score(factors: dict[str, bool], *, high_risk_category: bool, labels: dict[str, str] | None = None) -> Result:
    """The score, priority and the reasons behind it; `labels` names the factors (defaults to the field names)."""
    labels = labels or {}
    reasons = [Reason(str(labels.get(name, name)), WEIGHTS[name]) for name in FACTORS if factors.get(name)]
    if high_risk_category:
        reasons.append(Reason(str(_("kategorien er på DFØs høyrisikoliste")), HIGH_RISK_CATEGORY_POINTS))
    total = sum(r.points for r in reasons)
    if total >= HIGH_FROM:
        priority = Contract.Priority.HIGH
    elif total >= MEDIUM_FROM:
        priority = Contract.Priority.MEDIUM
    else:
        priority = Contract.Priority.LOW
    return Result(total, priority, reasons)


def factor_labels() -> dict[str, str]:
    from suppliers.models import PriorityAssessment

    return {name: PriorityAssessment._meta.get_field(name).verbose_name for name in FACTORS}


def score_assessment(assessment, category) -> Result:
    """The result for a saved or unsaved PriorityAssessment of a contract in `category`."""
    return score(
        {name: getattr(assessment, name) for name in FACTORS},
        high_risk_category=category.high_risk,
        labels=factor_labels(),
    )


def suggested_followups(priority: str, months: int) -> int:
    """Bergen's rate scaled to the contract period, rounded up (a 2-year høy contract still gets 2)."""
    per_period = FOLLOWUPS_PER_PERIOD.get(priority, 0)
    if not per_period or months <= 0:
        return 0
    return math.ceil(per_period * months / PLAN_PERIOD_MONTHS)
