"""The demo's evaluations: scoring models for the demo tenders, and two tenders evaluated and awarded in full.

Bergen's cleaning tender and the county's city-bus tender are evaluated the way the
product intends: bids registered after the deadline, two evaluators scoring alone, a
consensus step, the award decision and its standstill period, all dated in order in
the past, so that the suppliers demo can record the signed contract after the
standstill end. The cleaning tender is evaluated by the procurement demo; the bus
tender by the suppliers demo just before it signs the contract, so that a demo with
procurements only still has the bus tender open for bids (the browser test registers
them by hand).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from procurement.evaluation import services
from procurement.evaluation.models import CriterionScoring, ScoringMethod
from procurement.models import Procurement
from procurement.signals import procurements_written

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


@dataclass(frozen=True)
class DemoBid:
    name: str
    orgnr: str
    price: str
    points: tuple  # the judged criterion's points: (evaluator 1, evaluator 2, agreed)
    promises: tuple = ()  # (title, target, unit)
    shares: tuple = ()  # fleet shares per fuel class, in the matrix's order


CLEANING_BIDS = [
    DemoBid(
        "Rein Barnehage AS",
        "923609016",
        "4300000",
        (7, 8, 7.5),
        (("Andel nullutslippskjøretøy", "80", "%"),),
        (80, 20, 0, 0),
    ),
    DemoBid(
        "Vestlandsvask AS",
        "912345688",
        "3900000",
        (6, 6, 6),
        (("Andel nullutslippskjøretøy", "0", "%"),),
        (0, 10, 70, 20),
    ),
    DemoBid(
        "Fjordrenhold AS",
        "987654325",
        "4100000",
        (8, 6, 7),
        (("Andel nullutslippskjøretøy", "40", "%"),),
        (40, 30, 30, 0),
    ),
]

# The county's city-bus tender: price 60 % (proportional), climate and environment 40 % (0–10).
# The cheapest bid would win on price alone; the climate criterion moves the award to the best documented buses.
BUS_BIDS = [
    DemoBid(
        "Vestbuss Elektro AS",
        "915220010",
        "118000000",
        (9, 8, 8.5),
        (
            ("Klimagassutslipp over livsløpet", "0.62", "kg CO2e per km"),
            ("Resirkulert innhold i battericellene", "12", "%"),
            ("Gjenværende batterikapasitet etter 8 år", "80", "%"),
        ),
    ),
    DemoBid(
        "Fjordline Bussimport AS",
        "928710041",
        "109000000",
        (4, 5, 4.5),
        (("Klimagassutslipp over livsløpet", "0.95", "kg CO2e per km"),),
    ),
    DemoBid(
        "Nordisk Elbuss AS",
        "936400175",
        "114000000",
        (7, 7, 7),
        (("Klimagassutslipp over livsløpet", "0.74", "kg CO2e per km"),),
    ),
]
BUS_EVALUATORS = ("innkjoper@bergen.example", "innkjoper@vestland.example")

# Days after the tender deadline, in the order things happened.
FIRST_BID_REGISTERED, BUS_DECIDED = 1, 20


def _backdate_status(procurement: Procurement, status: str, on) -> None:
    """The demo evaluates today what happened weeks ago: the log says when it happened."""
    when = timezone.make_aware(datetime.combine(on, time(10)))
    procurement.events.filter(to_status=status).update(created_at=when)


def _evaluate(
    procurement: Procurement, user, second, *, bids, judged, evidence: str, winner: str, decided_on, reasons, advantages
):
    """Bids registered after the deadline, two evaluators alone on the judged criterion, consensus, the award."""
    deadline = procurement.tender_deadline
    matrix = CriterionScoring.objects.filter(
        criterion__procurement=procurement, method=ScoringMethod.FUEL_MATRIX
    ).first()
    classes = list(matrix.fuel_classes.order_by("position")) if matrix else []
    qualification = list(procurement.requirements.filter(section="kvalifikasjonskrav"))
    consensus = []
    for demo_bid in bids:
        bid = services.register_bid(
            procurement=procurement,
            user=user,
            today=deadline + timedelta(days=FIRST_BID_REGISTERED),
            data=services.BidData(
                fields={
                    "tenderer_name": demo_bid.name,
                    "orgnr": demo_bid.orgnr,
                    "received_on": deadline - timedelta(days=1),
                    "price": Decimal(demo_bid.price),
                    "mandatory_met": True,
                    "rejection_reason": "",
                },
                qualifications=dict.fromkeys(qualification, (True, "")),
                fleet={fc: Decimal(s) for fc, s in zip(classes, demo_bid.shares, strict=True)},
                promises=[(t, Decimal(v), u) for t, v, u in demo_bid.promises],
            ),
        )
        first, other, agreed = demo_bid.points
        for evaluator, points in ((user, first), (second, other)):
            services.save_own_scores(
                bid=bid, evaluator=evaluator, rows=[services.ScoreRow(judged, Decimal(str(points)), evidence=evidence)]
            )
        note = "" if first == other else "Vurdert på nytt sammen; enige om poengsummen."
        consensus.append(services.ConsensusRowData(bid, judged, Decimal(str(agreed)), note))
    services.save_consensus(procurement=procurement, user=user, rows=consensus)
    services.decide_award(
        procurement=procurement,
        user=user,
        winner=procurement.bids.get(tenderer_name=winner),
        decided_on=decided_on,
        reasons=reasons,
        advantages=advantages,
    )
    _backdate_status(procurement, Procurement.Status.EVALUATION, deadline + timedelta(days=FIRST_BID_REGISTERED))
    _backdate_status(procurement, Procurement.Status.AWARDED, decided_on)


def evaluate_cleaning(procurement: Procurement, user) -> None:
    """Bids, scores, consensus and the award, dated in the past and in order."""
    today = timezone.localdate()
    second = get_user_model().objects.filter(username=SECOND_EVALUATOR).first() or user
    Procurement.objects.filter(pk=procurement.pk).update(
        published_at=timezone.now() - timedelta(days=PUBLISHED), tender_deadline=today - timedelta(days=DEADLINE)
    )
    procurements_written.send(sender=Procurement, pks=[procurement.pk])  # the year of publication may move
    procurement.refresh_from_db()
    _price, quality, _env = procurement.award_criteria.order_by("position")
    _evaluate(
        procurement,
        user,
        second,
        bids=CLEANING_BIDS,
        judged=quality,
        evidence="Tilbudets kapittel 3, bemanningsplan.",
        winner="Rein Barnehage AS",
        decided_on=today - timedelta(days=DECIDED),
        reasons="Tilbudet har høyest samlet poengsum etter vektingen i konkurransegrunnlaget.",
        advantages="Klart best på miljø i tjenesteutførelsen (80 % nullutslippsbiler) og god kvalitet; "
        "prisen er 10 % over den laveste.",
    )


def evaluate_buses(procurement: Procurement) -> bool:
    """The county's bus tender, evaluated by its two buyers and awarded; False when it is not ready for that."""
    users = get_user_model().objects.in_bulk(BUS_EVALUATORS, field_name="username")
    if len(users) < 2 or procurement.status != Procurement.Status.PUBLISHED or procurement.bids.exists():
        return False
    officer, second = (users[name] for name in BUS_EVALUATORS)
    _price, climate = procurement.award_criteria.order_by("position")
    _evaluate(
        procurement,
        officer,
        second,
        bids=BUS_BIDS,
        judged=climate,
        evidence="Livsløpsanalysen for buss og batteri (ISO 14040/14044) i vedlegg 4.",
        winner="Vestbuss Elektro AS",
        decided_on=procurement.tender_deadline + timedelta(days=BUS_DECIDED),
        reasons="Tilbudet har høyest samlet poengsum etter vektingen i konkurransegrunnlaget (pris 60 %, klima og miljø 40 %).",
        advantages="Lavest dokumentert klimagassutslipp per kjøretøykilometer, med tredjepartsverifisert livsløpsanalyse "
        "og en plan for andre liv for batteriene; prisen er 8 % over den laveste.",
    )
    return True
