"""The follow-up start page and the "Mine kontrakter" panel on the home page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.models import Certificate, Deviation
from tests.conftest import client_for
from tests.factories import case, contract, dd_request, supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


def fill(org, n=1):
    today = timezone.localdate()
    for i in range(n):
        c = contract(organization=org, title=f"Høy kontrakt {i}", priority="hoy", priority_score=8)
        k = case(contract=c, title=f"Sak {i}")
        dd_request(k, subject=f"Forfalt brev {i}", status="sendt", deadline=today - timedelta(days=3))
        dd_request(k, subject=f"Merket forfalt {i}", status="forfalt", deadline=today - timedelta(days=40))
        dd_request(k, subject=f"Snart frist {i}", status="purret", deadline=today + timedelta(days=10))
        dd_request(k, subject=f"Besvart {i}", status="besvart", deadline=today - timedelta(days=3))
        Deviation.objects.create(case=k, title=f"Manglende sporbarhet {i}", severity="hoy")
        Deviation.objects.create(case=k, title=f"Lukket avvik {i}", status="lukket")
        Certificate.objects.create(
            organization=org, supplier=c.suppliers.first(), kind="iso14001", valid_until=today + timedelta(days=20)
        )
        contract(organization=org, title=f"Uten oppfølging {i}", priority="hoy", priority_score=9)


def test_panels_list_what_needs_doing(follower, org, other_org):
    fill(org)
    fill(other_org)  # another organisation's work never shows
    page = follower.get(reverse("suppliers:start")).content.decode()
    assert "Forfalt brev 0" in page and "Merket forfalt 0" in page and "Snart frist 0" in page
    assert "Besvart 0" not in page
    assert "Manglende sporbarhet 0" in page and "Lukket avvik 0" not in page
    assert "ISO 14001" in page
    assert "Uten oppfølging 0" in page
    assert page.count("Uten oppfølging 0") == 1


def test_empty_panels_say_what_to_do(follower):
    page = follower.get(reverse("suppliers:start")).content.decode()
    for text in (
        "Ingen svar er forfalt",
        "Ingen svarfrister de neste dagene",
        "Ingen åpne avvik",
        "Ingen sertifikater går ut de neste 60 dagene",
        "Alle løpende kontrakter med høy prioritet følges opp",
    ):
        assert text in page


def test_an_expired_contract_is_not_listed_as_missing_followup(follower, org):
    today = timezone.localdate()
    contract(
        organization=org,
        title="Elbilleasing 2017–2021",
        priority="hoy",
        priority_score=10,
        start_date=today - timedelta(days=2000),
        end_date=today - timedelta(days=10),
    )
    assert "Elbilleasing" not in follower.get(reverse("suppliers:start")).content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_start_page_has_a_fixed_number_of_queries(follower, org, size, django_assert_max_num_queries):
    fill(org, size)
    # session, user, memberships; overdue, upcoming, deviations, certificates, unattended + its suppliers
    with django_assert_max_num_queries(10):
        response = follower.get(reverse("suppliers:start"))
    assert response.status_code == 200


def test_home_page_shows_my_contracts_to_followers_only(org, users):
    follower_user = users[Role.CONTRACT_FOLLOWER]
    contract(organization=org, title="Min elbilkontrakt", responsible=follower_user)
    contract(organization=org, title="Noen andres kontrakt", responsible=users[Role.BUYER])
    page = client_for(follower_user).get(reverse("core:home")).content.decode()
    assert "Mine kontrakter" in page and "Min elbilkontrakt" in page and "Noen andres kontrakt" not in page
    officer_page = client_for(users[Role.BUYER]).get(reverse("core:home")).content.decode()
    assert "Mine kontrakter" not in officer_page


def test_certificates_expiring_later_are_not_listed(follower, org):
    s = supplier(organization=org)
    Certificate.objects.create(
        organization=org, supplier=s, kind="svanemerket", valid_until=timezone.localdate() + timedelta(days=200)
    )
    assert "Svanemerket" not in follower.get(reverse("suppliers:start")).content.decode()


def test_an_open_deviation_links_to_the_deviation_itself(follower, org):
    k = case(contract=contract(organization=org))
    d = Deviation.objects.create(case=k, title="Manglende sporbarhet", severity="hoy")
    page = follower.get(reverse("suppliers:start")).content.decode()
    assert f'href="{reverse("suppliers:deviation_detail", args=[k.pk, d.pk])}">Manglende sporbarhet</a>' in page
