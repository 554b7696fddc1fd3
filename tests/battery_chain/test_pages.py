"""Chain maps in the browser-less client: lists, forms, rules, comparison, PDF report."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from battery_chain.models import BatteryPack, Chemistry, Product, RawMaterial, SourcingLine
from core.roles import Role
from tests.conftest import client_for
from tests.core.jobs import order_and_download
from tests.factories import battery_pack, battery_product, procurement, requirement, sourcing_line

pytestmark = pytest.mark.django_db


def car(org, name, *, disclosed=False, cell_maker=""):
    product = battery_product(organization=org, name=name)
    pack = battery_pack(
        product, kwh=Decimal("40"), chemistry=Chemistry.objects.get(code="NMC 622"), cell_maker=cell_maker
    )
    if disclosed:
        for slug, country in [("kobolt", "CD"), ("litium", "CL"), ("litium", "AU"), ("nikkel", "CD"), ("nikkel", "PG")]:
            sourcing_line(pack, material=RawMaterial.objects.get(slug=slug), mine_country=country)
    return product


def test_start_page_lists_the_products_with_scores(reference, org, reader_client):
    car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    car(org, "Hyundai Ioniq")
    response = reader_client.get(reverse("battery_chain:start"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Renault Zoe" in body and "Hyundai Ioniq" in body
    assert reverse("battery_chain:heatmap") in body and reverse("battery_chain:help") in body
    assert "Nytt produkt" not in body  # a reader cannot add


def test_start_page_search_and_empty_states(reference, org, follower_client):
    assert "Legg inn det første kjøretøyet" in follower_client.get(reverse("battery_chain:start")).content.decode()
    car(org, "Renault Zoe")
    response = follower_client.get(reverse("battery_chain:start"), {"q": "Tesla"})
    assert "Ingen produkter passer med søket" in response.content.decode()


@pytest.mark.parametrize("rows", [2, 12])
def test_product_list_query_count_does_not_grow(reference, org, reader_client, django_assert_max_num_queries, rows):
    for i in range(rows):
        car(org, f"Modell {i}", disclosed=i % 2 == 0)
    # session, user, memberships, count, products, packs, lines, 7 reference tables
    with django_assert_max_num_queries(16):
        assert reader_client.get(reverse("battery_chain:start")).status_code == 200


@pytest.mark.parametrize("lines", [1, 10])
def test_product_page_query_count_does_not_grow(reference, org, reader_client, django_assert_max_num_queries, lines):
    product = car(org, "Renault Zoe")
    pack = product.packs.get()
    for _ in range(lines):
        sourcing_line(pack, material=RawMaterial.objects.get(slug="kobolt"), mine_country="CD")
    battery_pack(product, chemistry=Chemistry.objects.get(code="LFP"))
    # session, user, memberships, product, packs, lines, requirements, 7 reference tables
    with django_assert_max_num_queries(16):
        response = reader_client.get(reverse("battery_chain:product", args=[product.pk]))
    assert response.status_code == 200


def test_product_page_shows_mine_countries_breakdown_and_diagram(reference, org, reader_client):
    product = car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    body = reader_client.get(reverse("battery_chain:product", args=[product.pk])).content.decode()
    assert "<svg" in body and "Verdikjeden for Renault Zoe" in body
    assert "Kongo" in body and "Papua" in body and "Chile" in body
    assert 'id="material-breakdown"' in body and "Land som driver risikoen mest" in body


def test_follower_creates_edits_and_deletes_a_product_with_confirmation(reference, org, follower_client):
    response = follower_client.post(
        reverse("battery_chain:product_create"), {"name": "Renault Zoe", "kind": "bil", "maker": "Renault"}
    )
    product = Product.objects.get(name="Renault Zoe")
    assert product.organization == org
    assert response["Location"] == reverse("battery_chain:product", args=[product.pk])
    follower_client.post(
        reverse("battery_chain:product_edit", args=[product.pk]),
        {"name": "Renault Zoe ZE50", "kind": "bil", "maker": "Renault", "version": product.version},
    )
    product.refresh_from_db()
    assert product.name == "Renault Zoe ZE50"
    assert product.history.first().history_user is not None
    confirm = follower_client.get(reverse("battery_chain:product_delete", args=[product.pk]))
    assert "Dette kan ikke angres" in confirm.content.decode()
    follower_client.post(reverse("battery_chain:product_delete", args=[product.pk]))
    assert not Product.objects.filter(pk=product.pk).exists()


def test_officer_may_edit_but_library_editor_may_not(reference, org, users, officer_client):
    editor_client = client_for(users[Role.LIBRARY_EDITOR])
    assert officer_client.get(reverse("battery_chain:product_create")).status_code == 200
    assert editor_client.get(reverse("battery_chain:product_create")).status_code == 403
    product = car(org, "Renault Zoe")
    assert editor_client.post(reverse("battery_chain:product_delete", args=[product.pk])).status_code == 403


def test_product_form_refuses_a_contract_of_another_organisation(reference, org, other_org, follower_client):
    from suppliers.models import Contract
    from tests.factories import CategoryFactory

    foreign = Contract.objects.create(
        organization=other_org,
        title="Fremmed",
        category=CategoryFactory(),
        start_date="2025-01-01",
        end_date="2026-01-01",
    )
    response = follower_client.post(
        reverse("battery_chain:product_create"),
        {"name": "Zoe", "kind": "bil", "maker": "Renault", "contract": foreign.pk},
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode() or "gyldig" in response.content.decode()
    assert not Product.objects.exists()


def test_pack_validation_and_circularity_requirements_from_the_contract(reference, org, follower_client):
    from suppliers.models import Contract

    tender = procurement(organization=org)
    keep = requirement(tender, title="Plan for gjenbruk av batterier")
    other = requirement(procurement(organization=org), title="Annet krav")
    contract = Contract.objects.create(
        organization=org,
        procurement=tender,
        title="Busser",
        category=tender.category,
        start_date="2025-01-01",
        end_date="2030-01-01",
    )
    product = battery_product(organization=org, kind="buss", contract=contract)
    url = reverse("battery_chain:pack_create", args=[product.pk])
    base = {"capacity_kwh": "350", "end_of_first_life_percent": "80", "chemistry": Chemistry.objects.get(code="LFP").pk}
    bad = follower_client.post(url, {**base, "capacity_kwh": "0", "expected_service_years": "45"})
    body = bad.content.decode()
    assert "større enn 0 kWh" in body and "mellom 1 og 30 år" in body
    foreign = follower_client.post(url, {**base, "circularity_requirements": [other.pk]})
    assert foreign.status_code == 200 and not BatteryPack.objects.exists()
    follower_client.post(url, {**base, "circularity_requirements": [keep.pk], "expected_service_years": "8"})
    pack = BatteryPack.objects.get()
    assert list(pack.circularity_requirements.all()) == [keep]
    assert pack.expected_service_years == 8


def test_sourcing_line_rules(reference, org, follower_client):
    product = car(org, "Renault Zoe")
    pack = product.packs.get()
    cobalt = RawMaterial.objects.get(slug="kobolt")
    url = reverse("battery_chain:line_create", args=[product.pk, pack.pk])
    empty = follower_client.post(url, {"material": cobalt.pk, "source": "saq"})
    assert "Oppgi minst raffineri, gruve eller et land" in empty.content.decode()
    follower_client.post(url, {"material": cobalt.pk, "source": "saq", "mine_country": "CD", "share_percent": "70"})
    too_much = follower_client.post(
        url, {"material": cobalt.pk, "source": "saq", "mine_country": "AU", "share_percent": "40"}
    )
    assert "kan ikke være mer enn 100" in too_much.content.decode()
    line = SourcingLine.objects.get()
    edit = reverse("battery_chain:line_edit", args=[product.pk, pack.pk, line.pk])
    follower_client.post(
        edit,
        {"material": cobalt.pk, "source": "saq", "mine_country": "CD", "share_percent": "100", "version": line.version},
    )
    line.refresh_from_db()
    assert line.share_percent == 100
    follower_client.post(reverse("battery_chain:line_delete", args=[product.pk, pack.pk, line.pk]))
    assert not SourcingLine.objects.exists()


def test_disclosing_mine_countries_lowers_the_score_on_the_compare_page(reference, org, reader_client):
    zoe = car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    ioniq = car(org, "Hyundai Ioniq")
    response = reader_client.get(reverse("battery_chain:compare"), {"p": [zoe.pk, ioniq.pk]})
    scores = {p.name: s for p, s in response.context["columns"]}
    assert scores["Renault Zoe"].score < scores["Hyundai Ioniq"].score
    assert scores["Renault Zoe"].transparency > scores["Hyundai Ioniq"].transparency
    assert "Gruve" in response.content.decode()


def test_compare_needs_two_to_four_of_the_organisations_products(reference, org, other_org, reader_client):
    ours = car(org, "A")
    car(org, "B")
    theirs = car(other_org, "Fremmed")
    one = reader_client.get(reverse("battery_chain:compare"), {"p": [ours.pk]})
    assert "Velg mellom 2 og 4 produkter" in one.content.decode()
    foreign = reader_client.get(reverse("battery_chain:compare"), {"p": [ours.pk, theirs.pk]})
    assert foreign.context["columns"] == [] and "Fremmed" not in foreign.content.decode()


@pytest.mark.usefixtures("eager_tasks")
def test_risk_report_pdf_has_the_diagram_and_downloads_as_attachment(
    reference, org, reader_client, outsider_client, django_capture_on_commit_callbacks
):
    product = car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    url = reverse("battery_chain:product_report", args=[product.pk])
    job, content = order_and_download(reader_client, url, capture=django_capture_on_commit_callbacks)
    assert job.filename == "batteririsiko-renault-zoe.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Renault Zoe" in text and "Kobolt" in text and "Kjøretøy" in text  # the diagram's column heading
    assert outsider_client.post(url).status_code == 404


def test_reference_pages_render(reference, reader_client):
    for name in ["heatmap", "shares", "help", "materials", "countries", "chemistries"]:
        response = reader_client.get(reverse(f"battery_chain:{name}"))
        assert response.status_code == 200, name
    heatmap = reader_client.get(reverse("battery_chain:heatmap")).content.decode()
    assert "risk-hoy" in heatmap and "Barnearbeid" in heatmap
    older = reader_client.get(reverse("battery_chain:shares"), {"ar": "2018"}).content.decode()
    assert "Produksjonsandeler for Mangan i 2018" in older
    newest = reader_client.get(reverse("battery_chain:shares")).content.decode()
    assert "Produksjonsandeler for Kobber i 2024" in newest and "Mangan i 2024" not in newest


@pytest.mark.usefixtures("eager_tasks")
def test_a_product_without_packs_or_chemistry_says_what_to_do(
    reference, org, reader_client, django_capture_on_commit_callbacks
):
    bare = battery_product(organization=org, name="Tom")
    battery_pack(battery_product(organization=org, name="Uten kjemi"))
    for product in Product.objects.all():
        response = reader_client.get(reverse("battery_chain:product", args=[product.pk]))
        assert "Kan ikke beregnes" in response.content.decode()
        order_and_download(
            reader_client,
            reverse("battery_chain:product_report", args=[product.pk]),
            capture=django_capture_on_commit_callbacks,
        )
    assert (
        "ingen batteripakke ennå"
        in reader_client.get(reverse("battery_chain:product", args=[bare.pk])).content.decode()
    )


def _sizes_in_pdf(content: bytes) -> dict[str, float]:
    """The smallest type size (pt, after every scaling) of each text run on the PDF's pages."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, _font, size):
        text = text.strip()
        if text:
            scale = abs(tm[3] * cm[3] + tm[1] * cm[2]) or abs(tm[0] * cm[0])
            sizes[text] = min(sizes.get(text, 1e9), size * scale)

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.usefixtures("eager_tasks")
def test_the_chain_diagram_in_the_pdf_is_legible(reference, org, reader_client, django_capture_on_commit_callbacks):
    product = car(org, "Renault Zoe", disclosed=True, cell_maker="LG Chem")
    url = reverse("battery_chain:product_report", args=[product.pk])
    _job, content = order_and_download(reader_client, url, capture=django_capture_on_commit_callbacks)
    sizes = _sizes_in_pdf(content)
    diagram = {t: s for t, s in sizes.items() if t in {"Kjøretøy", "Batteripakke", "Celle", "Råvare", "Land"}}
    assert len(diagram) == 5, sizes
    assert min(diagram.values()) >= 8, diagram  # about 4 pt before (issue 21)
    sub_lines = {t: s for t, s in sizes.items() if t.startswith("åpenhet:")}
    assert sub_lines and min(sub_lines.values()) >= 7.5, sub_lines
