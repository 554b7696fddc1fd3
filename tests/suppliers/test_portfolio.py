"""The contract portfolio: high priority without active follow-up first, filters, fixed query count."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.models import Case, EscalationStep
from suppliers.register.selectors import portfolio
from tests.conftest import client_for
from tests.factories import CategoryFactory, case, contract, dd_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


def ranked(org, **filters):
    request = type("R", (), {"organization": org})()
    return [c.title for c in portfolio(request).filter(**filters)]


def test_high_priority_without_active_followup_comes_first(org, users):
    today = timezone.localdate()
    followed = contract(organization=org, title="A høy fulgt opp", priority="hoy", priority_score=10)
    dd_request(case(contract=followed), status="sendt")
    contract(organization=org, title="B høy uten oppfølging", priority="hoy", priority_score=7)
    contract(organization=org, title="C middels", priority="middels", priority_score=4)
    contract(
        organization=org,
        title="D høy utløpt",
        priority="hoy",
        priority_score=12,
        end_date=today - timedelta(days=1),
        start_date=date(2017, 1, 1),
    )
    contract(organization=org, title="E ikke vurdert")
    escalated = contract(organization=org, title="F høy eskalert", priority="hoy", priority_score=8)
    closed = case(contract=escalated, status=Case.Status.CLOSED)
    EscalationStep.objects.create(case=closed, kind="mote", date=today - timedelta(days=30))
    # A draft letter or an old escalation is not active follow-up.
    stale = contract(organization=org, title="G høy gammel eskalering", priority="hoy", priority_score=6)
    old_case = case(contract=stale)
    dd_request(old_case, status="utkast")
    EscalationStep.objects.create(case=old_case, kind="mote", date=today - timedelta(days=400))

    assert ranked(org) == [
        "B høy uten oppfølging",
        "G høy gammel eskalering",
        "D høy utløpt",
        "A høy fulgt opp",
        "F høy eskalert",
        "C middels",
        "E ikke vurdert",
    ]


def test_filters_by_priority_and_category_and_says_when_nothing_matches(follower, org, other_org):
    it = CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr")
    contract(organization=org, title="IT-drift", category=it, priority="lav", priority_score=1)
    contract(organization=org, title="Elbiler", priority="hoy", priority_score=9)
    contract(organization=other_org, title="Annen kommunes elbiler", priority="hoy", priority_score=9)
    url = reverse("suppliers:portfolio")
    page = follower.get(url).content.decode()
    assert "IT-drift" in page and "Elbiler" in page and "Annen kommunes" not in page
    high = follower.get(url, {"priority": "hoy"}).content.decode()
    assert "Elbiler" in high and "IT-drift" not in high
    by_category = follower.get(url, {"category": it.pk}).content.decode()
    assert "IT-drift" in by_category and "Elbiler" not in by_category
    assert "Ingen kontrakter passer med filteret" in follower.get(url, {"q": "finnes ikke"}).content.decode()


def test_empty_portfolio_says_what_to_do(follower):
    assert (
        "Registrer en kontrakt direkte eller fra en tildelt anskaffelse"
        in follower.get(reverse("suppliers:portfolio")).content.decode()
    )


def test_portfolio_paginates(follower, org):
    for i in range(30):
        contract(organization=org, title=f"Kontrakt {i:02d}")
    page = follower.get(reverse("suppliers:portfolio")).content.decode()
    assert "30 kontrakter" in page and "Side 1 av 2" in page


@pytest.mark.parametrize("size", [1, 15])
def test_portfolio_has_a_fixed_number_of_queries(follower, org, size, django_assert_max_num_queries):
    for i in range(size):
        c = contract(organization=org, title=f"Kontrakt {i}", priority="hoy", priority_score=i)
        dd_request(case(contract=c), status="sendt")
    # session, user, memberships, categories for the filter, count, page, suppliers (prefetch)
    with django_assert_max_num_queries(9):
        response = follower.get(reverse("suppliers:portfolio"))
    assert response.status_code == 200
