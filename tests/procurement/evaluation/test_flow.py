"""From registered bids to a signed contract, through the pages (Django's test client, real database)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from procurement.evaluation.models import AwardDecision, Bid, ConsensusScore, Score
from procurement.models import Procurement
from suppliers.models import Contract, Supplier
from tests.conftest import client_for
from tests.core.jobs import order_and_download
from tests.factories import _orgnr, member
from tests.procurement.evaluation.builders import bid, evaluable

pytestmark = pytest.mark.django_db


def _url(name, p, **kw):
    return reverse(f"procurement:evaluation:{name}", kwargs={"procurement_id": p.pk, **kw})


def _opened_version(client, url):
    """The version the form carries when the page is opened."""
    return client.get(url).context["form"]["version"].value()


def _bid_post(p, name, orgnr, price, **extra):
    qual = p.requirements.get(section="kvalifikasjonskrav")
    return {
        "tenderer_name": name,
        "orgnr": orgnr,
        "received_on": timezone.localdate().isoformat(),
        "price": price,
        "mandatory_met": "on",
        "rejection_reason": "",
        f"q_{qual.pk}": "ja",
        f"qr_{qual.pk}": "",
        "pt_0": "Andel nullutslippskjøretøy",
        "pv_0": "100",
        "pu_0": "%",
        **extra,
    }


@pytest.mark.usefixtures("eager_tasks")
def test_two_evaluators_consensus_award_letter_and_signed_contract(org, django_capture_on_commit_callbacks):
    officer = member(org, Role.BUYER)
    colleague = member(org, Role.BUYER)
    p = evaluable(org, user=officer)
    client = client_for(officer)

    for name, n, price in [
        ("Grønn Buss AS", 1, "1000000"),
        ("Billig Buss AS", 2, "900000"),
        ("Diesel AS", 3, "950000"),
    ]:
        response = client.post(_url("bid_create", p), _bid_post(p, name, _orgnr(n), price))
        assert response.status_code == 302, response.content.decode()[:2000]
    p.refresh_from_db()
    assert p.status == Procurement.Status.EVALUATION
    bids = {b.tenderer_name: b for b in Bid.objects.filter(procurement=p)}
    env = p.award_criteria.get(is_environmental=True)

    evaluators = [
        (officer, {"Grønn Buss AS": 10, "Billig Buss AS": 2, "Diesel AS": 1}),
        (colleague, {"Grønn Buss AS": 8, "Billig Buss AS": 2, "Diesel AS": 0}),
    ]
    for user, points in evaluators:
        c = client_for(user)
        for name, value in points.items():
            scores = {f"p_{env.pk}": value, f"e_{env.pk}": "Kap. 4", "version": 0}  # their first save
            r = c.post(_url("bid_scores", p, bid_id=bids[name].pk), scores)
            assert r.status_code == 302
    assert Score.objects.filter(bid__procurement=p).count() == 6

    page = client.get(_url("consensus", p)).content.decode()
    assert "uenige" in page  # 10 and 8 for Grønn Buss AS

    keys = {name: f"{b.pk}_{env.pk}" for name, b in bids.items()}
    missing_note = {
        "version": _opened_version(client, _url("consensus", p)),
        f"p_{keys['Grønn Buss AS']}": "9",
        f"p_{keys['Billig Buss AS']}": "2",
        f"p_{keys['Diesel AS']}": "0.5",
    }
    response = client.post(_url("consensus", p), missing_note)
    assert "skriv hvordan dere kom fram til poengsummen" in response.content.decode()
    assert not ConsensusScore.objects.filter(bid__procurement=p).exists()  # all or nothing
    notes = {f"n_{keys['Grønn Buss AS']}": "Enige om 9: god dokumentasjon.", f"n_{keys['Diesel AS']}": "Midt mellom."}
    assert client.post(_url("consensus", p), {**missing_note, **notes}).status_code == 302

    # Price alone: Billig (10) > Diesel (9.47) > Grønn (9). With 30 % environment Grønn wins:
    # Grønn 0.7 × 9 + 0.3 × 9 = 9; Billig 7 + 0.6 = 7.6; Diesel 0.7 × 900/950 × 10 + 0.15 ≈ 6.78.
    overview = client.get(_url("overview", p)).content.decode()
    assert "Klima- og miljøkriteriet avgjør konkurransen" in overview

    response = client.post(
        _url("award", p),
        {
            "winner": bids["Grønn Buss AS"].pk,
            "decided_on": timezone.localdate().isoformat(),
            "reasons": "Høyest samlet poengsum.",
            "advantages": "Best på klima og miljø; prisen er 11 % over laveste.",
            "version": _opened_version(client, _url("award", p)),
        },
    )
    assert response.status_code == 302
    decision = AwardDecision.objects.get(procurement=p)
    assert decision.standstill_days == 10
    assert decision.standstill_end == timezone.localdate() + timedelta(days=10)

    # The letter is made by the worker (here in-process) and downloaded from its job page.
    job, _content = order_and_download(client, _url("award_letter", p), capture=django_capture_on_commit_callbacks)
    assert job.filename == f"tildelingsbeslutning-{p.reference.replace('/', '-')}.pdf"

    sign_url = reverse("suppliers:contract_from_award", kwargs={"procurement_id": p.pk})
    today = timezone.localdate()
    form = {
        "signed_on": today.isoformat(),
        "start_date": today.isoformat(),
        "end_date": (today + timedelta(days=700)).isoformat(),
        "option_months": 0,
        "value": "1000000",
        "responsible": officer.pk,
        "reference": "K-1",
    }
    refused = client.post(sign_url, form)
    assert "Karensperioden varer til og med" in refused.content.decode()
    assert not Contract.objects.filter(procurement=p).exists()

    AwardDecision.objects.filter(pk=decision.pk).update(
        decided_on=today - timedelta(days=11), standstill_end=today - timedelta(days=1)
    )
    assert client.post(sign_url, form).status_code == 302
    contract = Contract.objects.get(procurement=p)
    assert list(contract.suppliers.values_list("orgnr", flat=True)) == [_orgnr(1)]
    assert Supplier.objects.get(orgnr=_orgnr(1)).registered_by.filter(pk=org.pk).exists()
    titles = {o.title: o for o in contract.obligations.all()}
    assert "Menneskerettigheter i leverandørkjeden" in titles
    promise = titles["Andel nullutslippskjøretøy"]
    assert (promise.target, promise.target_unit) == (Decimal(100), "%")
    p.refresh_from_db()
    assert p.status == Procurement.Status.CONTRACT_FOLLOW_UP
    decision.refresh_from_db()
    assert decision.contract_signed_on == today
    assert decision.history.count() >= 2 and Bid.history.filter(procurement_id=p.pk).count() >= 3


def test_bids_wait_for_the_deadline(org):
    officer = member(org, Role.BUYER)
    p = evaluable(org, user=officer)
    Procurement.objects.filter(pk=p.pk).update(tender_deadline=timezone.localdate() + timedelta(days=3))
    response = client_for(officer).post(_url("bid_create", p), _bid_post(p, "Tidlig AS", _orgnr(7), "100"))
    assert "er ikke passert" in response.content.decode()
    assert not Bid.objects.filter(procurement=p).exists()


def test_bad_orgnr_and_missing_rejection_reason_are_explained(org):
    officer = member(org, Role.BUYER)
    p = evaluable(org, user=officer)
    data = _bid_post(p, "Feil AS", "123456789", "100")
    data.pop("mandatory_met")
    page = client_for(officer).post(_url("bid_create", p), data).content.decode()
    assert "feil kontrollsiffer" in page
    data["orgnr"] = _orgnr(8)
    page = client_for(officer).post(_url("bid_create", p), data).content.decode()
    assert "Skriv hvorfor tilbudet avvises" in page
    assert not Bid.objects.filter(procurement=p).exists()


def test_rejected_bid_is_left_out_of_the_ranking(org):
    p = evaluable(org)
    bid(p, name="Med AS", price="100", env_points=5)
    bid(p, name="Avvist AS", price="50", env_points=10, mandatory_met=False, rejection_reason="Mangler garanti.")
    from procurement.evaluation.selectors import evaluation

    result = evaluation(p)
    assert [r.bid.name for r in result.results] == ["Med AS"]
    assert [b.tenderer_name for b in result.rejected] == ["Avvist AS"]


def test_below_the_eea_threshold_there_is_no_standstill(org):
    from procurement.evaluation import services

    p = evaluable(org, value=900_000)
    s = services.standstill_for(p, timezone.localdate())
    assert (s.days, s.end, s.above_eea) == (0, None, False)


def test_demo_has_tenders_evaluated_awarded_and_signed_with_dates_in_order(db):
    from django.core.management import call_command

    from procurement.evaluation.selectors import evaluation

    call_command("load_demo", verbosity=0)
    decisions = AwardDecision.objects.select_related("procurement", "winner")
    # Bergen's cleaning tender and the county's city-bus tender (Vestland/Skyss).
    assert {d.procurement.title for d in decisions} == {
        "Renholdstjenester for barnehager",
        "Elektriske busser for bybusstrafikken",
    }
    for decision in decisions:
        p = decision.procurement
        bids = list(p.bids.all())
        assert len(bids) == 3 and Score.objects.filter(bid__procurement=p).values("evaluator").distinct().count() == 2
        assert ConsensusScore.objects.filter(bid__procurement=p).count() == 3
        assert p.published_at.date() < p.tender_deadline
        assert all(b.received_on <= p.tender_deadline for b in bids)
        assert p.tender_deadline < decision.decided_on < decision.standstill_end < decision.contract_signed_on
        contract = Contract.objects.get(procurement=p)
        assert decision.contract_signed_on < contract.start_date
        assert contract.obligations.filter(target__isnull=False).exists()
        assert p.status == Procurement.Status.CONTRACT_FOLLOW_UP
        result = evaluation(p)
        assert result.complete and result.leaders[0].bid.key == decision.winner_id
