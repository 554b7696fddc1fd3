"""Two people on one evaluation form: the stale second submit is refused, keeps what was typed and overwrites nothing.

For each form: both open it, the first saves, the second (stale) submit shows the conflict
warning and the first save stays; a submit without the version is a form error; saving again
from the warning overwrites on purpose.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from procurement.evaluation.models import AwardDecision, Bid, ConsensusScore, CriterionScoring, Score
from procurement.models import Procurement
from tests.conftest import client_for
from tests.factories import CategoryFactory, member, procurement, requirement
from tests.procurement.evaluation.builders import bid, evaluable

pytestmark = pytest.mark.django_db
STALE = "Noen andre har lagret endringer mens du skrev"
MISSING = "Skjemaet mangler versjonsnummeret"


def _url(name, p, **kw):
    return reverse(f"procurement:evaluation:{name}", kwargs={"procurement_id": p.pk, **kw})


def _opened(client, url) -> dict:
    """The form's fields as the page filled them in (what a browser would submit unchanged)."""
    form = client.get(url).context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in values.items() if value is not None and value is not False}


@pytest.fixture
def two_officers(org):
    return member(org, Role.BUYER), member(org, Role.BUYER)


@pytest.fixture
def evaluation(org):
    p = evaluable(org)
    Procurement.objects.filter(pk=p.pk).update(status=Procurement.Status.EVALUATION)
    p.refresh_from_db()
    return p


def test_a_stale_bid_edit_is_refused_and_shows_both_prices(evaluation, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    b = bid(evaluation, name="Grønn Buss AS", price="1000000")
    url = _url("bid_edit", evaluation, bid_id=b.pk)
    annes, bjorns = {**_opened(anne, url), "price": "900000"}, {**_opened(bjorn, url), "price": "1100000"}
    assert annes["version"] == bjorns["version"]

    assert anne.post(url, annes).status_code == 302
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "900000" in page and "1100000" in page
    assert Bid.objects.get(pk=b.pk).price == Decimal("900000")

    again = response.context["form"]["version"].value()
    assert bjorn.post(url, {**bjorns, "version": again}).status_code == 302
    assert Bid.objects.get(pk=b.pk).price == Decimal("1100000")


def test_a_bid_edit_without_the_version_overwrites_nothing(evaluation, officer_client):
    b = bid(evaluation, price="1000000")
    url = _url("bid_edit", evaluation, bid_id=b.pk)
    data = {**_opened(officer_client, url), "price": "1"}
    data.pop("version")
    response = officer_client.post(url, data)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert Bid.objects.get(pk=b.pk).price == Decimal("1000000")


def test_a_stale_scoring_model_submit_is_refused(org, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    p = evaluable(org)
    Procurement.objects.filter(pk=p.pk).update(status=Procurement.Status.DRAFT)
    env = p.award_criteria.get(is_environmental=True)
    url = _url("model", p)

    def opened(client):
        data = {}
        for form in client.get(url).context["forms"]:
            for name in form.fields:
                value = form[name].value()
                data[form.add_prefix(name)] = "" if value is None else value
        return data

    annes, bjorns = opened(anne), opened(bjorn)
    field = f"c{env.pk}-scale_description"
    assert anne.post(url, {**annes, field: "Annes skala."}).status_code == 302
    response = bjorn.post(url, {**bjorns, field: "Bjørns skala."})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Bjørns skala." in page, "Bjørn's text is still in the form"
    assert CriterionScoring.objects.get(criterion=env).scale_description == "Annes skala."

    again = {f.add_prefix("version"): f["version"].value() for f in response.context["forms"]}
    assert bjorn.post(url, {**bjorns, **again, field: "Bjørns skala."}).status_code == 302
    assert CriterionScoring.objects.get(criterion=env).scale_description == "Bjørns skala."

    no_version = {k: v for k, v in bjorns.items() if not k.endswith("-version")}
    assert anne.post(url, {**no_version, field: "Uten versjon."}).status_code == 200
    assert CriterionScoring.objects.get(criterion=env).scale_description == "Bjørns skala."


def test_a_stale_own_scores_submit_from_a_second_tab_is_refused(evaluation, users, officer_client):
    officer = users[Role.BUYER]
    b = bid(evaluation)
    env = evaluation.award_criteria.get(is_environmental=True)
    url = _url("bid_scores", evaluation, bid_id=b.pk)
    first_tab, second_tab = _opened(officer_client, url), _opened(officer_client, url)
    assert first_tab["version"] == 0

    assert officer_client.post(url, {**first_tab, f"p_{env.pk}": "8", f"e_{env.pk}": "Kap. 4"}).status_code == 302
    response = officer_client.post(url, {**second_tab, f"p_{env.pk}": "3", f"e_{env.pk}": "Andre fane"})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Andre fane" in page
    assert Score.objects.get(bid=b, evaluator=officer).points == 8

    again = response.context["form"]["version"].value()
    assert officer_client.post(url, {**second_tab, f"p_{env.pk}": "3", "version": again}).status_code == 302
    assert Score.objects.get(bid=b, evaluator=officer).points == 3


def test_own_scores_without_the_version_overwrite_nothing(evaluation, users, officer_client):
    officer = users[Role.BUYER]
    b = bid(evaluation)
    env = evaluation.award_criteria.get(is_environmental=True)
    url = _url("bid_scores", evaluation, bid_id=b.pk)
    assert officer_client.post(url, {f"p_{env.pk}": "8", "version": 0}).status_code == 302
    response = officer_client.post(url, {f"p_{env.pk}": "2"})
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert Score.objects.get(bid=b, evaluator=officer).points == 8


def test_two_evaluators_scoring_the_same_bid_do_not_conflict(evaluation, two_officers):
    """The version is per evaluator: scoring alone, in parallel, is the normal case."""
    anne, bjorn = two_officers
    b = bid(evaluation)
    env = evaluation.award_criteria.get(is_environmental=True)
    url = _url("bid_scores", evaluation, bid_id=b.pk)
    annes, bjorns = _opened(client_for(anne), url), _opened(client_for(bjorn), url)
    assert client_for(anne).post(url, {**annes, f"p_{env.pk}": "8"}).status_code == 302
    assert client_for(bjorn).post(url, {**bjorns, f"p_{env.pk}": "6"}).status_code == 302
    assert {s.evaluator_id: s.points for s in Score.objects.filter(bid=b)} == {anne.pk: 8, bjorn.pk: 6}


def test_a_stale_consensus_submit_is_refused(evaluation, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    b = bid(evaluation, name="Grønn Buss AS")
    env = evaluation.award_criteria.get(is_environmental=True)
    url, key = _url("consensus", evaluation), f"{b.pk}_{env.pk}"
    annes, bjorns = _opened(anne, url), _opened(bjorn, url)

    assert anne.post(url, {**annes, f"p_{key}": "9", f"n_{key}": "Annes begrunnelse"}).status_code == 302
    response = bjorn.post(url, {**bjorns, f"p_{key}": "4", f"n_{key}": "Bjørns begrunnelse"})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Bjørns begrunnelse" in page
    assert ConsensusScore.objects.get(bid=b, criterion=env).note == "Annes begrunnelse"

    again = response.context["form"]["version"].value()
    data = {**bjorns, f"p_{key}": "4", f"n_{key}": "Bjørns begrunnelse", "version": again}
    assert bjorn.post(url, data).status_code == 302
    assert ConsensusScore.objects.get(bid=b, criterion=env).points == 4

    data.pop("version")
    assert anne.post(url, {**data, f"p_{key}": "1"}).status_code == 200
    assert ConsensusScore.objects.get(bid=b, criterion=env).points == 4


def test_an_award_decision_on_a_ranking_that_changed_is_refused(evaluation, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    green = bid(evaluation, name="Grønn Buss AS", price="1000000", env_points=10)
    cheap = bid(evaluation, name="Billig Buss AS", price="900000", env_points=1)
    env = evaluation.award_criteria.get(is_environmental=True)
    award_url = _url("award", evaluation)
    decision = {
        "winner": green.pk,
        "decided_on": timezone.localdate().isoformat(),
        "reasons": "Best på klima.",
        "advantages": "Nullutslipp.",
    }
    opened = _opened(anne, award_url)["version"]

    # Bjørn changes the consensus meanwhile: now the cheap bid leads.
    consensus = _url("consensus", evaluation)
    agreed = {**_opened(bjorn, consensus), f"p_{green.pk}_{env.pk}": "1", f"p_{cheap.pk}_{env.pk}": "10"}
    assert bjorn.post(consensus, agreed).status_code == 302

    response = anne.post(award_url, {**decision, "version": opened})
    assert response.status_code == 200
    assert STALE in response.content.decode() and "Best på klima." in response.content.decode()
    assert not AwardDecision.objects.filter(procurement=evaluation).exists()
    again = response.context["form"]["version"].value()

    response = anne.post(award_url, decision)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert not AwardDecision.objects.filter(procurement=evaluation).exists()

    assert anne.post(award_url, {**decision, "version": again}).status_code == 302
    assert AwardDecision.objects.get(procurement=evaluation).winner == green


def test_a_stale_high_risk_justification_is_refused(org, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    risky = CategoryFactory(slug="tekstiler-test", name="Tekstiler")
    type(risky).objects.filter(pk=risky.pk).update(high_risk=True)
    p = procurement(organization=org, category=risky)
    requirement(p, title="Noe annet")
    page_url = reverse("procurement:requirements", args=[p.pk])
    url = reverse("procurement:high_risk_justification", args=[p.pk])
    opened = anne.get(page_url).context["justification_form"]["version"].value()

    assert anne.post(url, {"justification": "Annes begrunnelse.", "version": opened}).status_code == 302
    response = bjorn.post(url, {"justification": "Bjørns begrunnelse.", "version": opened})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Bjørns begrunnelse." in page
    assert Procurement.objects.get(pk=p.pk).high_risk_justification == "Annes begrunnelse."

    bjorn.post(url, {"justification": "Uten versjon."})
    assert Procurement.objects.get(pk=p.pk).high_risk_justification == "Annes begrunnelse."

    again = response.context["justification_form"]["version"].value()
    assert bjorn.post(url, {"justification": "Bjørns begrunnelse.", "version": again}).status_code == 302
    assert Procurement.objects.get(pk=p.pk).high_risk_justification == "Bjørns begrunnelse."


def test_a_stale_placeholder_submit_keeps_the_values_typed(org, two_officers):
    anne, bjorn = (client_for(u) for u in two_officers)
    p = procurement(organization=org)
    r = requirement(p, title="Utslipp", text="Minst [andel] prosent nullutslipp.")
    url = reverse("procurement:requirement_placeholders", args=[p.pk, r.pk])
    bjorns = _opened(bjorn, url)

    edit = reverse("procurement:requirement_edit", args=[p.pk, r.pk])
    form = anne.get(edit).context["form"]
    edited = {n: form[n].value() for n in form.fields if form[n].value() is not None and form[n].value() is not False}
    assert anne.post(edit, {**edited, "title": "Utslipp fra kjøretøy"}).status_code == 302

    response = bjorn.post(url, {**bjorns, "slot_0": "80"})
    assert response.status_code == 200
    assert STALE in response.content.decode() and 'value="80"' in response.content.decode()
    r.refresh_from_db()
    assert "[andel]" in r.text

    again = response.context["form"]["version"].value()
    assert bjorn.post(url, {"slot_0": "80", "version": again}).status_code == 302
    r.refresh_from_db()
    assert "80 prosent" in r.text and r.title == "Utslipp fra kjøretøy"
    assert bjorn.post(url, {"slot_0": "90"}).status_code == 200, "no version: a form error"


def test_blanking_every_score_does_not_let_an_old_tab_through(evaluation, officer_client):
    """Blanking is a save too, and the version counts on across a set emptied in between."""
    b = bid(evaluation)
    env = evaluation.award_criteria.get(is_environmental=True)
    url = _url("bid_scores", evaluation, bid_id=b.pk)
    assert officer_client.post(url, {f"p_{env.pk}": "8", "version": 0}).status_code == 302
    old_tab, other_tab = _opened(officer_client, url), _opened(officer_client, url)
    assert officer_client.post(url, {**other_tab, f"p_{env.pk}": ""}).status_code == 302  # blanked: no row left
    assert not Score.objects.filter(bid=b).exists()

    response = officer_client.post(url, {**old_tab, f"p_{env.pk}": "1"})
    assert response.status_code == 200 and STALE in response.content.decode()
    assert not Score.objects.filter(bid=b).exists()

    assert officer_client.post(url, _opened(officer_client, url) | {f"p_{env.pk}": "5"}).status_code == 302
    response = officer_client.post(url, {**old_tab, f"p_{env.pk}": "1"})
    assert response.status_code == 200 and STALE in response.content.decode()
    assert Score.objects.get(bid=b).points == 5
