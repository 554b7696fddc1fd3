"""Reference data: shipped files, the loading command, editing by library editors, admin."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from battery_chain.models import (
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    ProductionShare,
    RawMaterial,
    RiskCategory,
)
from battery_chain.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_load_battery_data_is_idempotent_and_keeps_editors_changes(db):
    call_command("load_battery_data", verbosity=0)
    counts = [m.objects.count() for m in (RawMaterial, RiskCategory, MaterialRisk, CountryRisk, ProductionShare)]
    assert counts == [10, 8, 80, 29, 32]
    cobalt_cd = MaterialRisk.objects.get(material__slug="kobolt", category__slug="barnearbeid")
    cobalt_cd.level = "lav"
    cobalt_cd.save()
    assert set(load_reference_data().values()) == {0}
    cobalt_cd.refresh_from_db()
    assert cobalt_cd.level == "lav"
    load_reference_data(update=True)
    cobalt_cd.refresh_from_db()
    assert cobalt_cd.level == "hoy"


def test_the_shipped_facts(db):
    load_reference_data()
    flags = {m.slug: (m.battery_regulation_due_diligence, m.conflict_mineral) for m in RawMaterial.objects.all()}
    assert {s for s, (dd, _c) in flags.items() if dd} == {"kobolt", "naturlig-grafitt", "litium", "nikkel"}
    assert {s for s, (_d, c) in flags.items() if c} == {"tinn", "tantal", "wolfram", "gull"}
    shares = {(s.material.slug, str(s.country), s.year): float(s.share_percent) for s in ProductionShare.objects.all()}
    assert shares[("kobolt", "CD", 2018)] == 54 and shares[("kobolt", "CD", 2024)] == 76
    assert shares[("litium", "AU", 2024)] == 37 and shares[("kobber", "PE", 2024)] == 11
    assert ("litium", "BO", 2018) not in shares  # Bolivia: no figure, so nothing is stored
    assert all("egen kuraterte skala" in c.source for c in CountryRisk.objects.all())
    assert all(c.source and c.year for c in ChemistryContent.objects.all())
    assert not ChemistryContent.objects.filter(chemistry__code="LFP", material__slug__in=["kobolt", "nikkel"]).exists()


def test_library_editor_edits_a_material_risk_level(reference, editor_client, follower_client):
    row = MaterialRisk.objects.get(material__slug="litium", category__slug="miljo")
    url = reverse("battery_chain:material_risk_edit", args=[row.pk])
    assert follower_client.get(url).status_code == 403
    response = editor_client.post(
        url,
        {"level": "middels", "comment": "Ny vurdering.", "source": "Test 2026", "year": "2026", "version": row.version},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.level, row.comment, row.year) == ("middels", "Ny vurdering.", 2026)


def test_country_risk_and_share_forms_validate(reference, editor_client):
    dup = editor_client.post(
        reverse("battery_chain:country_create"), {"country": "CD", "score": "11", "source": "x", "year": "2025"}
    )
    assert dup.status_code == 200 and CountryRisk.objects.get(country="CD").score == 90
    too_high = editor_client.post(
        reverse("battery_chain:country_create"), {"country": "MX", "score": "101", "source": "x", "year": "2025"}
    )
    assert too_high.status_code == 200 and not CountryRisk.objects.filter(country="MX").exists()
    cobalt = RawMaterial.objects.get(slug="kobolt")
    over = editor_client.post(
        reverse("battery_chain:share_create"),
        {"material": cobalt.pk, "country": "PH", "year": "2024", "share_percent": "20", "source": "USGS"},
    )
    assert "kan ikke være mer enn 100" in over.content.decode()
    row = ProductionShare.objects.get(material=cobalt, country="ID", year=2024)
    editor_client.post(
        reverse("battery_chain:share_edit", args=[row.pk]),
        {
            "material": cobalt.pk,
            "country": "ID",
            "year": "2024",
            "share_percent": "11",
            "source": "USGS",
            "version": row.version,
        },
    )
    row.refresh_from_db()
    assert row.share_percent == 11
    editor_client.post(reverse("battery_chain:share_delete", args=[row.pk]))
    assert not ProductionShare.objects.filter(pk=row.pk).exists()


def test_chemistry_content_and_material_edit(reference, editor_client):
    row = ChemistryContent.objects.get(chemistry__code="NMC 811", material__slug="kobolt")
    editor_client.post(
        reverse("battery_chain:content_edit", args=[row.pk]),
        {
            "chemistry": row.chemistry_id,
            "material": row.material_id,
            "kg_per_kwh": "0.08",
            "source": "BatPaC",
            "year": "2024",
            "version": row.version,
        },
    )
    row.refresh_from_db()
    assert float(row.kg_per_kwh) == 0.08
    gold = RawMaterial.objects.get(slug="gull")
    editor_client.post(
        reverse("battery_chain:material_edit", args=[gold.pk]),
        {
            "name": "Gull",
            "symbol": "Au",
            "conflict_mineral": "on",
            "overall_risk": "hoy",
            "main_risks": "Kvikksølv.",
            "version": gold.version,
        },
    )
    gold.refresh_from_db()
    assert gold.main_risks == "Kvikksølv."


def test_editors_see_edit_links_and_readers_do_not(reference, editor_client, reader_client):
    assert "Endre råvaren" in editor_client.get(reverse("battery_chain:materials")).content.decode()
    assert "Endre råvaren" not in reader_client.get(reverse("battery_chain:materials")).content.decode()


@pytest.mark.parametrize(
    "model",
    [
        "rawmaterial",
        "materialrisk",
        "countryrisk",
        "productionshare",
        "chemistry",
        "chemistrycontent",
        "product",
        "sourcingline",
        "riskcategory",
    ],
)
def test_admin_lists_every_battery_model(reference, admin_client, model):
    assert admin_client.get(reverse(f"admin:battery_chain_{model}_changelist")).status_code == 200
