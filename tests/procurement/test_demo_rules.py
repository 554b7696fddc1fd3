"""The demo data obeys the product's own rules (issue 14, item 6)."""

from django.core.management import call_command
from django.utils import timezone

from procurement import rules
from procurement.models import Procurement


def test_no_demo_procurement_published_under_seven_nine_fails_without_an_exception(db):
    call_command("load_demo", verbosity=0)
    published = Procurement.objects.filter(published_at__isnull=False).prefetch_related("award_criteria")
    failing, grounds = [], {}
    checked = 0
    for p in published.select_related("category"):
        result = rules.environment_rule(p, list(p.award_criteria.all()))
        if not result.applies:
            continue
        checked += 1
        if not result.passed:
            failing.append((p.reference, p.title, [c.message for c in result.errors]))
        if p.rule_exception:
            assert p.rule_exception_justification.strip(), p.reference
            grounds[p.rule_exception] = grounds.get(p.rule_exception, 0) + 1
    assert checked >= 100, "the historic years under § 7-9 are in the check"
    assert failing == []
    # A believable mix: both the specification route and the exception are used, neither everywhere.
    assert set(grounds) == {"kravspesifikasjon", "ubetydelig"}
    assert all(5 <= n <= checked * 0.6 for n in grounds.values()), grounds


def test_the_city_bus_tender_is_the_countys(db):
    call_command("load_demo", verbosity=0)
    assert Procurement.objects.get(title="Elektriske busser for bybusstrafikken").organization.orgnr == "821311632"


def test_the_bus_tender_goes_the_full_way_with_dates_in_order(db):
    """Bids, two evaluators, consensus, award, standstill and the signed contract, like the cleaning tender."""
    from procurement.evaluation.models import AwardDecision, ConsensusScore, Score
    from procurement.evaluation.selectors import evaluation

    call_command("load_demo", verbosity=0)
    bus = Procurement.objects.get(title="Elektriske busser for bybusstrafikken")
    decision = AwardDecision.objects.select_related("winner").get(procurement=bus)
    bids = list(bus.bids.all())
    assert len(bids) == 3
    assert Score.objects.filter(bid__procurement=bus).values("evaluator").distinct().count() == 2
    assert ConsensusScore.objects.filter(bid__procurement=bus).count() == len(bids)
    result = evaluation(bus)
    assert result.complete and [r.bid.key for r in result.leaders] == [decision.winner_id]
    # The climate criterion (40 %) decides: without it another tenderer would have won.
    assert result.result_for(decision.winner_id).rank_without_environment > 1

    published = timezone.localdate(bus.published_at)
    events = {e.to_status: timezone.localdate(e.created_at) for e in bus.events.filter(kind="status")}
    contract = bus.contracts.get()
    assert events["publisert"] == published
    assert all(b.received_on <= bus.tender_deadline for b in bids)
    assert published < bus.tender_deadline < events["evaluering"] <= decision.decided_on
    assert events["tildelt"] == decision.decided_on
    assert decision.decided_on < decision.standstill_end < decision.contract_signed_on < contract.start_date
    assert decision.standstill_days == 10
    assert contract.suppliers.get().orgnr == decision.winner.orgnr
    assert contract.obligations.filter(target__isnull=False).count() == decision.winner.promises.count() > 0
    assert bus.status == Procurement.Status.CONTRACT_FOLLOW_UP
