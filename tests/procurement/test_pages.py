"""The procurement pages an officer uses around the builder: list, create, needs, checklist, award panel, start page."""

import pytest
from django.urls import reverse

from core.roles import Role
from procurement.models import NeedsAssessment, Procurement
from tests.conftest import client_for
from tests.factories import CategoryFactory, criterion, member, procurement
from tests.procurement.helpers import award_post

pytestmark = pytest.mark.django_db


def test_create_gives_the_next_reference_and_goes_to_the_needs_assessment(officer_client, org):
    category = CategoryFactory(slug="mobler", name="Møbler")
    response = officer_client.post(
        reverse("procurement:create"),
        {
            "title": "Kontormøbler",
            "category": category.pk,
            "kind": "varer",
            "buyer_type": "annen",
            "estimated_value": "800000",
            "contract_months": "24",
            "option_months": "0",
            "procedure": "apen",
        },
    )
    p = Procurement.objects.get()
    assert response["Location"] == reverse("procurement:needs", args=[p.pk])
    assert p.reference.endswith("/001") and p.organization == org and p.status == "utkast"


def test_create_refuses_a_negative_value_with_a_message(officer_client):
    category = CategoryFactory()
    response = officer_client.post(
        reverse("procurement:create"),
        {
            "title": "X",
            "category": category.pk,
            "kind": "varer",
            "buyer_type": "annen",
            "estimated_value": "-5",
            "contract_months": "24",
            "option_months": "0",
            "procedure": "apen",
        },
    )
    assert response.status_code == 200 and not Procurement.objects.exists()
    assert "errorlist" in response.content.decode() or "invalid-feedback" in response.content.decode()


def test_list_searches_filters_and_paginates(officer_client, org, other_org, users):
    for i in range(30):
        procurement(organization=org, title=f"Anskaffelse {i:02d}")
    procurement(organization=org, title="Elektriske busser", responsible=users[Role.BUYER])
    procurement(organization=other_org, title="Elektriske busser i en annen kommune")
    url = reverse("procurement:start")

    first = officer_client.get(url).content.decode()
    assert "31 anskaffelser" in first and "Anskaffelse 05" not in first, "25 per page, newest first"
    assert "Anskaffelse 05" in officer_client.get(url, {"side": 2}).content.decode()

    found = officer_client.get(url, {"q": "busser"}).content.decode()
    assert "1 anskaffelse" in found and "annen kommune" not in found
    assert "1 anskaffelse" in officer_client.get(url, {"mine": "on"}).content.decode()
    assert "Ingen anskaffelser passer" in officer_client.get(url, {"status": "avlyst"}).content.decode()


@pytest.mark.parametrize("size", [5, 60])
def test_list_has_a_fixed_number_of_queries(officer_client, org, size, django_assert_max_num_queries):
    for _ in range(size):
        procurement(organization=org)
    with django_assert_max_num_queries(8):
        officer_client.get(reverse("procurement:start"))


def test_empty_list_says_what_to_do(officer_client):
    assert "Opprett den første" in officer_client.get(reverse("procurement:start")).content.decode()


def test_needs_assessment_gives_a_recommendation_and_records_the_need_step(officer_client, org):
    p = procurement(organization=org, category=CategoryFactory(slug="mobler", name="Møbler"))
    url = reverse("procurement:needs", args=[p.pk])
    assert "Gjenbruke egne møbler" in officer_client.get(url).content.decode()
    ratings = {"impact": "hoy", "size": "hoy", "market": "hoy", "cost": "lav", "alternatives": "middels"}
    response = officer_client.post(
        url, {**ratings, "impact_comment": "Mye stål og tekstil.", "need_step": "gjenbruk_egne", "version": 0}
    )
    assert response["Location"] == reverse("procurement:requirements", args=[p.pk])
    p.refresh_from_db()
    assert p.need_step == "gjenbruk_egne" and p.needs.impact_comment == "Mye stål og tekstil."
    assert "start fra avansert nivå" in officer_client.get(reverse("procurement:detail", args=[p.pk])).content.decode()


def test_needs_assessment_requires_every_rating(officer_client, org):
    p = procurement(organization=org)
    response = officer_client.post(reverse("procurement:needs", args=[p.pk]), {"impact": "hoy", "version": 0})
    assert response.status_code == 200
    assert not NeedsAssessment.objects.exists()


def test_checklist_summary_counts_yes_among_the_relevant(officer_client, org):
    p = procurement(organization=org)
    data = {
        "maal_answer": "ja",
        "bibliotek_answer": "ja",
        "vekt30_answer": "nei",
        "ikt_retur_answer": "ikke_relevant",
        "vekt30_comment": "Kommer.",
        "version": 1,
    }
    officer_client.post(reverse("procurement:checklist", args=[p.pk]), data)
    assert dict(p.checklist_answers.values_list("question", "answer")) == {
        "maal": "ja",
        "bibliotek": "ja",
        "vekt30": "nei",
        "ikt_retur": "ikke_relevant",
    }
    page = officer_client.get(reverse("procurement:detail", args=[p.pk])).content.decode()
    assert "4 av 9" in page and "67 %" in page


def test_live_panel_checks_the_form_without_saving(officer_client, org):
    p = procurement(organization=org)
    rows = [{"name": "Pris", "weight": 70, "is_price": True}, {"name": "Miljø", "weight": 30, "is_environmental": True}]
    response = officer_client.post(reverse("procurement:award_check", args=[p.pk]), award_post(p, rows))
    html = response.content.decode()
    assert html.startswith('<section id="compliance"') and "oppfylt" in html and "ikke oppfylt" not in html
    rows[1]["weight"] = 20
    html = officer_client.post(reverse("procurement:award_check", args=[p.pk]), award_post(p, rows)).content.decode()
    assert "ikke oppfylt" in html and "summerer til 90" in html
    assert not p.award_criteria.exists()


def test_start_page_shows_my_open_procurements(org, users):
    officer = users[Role.BUYER]
    procurement(organization=org, title="Mine busser", responsible=officer)
    procurement(organization=org, title="Noen andres busser", responsible=member(org, Role.BUYER))
    page = client_for(officer).get(reverse("core:home")).content.decode()
    assert "Mine anskaffelser" in page and "Mine busser" in page and "Noen andres busser" not in page
    reader_page = client_for(users[Role.READ_ONLY]).get(reverse("core:home")).content.decode()
    assert "Mine busser" not in reader_page


@pytest.mark.parametrize("size", [30, 90])
def test_list_counts_and_pages_in_sql_without_grouping_every_procurement(officer_client, org, size):
    """The COUNT and the page query must not JOIN + GROUP BY all requirements of all procurements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(size):
        procurement(organization=org)
    with CaptureQueriesContext(connection) as ctx:
        response = officer_client.get(reverse("procurement:start"))
    assert f"{size} anskaffelser" in response.content.decode()
    assert response.content.decode().count("<tr") == 26, "header + 25 rows"
    assert not [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"].upper() and "LIMIT" not in q["sql"]]
    assert not [q["sql"] for q in ctx.captured_queries if "COUNT(*) FROM (SELECT" in q["sql"].upper()]


def test_list_page_size_does_not_grow_with_rows_outside_the_page(officer_client, org):
    for _ in range(30):
        procurement(organization=org, title="Lik tittel")
    small = len(officer_client.get(reverse("procurement:start")).content)
    for _ in range(60):
        procurement(organization=org, title="Lik tittel")
    large = len(officer_client.get(reverse("procurement:start")).content)
    # Only the counters ("30" → "90", "av 2" → "av 4") and the references' digits may differ.
    assert abs(large - small) <= 40


HIGH_POTENTIAL = {"impact": "hoy", "size": "hoy", "market": "hoy", "cost": "lav", "alternatives": "middels"}


def test_saving_the_needs_assessment_shows_its_recommendation(officer_client, org):
    p = procurement(organization=org)
    response = officer_client.post(
        reverse("procurement:needs", args=[p.pk]), {**HIGH_POTENTIAL, "version": 0}, follow=True
    )
    page = response.content.decode()
    assert "Behovsvurderingen er lagret. Anbefaling: Stort potensial: start fra avansert nivå" in page


def test_library_list_puts_the_recommended_level_first_and_marks_it(officer_client, org):
    p = procurement(organization=org)
    criterion(code="KJT-ANB-01", category=p.category, levels=("basis", "avansert"))
    builder = reverse("procurement:requirements", args=[p.pk])
    before = officer_client.get(builder).content.decode()
    assert "Gjør behovsvurderingen" in before and 'data-recommended="true"' not in before
    officer_client.post(reverse("procurement:needs", args=[p.pk]), {**HIGH_POTENTIAL, "version": 0})
    page = officer_client.get(builder).content.decode()
    item = page[page.index('data-criterion="KJT-ANB-01"') :]
    item = item[: item.index("</li>")]
    assert item.index("avansert") < item.index("basis"), "the recommended level's button comes first"
    assert 'data-recommended="true">Legg til avansert (anbefalt)' in item
    assert "Behovsvurderingen anbefaler avansert nivå." in page
