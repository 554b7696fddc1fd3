"""CPV codes: the loader, the picker's search, codes on procurements, and the filters by division."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from core.roles import Role
from procurement import cpv
from procurement.models import AwardCriterion, CpvCode, Procurement
from procurement.signals import procurements_written
from tests.conftest import client_for
from tests.factories import CategoryFactory, procurement


@pytest.fixture
def codes(db):
    call_command("load_cpv", verbosity=0)


def test_loader_reads_the_whole_list_and_is_idempotent(db, tmp_path):
    call_command("load_cpv", verbosity=0)
    assert CpvCode.objects.count() == 9454
    pc = CpvCode.objects.get(code="30213100")
    assert pc.division == "30" and pc.label_en == "Portable computers" and pc.label_nb
    call_command("load_cpv", verbosity=0)
    assert CpvCode.objects.count() == 9454

    changed = tmp_path / "cpv.csv"
    changed.write_text("code,label_en,label_nb\n30213100,Portable computers,Bærbare PC-er\n99999999,New code,\n")
    result = cpv.load(changed)
    assert (result.created, result.updated) == (1, 1)
    assert CpvCode.objects.get(code="30213100").label_nb == "Bærbare PC-er"
    assert CpvCode.objects.count() == 9455  # codes missing from a newer file are kept, never deleted


def test_a_bad_file_loads_nothing_and_names_the_lines(db, tmp_path):
    bad = tmp_path / "cpv.csv"
    bad.write_text("code,label_en,label_nb\n30213100,Portable computers,\n3021,Too short,\n30213100,Twice,\n")
    with pytest.raises(CommandError) as caught:
        call_command("load_cpv", file=bad, verbosity=0)
    assert "Linje 3" in str(caught.value) and "Linje 4" in str(caught.value)
    assert not CpvCode.objects.exists()


def test_labels_are_norwegian_where_the_list_has_them_else_english(codes):
    code = CpvCode.objects.get(code="30213100")
    with translation.override("nb"):
        assert code.label == code.label_nb
    with translation.override("en"):
        assert code.label == "Portable computers"
    code.label_nb = ""
    with translation.override("nb"):
        assert code.label == "Portable computers"


def test_search_by_digits_and_by_words(codes):
    assert [c.code for c in cpv.search("302131")] == ["30213100"]
    words = cpv.search("bærbar")
    assert "30213100" in {c.code for c in words}
    assert cpv.search("") == [] and cpv.search("qqqzzz") == []


def test_picker_search_endpoint_lists_codes_with_labelled_buttons(codes, users):
    client = client_for(users[Role.BUYER])
    html = client.get(reverse("procurement:cpv_search"), {"q": "30213100"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-cpv-main="30213100"' in html and 'aria-label="Bruk 30213100 som hovedkode"' in html
    empty = client.get(reverse("procurement:cpv_search"), {"q": "qqqzzz"}).content.decode()
    assert "Ingen CPV-koder passer" in empty


def test_officer_sets_main_and_additional_codes_and_category_suggests(codes, org, users):
    category = CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr", cpv_codes=["30200000", "30213100"])
    p = procurement(organization=org, category=category)
    client = client_for(users[Role.BUYER])
    page = client.get(reverse("procurement:cpv", args=[p.pk])).content.decode()
    assert "Foreslått for kategorien IKT-utstyr" in page and 'data-cpv-main="30213100"' in page
    response = client.post(
        reverse("procurement:cpv", args=[p.pk]),
        {"version": p.version, "main": "30213100-3", "additional": "30231300, 30213100\n30237200"},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.main_cpv_id == "30213100"
    assert sorted(p.additional_cpv.values_list("code", flat=True)) == ["30231300", "30237200"]
    detail = client.get(reverse("procurement:detail", args=[p.pk])).content.decode()
    assert "30213100" in detail


def test_unknown_codes_are_refused_in_norwegian_and_nothing_is_saved(codes, org, users):
    p = procurement(organization=org)
    response = client_for(users[Role.BUYER]).post(
        reverse("procurement:cpv", args=[p.pk]), {"version": p.version, "main": "12345678", "additional": "99"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "finnes ikke i CPV-listen" in errors["main"][0] and "99" in errors["additional"][0]
    p.refresh_from_db()
    assert p.main_cpv_id is None


def test_reader_cannot_set_codes(codes, org, users):
    p = procurement(organization=org)
    response = client_for(users[Role.READ_ONLY]).post(
        reverse("procurement:cpv", args=[p.pk]), {"version": p.version, "main": "30213100"}
    )
    assert response.status_code == 403


def test_list_filters_by_cpv_division(codes, org, users):
    computers = procurement(organization=org, title="PC-er")
    Procurement.objects.filter(pk=computers.pk).update(main_cpv_id="30213100")
    procurement(organization=org, title="Busser")
    client = client_for(users[Role.BUYER])
    response = client.get(reverse("procurement:start"), {"cpv": "30"})
    assert [p.title for p in response.context["procurements"]] == ["PC-er"]
    assert "30 " in dict(response.context["form"].fields["cpv"].choices)["30"]


def test_kpis_filter_by_cpv_division(codes, org, users):
    def published(title, cpv_code, env_weight):
        p = procurement(organization=org, title=title, estimated_value=1_000_000)
        AwardCriterion.objects.create(procurement=p, name="Pris", weight=100 - env_weight, is_price=True)
        AwardCriterion.objects.create(procurement=p, name="Miljø", weight=env_weight, is_environmental=True)
        Procurement.objects.filter(pk=p.pk).update(
            main_cpv_id=cpv_code, status="publisert", published_at=datetime(2025, 3, 1, tzinfo=UTC)
        )
        procurements_written.send(sender=Procurement, pks=[p.pk])  # written past save()

    published("PC-er", "30213100", 40)
    published("Busser", "34144910", 10)
    client = client_for(users[Role.READ_ONLY])

    def share_with_environment(**params):
        report = client.get(reverse("reporting:dashboard"), {"fra": 2025, "til": 2025, **params}).context["report"]
        rows = {row.key: row for group in report.groups for row in group.rows}
        return rows["miljo_30"].results[0]

    everything = share_with_environment()
    computers = share_with_environment(cpv="30")
    assert (everything.numerator, everything.denominator) == (1, 2)
    assert (computers.numerator, computers.denominator) == (1, 1)
    assert share_with_environment(cpv="34").numerator == 0
