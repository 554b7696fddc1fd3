"""The requirement builder: adding from the library with htmx, levels, ordering, revisions, custom requirements."""

import pytest
from django.urls import reverse

from criteria import services as library
from criteria.models import Criterion
from procurement.models import Requirement
from tests.factories import CategoryFactory, ThemeFactory, UserFactory, criterion, procurement, requirement

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def category(db):
    return CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport")


@pytest.fixture
def draft(org, category):
    return procurement(organization=org, category=category)


def add(client, p, c, level="basis"):
    return client.post(reverse("procurement:requirement_add", args=[p.pk]), {"criterion": c.pk, "level": level}, **HTMX)


def test_adding_with_htmx_returns_the_builder_part_with_the_new_requirement(officer_client, draft, category):
    c = criterion(category=category, title="Batterienes kjemiske sammensetning", levels=("basis", "avansert"))
    response = add(officer_client, draft, c, "avansert")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="builder"') and "<html" not in html, "htmx gets the part, not the page"
    assert "3.1" in html and "Batterienes kjemiske sammensetning" in html
    r = draft.requirements.get()
    assert (r.level, r.source_revision_id, r.text) == (
        "avansert",
        c.current_revision_id,
        c.current_revision.variant("avansert").text,
    )


def test_avansert_replaces_basis_of_the_same_criterion(officer_client, draft, category):
    c = criterion(category=category, levels=("basis", "avansert"))
    add(officer_client, draft, c, "basis")
    add(officer_client, draft, c, "avansert")
    assert list(draft.requirements.values_list("level", flat=True)) == ["avansert"]


def test_a_plain_post_without_javascript_goes_back_to_the_page(officer_client, draft, category):
    c = criterion(category=category)
    response = officer_client.post(
        reverse("procurement:requirement_add", args=[draft.pk]), {"criterion": c.pk, "level": "basis"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/krav/")


def test_another_organisations_local_criterion_cannot_be_added(officer_client, draft, category, other_org):
    foreign = criterion(category=category, organization=other_org)
    assert add(officer_client, draft, foreign).status_code == 404
    assert not draft.requirements.exists()


def test_remove_and_move_with_htmx_renumber_the_section(officer_client, draft):
    a, b, c = (requirement(draft, title=t) for t in ("Krav A", "Krav B", "Krav C"))
    officer_client.post(reverse("procurement:requirement_move", args=[draft.pk, c.pk]), {"retning": "opp"}, **HTMX)
    order = list(draft.requirements.order_by("position").values_list("title", flat=True))
    assert order == ["Krav A", "Krav C", "Krav B"]

    response = officer_client.post(reverse("procurement:requirement_remove", args=[draft.pk, a.pk]), **HTMX)
    html = response.content.decode()
    assert "Krav A" not in html
    assert html.index("3.1") < html.index("Krav C") < html.index("3.2") < html.index("Krav B")
    # Moving the first one up is a no-op, not an error.
    officer_client.post(reverse("procurement:requirement_move", args=[draft.pk, c.pk]), {"retning": "opp"}, **HTMX)
    assert list(draft.requirements.order_by("position").values_list("title", flat=True)) == ["Krav C", "Krav B"]


def test_removing_without_javascript_asks_first(officer_client, draft):
    r = requirement(draft)
    page = officer_client.get(reverse("procurement:requirement_remove", args=[draft.pk, r.pk])).content.decode()
    assert "Fjerne kravet?" in page
    assert draft.requirements.exists()


def test_unfilled_placeholders_are_listed(officer_client, draft):
    requirement(draft, title="Garanti", text="Minst [antall] års garanti med svar innen [timer] timer.")
    page = officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()
    assert "Tomme plassholdere" in page and "[antall], [timer]" in page


def test_newer_library_revision_is_flagged_and_taken_in_one_click_after_seeing_the_diff(
    officer_client, draft, category
):
    c = criterion(category=category, text="Reservedeler i [antall] år.")
    add(officer_client, draft, c)
    r = draft.requirements.get()
    basis = c.current_revision.variant("basis")
    proposal = library.update_criterion(
        criterion=c,
        data=library.CriterionData(
            code=c.code,
            title=c.title,
            category=c.category,
            theme=c.theme,
            kind=c.kind,
            variants=[
                library.VariantData(level="basis", text="Reservedeler i minst 7 år.", documentation=basis.documentation)
            ],
        ),
        user=None,
        change_note="Fast antall år.",
    )
    # A national revision reaches tenders once a second national editor approves it.
    library.approve_revision(revision=proposal, user=UserFactory())
    page = officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()
    assert "nyere revisjon" in page

    diff_page = officer_client.get(reverse("procurement:requirement_update", args=[draft.pk, r.pk])).content.decode()
    assert "<ins" in diff_page and "<del" in diff_page
    officer_client.post(reverse("procurement:requirement_update", args=[draft.pk, r.pk]))
    r.refresh_from_db()
    c.refresh_from_db()
    assert r.source_revision_id == c.current_revision_id and r.text == "Reservedeler i minst 7 år."
    assert (
        "nyere revisjon"
        not in officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()
    )


def test_custom_requirement_goes_to_its_section_and_is_numbered(officer_client, draft):
    response = officer_client.post(
        reverse("procurement:requirement_new", args=[draft.pk]),
        {
            "section": "kontraktsvilkar",
            "title": "Rapportering",
            "text": "Leverandøren skal rapportere hvert år.",
            "mandatory": "on",
        },
    )
    assert response.status_code == 302
    r = Requirement.objects.get(procurement=draft)
    assert (r.section, r.criterion_id, r.mandatory) == ("kontraktsvilkar", None, True)
    assert "5.1" in officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()


def test_custom_requirement_needs_a_text(officer_client, draft):
    response = officer_client.post(
        reverse("procurement:requirement_new", args=[draft.pk]), {"section": "kravspesifikasjon", "title": "Uten tekst"}
    )
    assert response.status_code == 200
    assert "Feltet er påkrevet." in response.content.decode()
    assert not draft.requirements.exists()


def test_human_rights_and_environmental_management_flags_come_from_the_library(officer_client, draft, category):
    clause = criterion(
        category=category,
        kind="kontraktsvilkar",
        theme=ThemeFactory(slug="menneskerettigheter", name="Menneskerettigheter"),
    )
    theme = ThemeFactory(slug="miljoledelse", name="Miljøledelse")
    ems = criterion(category=category, kind="kvalifikasjonskrav", theme=theme, environmental_management=True)
    # Same theme, but a waste permit is not an environmental management system (issue 14).
    permit = criterion(category=category, kind="kvalifikasjonskrav", theme=theme, title="Tillatelser for avfall")
    add(officer_client, draft, clause)
    add(officer_client, draft, ems)
    add(officer_client, draft, permit)
    flags = dict(draft.requirements.values_list("criterion_id", "human_rights_clause"))
    assert flags == {clause.pk: True, ems.pk: False, permit.pk: False}
    assert draft.requirements.get(criterion=ems).environmental_management
    assert not draft.requirements.get(criterion=permit).environmental_management, "the editor's flag decides"


def test_library_list_on_the_builder_is_the_procurements_category(officer_client, draft, category):
    mine = criterion(category=category, title="Krav for kjøretøy")
    other = criterion(category=CategoryFactory(slug="mobler", name="Møbler"), title="Krav for møbler")
    page = officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()
    assert mine.title in page and other.title not in page
    assert Criterion.objects.count() == 2


@pytest.mark.parametrize("size", [15, 150])
def test_builder_opens_with_a_fixed_number_of_queries(
    officer_client, draft, category, size, django_assert_max_num_queries
):
    library_criteria = [criterion(category=category, code=f"Q-{size}-{i}") for i in range(3)]
    for c in library_criteria:
        add(officer_client, draft, c)
    Requirement.objects.bulk_create(
        Requirement(
            procurement=draft, section="kravspesifikasjon", position=10 + i, title=f"Krav {i}", text="Tekst [x]."
        )
        for i in range(size - len(library_criteria))
    )
    # session, user, memberships, organisation, procurement (+category), requirements
    # (+criterion, revision), library criteria, library search fields, award check,
    # messages: the same whatever the number of requirements.
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse("procurement:requirements", args=[draft.pk]))
    assert response.content.decode().count("data-requirement=") == size


@pytest.mark.parametrize("size", [15, 150])
def test_overview_and_publish_pages_have_a_fixed_number_of_queries(
    officer_client, draft, size, django_assert_max_num_queries
):
    Requirement.objects.bulk_create(
        Requirement(procurement=draft, section="kravspesifikasjon", position=i, title=f"Krav {i}", text="Tekst [x].")
        for i in range(size)
    )
    for name in ("procurement:detail", "procurement:publish", "procurement:award"):
        with django_assert_max_num_queries(20):
            assert officer_client.get(reverse(name, args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("size", [25, 75])
def test_builder_sends_one_page_of_the_library_whatever_its_size(
    officer_client, draft, category, size, django_assert_max_num_queries
):
    """The library panel is sliced in SQL: the page and its query count stay the same as the library grows."""
    for i in range(size):
        criterion(category=category, code=f"LIB-{size}-{i:03d}", title=f"Bibliotekskrav {i}")
    url = reverse("procurement:requirements", args=[draft.pk])
    with django_assert_max_num_queries(15):
        response = officer_client.get(url)
    html = response.content.decode()
    assert html.count("data-criterion=") == 20
    assert len(response.content) < 100_000
    second = officer_client.get(url, {"side": 2}, **HTMX).content.decode()
    assert second.startswith('<div id="builder"') and f"LIB-{size}-020" in second
    assert f"LIB-{size}-020" not in html


def test_builder_page_size_does_not_grow_with_the_library(officer_client, draft, category):
    url = reverse("procurement:requirements", args=[draft.pk])
    for i in range(25):
        criterion(category=category, code=f"SZ-{i:03d}", title="Bibliotekskrav")
    small = len(officer_client.get(url).content)
    for i in range(25, 75):
        criterion(category=category, code=f"SZ-{i:03d}", title="Bibliotekskrav")
    large = len(officer_client.get(url).content)
    # Only the page counter ("Side 1 av 2 (25 kriterier)" / "av 4 (75 …)") may differ.
    assert abs(large - small) <= 4


def test_builder_library_order_is_served_by_an_index(org, category):
    """Paged by (kind, code): without an index PostgreSQL sorted every applicable criterion for each page (issue 22)."""
    from criteria.selectors import applicable_criteria

    order = list(applicable_criteria(category=category, organization=org).query.order_by)
    assert [list(index.fields) for index in Criterion._meta.indexes if list(index.fields) == order], order


def _reverses_for(client, url, monkeypatch) -> int:
    import django.urls

    calls = []
    original = django.urls.reverse  # {% url %} imports it from django.urls when it renders

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(django.urls, "reverse", counting)
    assert client.get(url).status_code == 200
    monkeypatch.setattr(django.urls, "reverse", original)
    return len(calls)


def test_builder_reverses_each_rows_urls_once(officer_client, draft, category, monkeypatch):
    """~160 {% url %} a page (the same move, remove and add URLs again and again) were a fifth of it (issue 22)."""
    url = reverse("procurement:requirements", args=[draft.pk])
    for i in range(2):
        requirement(draft, title=f"Krav {i}")
        criterion(category=category, code=f"REV-{i}")
    small = _reverses_for(officer_client, url, monkeypatch)
    for i in range(2, 6):
        requirement(draft, title=f"Krav {i}")
        criterion(category=category, code=f"REV-{i}")
    large = _reverses_for(officer_client, url, monkeypatch)
    # per requirement: edit, move, remove; per library criterion: its detail page.
    assert (large - small) / 4 <= 4, f"{small} URLs for 2 rows each side, {large} for 6"


def test_builder_library_panel_reads_only_what_it_shows(officer_client, draft, category):
    """Every row's variants, revision and stored search vector were loaded for nothing (issue 22)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        criterion(category=category, code=f"ONLY-{i}", levels=("basis", "avansert"))
    with CaptureQueriesContext(connection) as ctx:
        page = officer_client.get(reverse("procurement:requirements", args=[draft.pk])).content.decode()
    panel = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(('SELECT "criteria_', "SELECT DISTINCT"))]
    assert panel and not [sql for sql in panel if "criteria_variant" in sql or "search_vector" in sql], panel
    assert "ONLY-2" in page and "Legg til basis" in page and "Legg til avansert" in page
