"""The demo's evaluations: scoring models for the demo tenders, and one tender evaluated and awarded in full.

The cleaning tender is evaluated the way the product intends: bids registered after
the deadline, two evaluators scoring alone, a consensus step, the award decision
and its standstill period, all dated in order in the past, so that the suppliers
demo can record the signed contract after the standstill end.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from procurement.evaluation import services
from procurement.evaluation.models import ScoringMethod
from procurement.models import Procurement

SECOND_EVALUATOR = "admin@bergen.example"
ZERO_EMISSION = "Nullutslipp (elektrisk eller hydrogen)"
FUEL_CLASSES = (
    (ZERO_EMISSION, Decimal(10)),
    ("Ladbar hybrid", Decimal(6)),
    ("Euro 6", Decimal(3)),
    ("Eldre", Decimal(0)),
)

# Days before today, in the order things happened.
PUBLISHED, DEADLINE, DECIDED = 100, 70, 50


def _row(criterion, method, **fields):
    return services.ModelRow(
        criterion=criterion,
        method=method,
        max_points=Decimal(10),
        linear_zero_percent=fields.get("zero"),
        scale_description=fields.get("scale", ""),
        fuel_classes=fields.get("classes", ()),
    )


def bus_scoring_model(procurement: Procurement, user) -> None:
    price, env = procurement.award_criteria.order_by("position")
    services.save_scoring_model(
        procurement=procurement,
        user=user,
        rows=[
            _row(price, ScoringMethod.PRICE_PROPORTIONAL),
            _row(
                env,
                ScoringMethod.POINTS,
                scale="10: dokumentert lavest klimagassutslipp per kjøretøykilometer med livsløpsanalyse (ISO 14040/14044). "
                "5: beregnet, uten tredjepartsverifisering. 0: ikke dokumentert.",
            ),
        ],
    )


def cleaning_scoring_model(procurement: Procurement, user) -> None:
    price, quality, env = procurement.award_criteria.order_by("position")
    services.save_scoring_model(
        procurement=procurement,
        user=user,
        rows=[
            _row(price, ScoringMethod.PRICE_LINEAR, zero=Decimal(50)),
            _row(
                quality,
                ScoringMethod.POINTS,
                scale="10: bemanningsplan, opplæring og kvalitetskontroll godt beskrevet.",
            ),
            _row(env, ScoringMethod.FUEL_MATRIX, classes=FUEL_CLASSES),
        ],
    )


BIDS = [
    # name, orgnr, price, quality points (evaluator 1, evaluator 2, agreed), fleet shares by class, promises
    (
        "Rein Barnehage AS",
        "923609016",
        "4300000",
        (7, 8, 7.5),
        (80, 20, 0, 0),
        [("Andel nullutslippskjøretøy", "80", "%")],
    ),
    (
        "Vestlandsvask AS",
        "912345688",
        "3900000",
        (6, 6, 6),
        (0, 10, 70, 20),
        [("Andel nullutslippskjøretøy", "0", "%")],
    ),
    (
        "Fjordrenhold AS",
        "987654325",
        "4100000",
        (8, 6, 7),
        (40, 30, 30, 0),
        [("Andel nullutslippskjøretøy", "40", "%")],
    ),
]


def evaluate_cleaning(procurement: Procurement, user) -> None:
    """Bids, scores, consensus and the award, dated in the past and in order."""
    today = timezone.localdate()
    second = get_user_model().objects.filter(username=SECOND_EVALUATOR).first() or user
    Procurement.objects.filter(pk=procurement.pk).update(
        published_at=timezone.now() - timedelta(days=PUBLISHED), tender_deadline=today - timedelta(days=DEADLINE)
    )
    procurement.refresh_from_db()
    _price, quality, env = procurement.award_criteria.order_by("position")
    classes = list(env.scoring_model.fuel_classes.order_by("position"))
    qualification = list(procurement.requirements.filter(section="kvalifikasjonskrav"))
    consensus = []
    for name, orgnr, price, (first, other, agreed), shares, promises in BIDS:
        bid = services.register_bid(
            procurement=procurement,
            user=user,
            data=services.BidData(
                fields={
                    "tenderer_name": name,
                    "orgnr": orgnr,
                    "received_on": today - timedelta(days=DEADLINE + 1),
                    "price": Decimal(price),
                    "mandatory_met": True,
                    "rejection_reason": "",
                },
                qualifications=dict.fromkeys(qualification, (True, "")),
                fleet={fc: Decimal(s) for fc, s in zip(classes, shares, strict=True)},
                promises=[(t, Decimal(v), u) for t, v, u in promises],
            ),
        )
        for evaluator, points in ((user, first), (second, other)):
            services.save_own_scores(
                bid=bid,
                evaluator=evaluator,
                rows=[
                    services.ScoreRow(quality, Decimal(str(points)), evidence="Tilbudets kapittel 3, bemanningsplan.")
                ],
            )
        note = "" if first == other else "Vurdert på nytt sammen; enige om poengsummen."
        consensus.append(services.ConsensusRowData(bid, quality, Decimal(str(agreed)), note))
    services.save_consensus(procurement=procurement, user=user, rows=consensus)
    winner = procurement.bids.get(tenderer_name="Rein Barnehage AS")
    services.decide_award(
        procurement=procurement,
        user=user,
        winner=winner,
        decided_on=today - timedelta(days=DECIDED),
        reasons="Tilbudet har høyest samlet poengsum etter vektingen i konkurransegrunnlaget.",
        advantages="Klart best på miljø i tjenesteutførelsen (80 % nullutslippsbiler) og god kvalitet; "
        "prisen er 10 % over den laveste.",
    )
