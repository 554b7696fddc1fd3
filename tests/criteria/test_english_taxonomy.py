"""The shipped taxonomy and reference data read in English on English pages, and in bokmål otherwise."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from battery_chain.models import MaterialRisk, RawMaterial, RiskCategory
from battery_chain.reference import load_reference_data
from core.roles import Role
from criteria import library_io
from criteria.demo import load_first_library
from criteria.models import Category, CategoryGroup, Criterion, Theme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Bokmål names whose English differs, from every kind of reference data the issue names.
NORWEGIAN = {
    "Kjøretøy og transport": "Vehicles and transport",
    "Klimagassutslipp": "Greenhouse gas emissions",
    "Busser": "Buses",
    "Kobolt": "Cobalt",
    "Barnearbeid": "Child labour",
}


@pytest.fixture
def shipped(db):
    load_first_library()
    load_reference_data()


def _page(client, url, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client.get(url).content.decode()


def test_every_shipped_taxonomy_row_has_an_english_name(shipped):
    for model in (Category, CategoryGroup, Theme, RawMaterial, RiskCategory):
        assert list(model.objects.filter(name_en="").values_list("name", flat=True)) == [], model
    high_risk = Category.objects.filter(high_risk=True)
    assert high_risk.exists() and not high_risk.filter(high_risk_note_en="").exists()
    assert not RawMaterial.objects.filter(main_risks_en="").exists()
    assert not MaterialRisk.objects.filter(comment_en="").exists()


def test_english_pages_show_no_norwegian_category_theme_or_material_name(shipped, users):
    client = client_for(users[Role.BUYER])
    criterion = Criterion.objects.filter(category__slug="kjoretoy-og-transport", group__slug="busser").first()
    pages = [
        reverse("criteria:start") + "?category=" + str(criterion.category_id),
        reverse("criteria:detail", args=[criterion.pk]),
        reverse("battery_chain:heatmap"),
        reverse("battery_chain:materials"),
    ]
    for url in pages:
        english = _page(client, url, "en")
        norwegian = _page(client, url, "nb")
        shown = [nb for nb, en in NORWEGIAN.items() if nb in norwegian]
        assert shown, f"{url} shows none of the names checked"
        for nb in shown:
            assert nb not in english, f"{nb!r} on the English page {url}"
            assert NORWEGIAN[nb] in english, f"{NORWEGIAN[nb]!r} missing on the English page {url}"


def test_the_high_risk_explanation_follows_the_language(shipped, users):
    client = client_for(users[Role.BUYER])
    criterion = Criterion.objects.filter(category__slug="kjoretoy-og-transport").first()
    url = reverse("criteria:detail", args=[criterion.pk])
    assert "Traction batteries contain cobalt" in _page(client, url, "en")
    assert "Fremdriftsbatterier inneholder kobolt" in _page(client, url, "nb")


def test_nynorsk_reads_the_bokmal_names(shipped):
    category = Category.objects.get(slug="kjoretoy-og-transport")
    with translation.override("nn"):
        assert str(category) == "Kjøretøy og transport"
    with translation.override("en"):
        assert str(category) == "Vehicles and transport"


def test_export_and_import_carry_the_english_names(shipped):
    data = library_io.library_dict()
    vehicles = next(c for c in data["categories"] if c["slug"] == "kjoretoy-og-transport")
    assert vehicles["name_en"] == "Vehicles and transport"
    assert {g["slug"]: g["name_en"] for g in vehicles["groups"]}["busser"] == "Buses"

    Category.objects.filter(slug="kjoretoy-og-transport").update(name_en="")
    library_io.import_data(data)
    assert Category.objects.get(slug="kjoretoy-og-transport").name_en == "Vehicles and transport"


def test_an_older_export_without_english_leaves_the_english_names(shipped):
    data = library_io.library_dict()
    for row in [*data["themes"], *data["categories"]]:
        row.pop("name_en", None)
        row.pop("high_risk_note_en", None)
        for group in row.get("groups", []):
            group.pop("name_en", None)
    library_io.import_data(data)
    assert Theme.objects.get(slug="klimagassutslipp").name_en == "Greenhouse gas emissions"


def test_an_over_long_english_name_is_an_import_error_not_a_crash(shipped):
    data = library_io.library_dict()
    data["themes"][0]["name_en"] = "x" * 101
    with pytest.raises(library_io.LibraryImportError) as refused:
        library_io.import_bytes(json.dumps(data).encode(), filename="bibliotek.json")
    assert any("høyst 100 tegn" in str(p) for p in refused.value.problems)
