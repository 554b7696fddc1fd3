"""Procurements ready for evaluation, and bids, for the evaluation tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from procurement.evaluation.models import Bid, ConsensusScore, CriterionScoring, ScoringMethod
from procurement.models import AwardCriterion, Procurement
from tests.factories import _orgnr, procurement, requirement

_seq = iter(range(50_000, 10**9))


def evaluable(organization, *, user=None, value=120_000_000, **fields) -> Procurement:
    """A published tender past its deadline: price 70 % (proportional), climate and environment 30 % (0–10)."""
    p = procurement(organization=organization, user=user, estimated_value=value, **fields)
    requirement(p, section="kontraktsvilkar", title="Menneskerettigheter i leverandørkjeden", human_rights_clause=True)
    requirement(p, section="kvalifikasjonskrav", title="Miljøledelse")
    price = AwardCriterion.objects.create(procurement=p, position=1, name="Pris", weight=70, is_price=True)
    env = AwardCriterion.objects.create(
        procurement=p, position=2, name="Klima og miljø", weight=30, is_environmental=True
    )
    CriterionScoring.objects.create(criterion=price, method=ScoringMethod.PRICE_PROPORTIONAL)
    CriterionScoring.objects.create(criterion=env, method=ScoringMethod.POINTS, scale_description="10 er best.")
    Procurement.objects.filter(pk=p.pk).update(
        status=Procurement.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=40),
        tender_deadline=timezone.localdate() - timedelta(days=1),
    )
    p.refresh_from_db()
    return p


def bid(p: Procurement, *, price="1000000", name=None, env_points=None, **fields) -> Bid:
    n = next(_seq)
    b = Bid.objects.create(
        procurement=p,
        tenderer_name=name or f"Leverandør {n}",
        orgnr=_orgnr(n),
        received_on=p.tender_deadline or timezone.localdate(),
        price=Decimal(price),
        **fields,
    )
    if env_points is not None:
        env = p.award_criteria.get(is_environmental=True)
        ConsensusScore.objects.create(bid=b, criterion=env, points=Decimal(env_points))
    return b
