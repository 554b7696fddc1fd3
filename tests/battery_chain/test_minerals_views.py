"""Upload → preview (dry run) → confirm or cancel; the report list and detail; who may do what."""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from battery_chain.minerals import pending
from battery_chain.models import MineralsReport, SourcingLine
from core.roles import Role
from tests.battery_chain import helpers as workbooks
from tests.conftest import client_for
from tests.factories import minerals_materials, minerals_product, minerals_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


@pytest.fixture
def product(org):
    minerals_materials()
    return minerals_product(org)


def upload_url(product):
    return reverse("battery_chain:minerals_upload", args=[product.pk])


def post_file(client, product, data, name="nordic-cells-2025-03-15.xlsx", **extra):
    return client.post(upload_url(product), {"file": SimpleUploadedFile(name, data), **extra})


def counts():
    return MineralsReport.objects.count(), SourcingLine.objects.count()


def pending_files(settings):
    directory = Path(settings.MEDIA_ROOT) / pending.DIRECTORY
    return list(directory.iterdir()) if directory.exists() else []


def test_emrt_upload_preview_confirm_creates_the_lines(follower, product, settings, users):
    response = post_file(follower, product, workbooks.emrt(shift=2, header_row=5))
    preview_url = reverse("battery_chain:minerals_preview", args=[product.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    assert counts() == (0, 0), "the upload alone writes nothing"
    assert len(pending_files(settings)) == 1

    page = follower.get(preview_url).content.decode()
    assert "EMRT 2.1" in page and "Nordic Cells AS" in page
    assert "Salar de Atacama" in page and "Chile" in page
    assert "smelteverket for Graphite er ikke identifisert" in page
    assert "Bekreft og importer 5 linjer" in page
    assert counts() == (0, 0), "the preview is a dry run"

    response = follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    report = MineralsReport.objects.get()
    assert response["Location"] == reverse("battery_chain:minerals_detail", args=[report.pk])
    assert (report.template, report.template_version, report.company_name) == ("EMRT", "2.1", "Nordic Cells AS")
    assert report.completed_on.isoformat() == "2025-03-15"
    assert report.organization == product.organization and report.pack == product.packs.get()
    assert report.imported_by == users[Role.CONTRACT_FOLLOWER]
    assert report.declaration["fields"]["authorizer"] == "Ola Nordmann"
    assert report.report["line_count"] == 5 and report.report["problems"][0]["code"] == "smelter_not_identified"
    lines = list(report.lines.all())
    assert len(lines) == 5 and {line.source for line in lines} == {"emrt"}
    assert {line.pack_id for line in lines} == {product.packs.get().pk}
    assert {str(line.source_date) for line in lines} == {"2025-03-15"}
    assert pending_files(settings) == [], "the waiting file is deleted after the import"

    detail = follower.get(response["Location"]).content.decode()
    assert "5 opprinnelseslinjer" in detail and "Tenke Fungurume" in detail and "Kongo" in detail
    # Columns the lines have no place for are kept with the report, as the supplier wrote them.
    assert report.declaration["smelter_list"][0] == {
        "row": 6,
        "metal": "Cobalt",
        "refiner": "Umicore Finland Oy",
        "refiner_id": "CID002566",
        "refiner_country": "Finland",
        "id_source": "RMI",
        "lookup": "Umicore Finland Oy",
        "typed_name": "Umicore Finland Oy",
        "standard_name": "Umicore Finland Oy",
        "mine": "Tenke Fungurume",
        "mine_country": "Congo, Democratic Republic of the",
        "recycled": "No",
    }
    assert "Smelter List: 4 rader" in detail and "Mine List: 2 rader" in detail

    # The preview cannot be confirmed twice.
    again = follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    assert again.status_code == 302 and counts() == (1, 5)


def test_cmrt_import_by_a_buyer(users, product):
    buyer = client_for(users[Role.BUYER])
    post_file(buyer, product, workbooks.cmrt(version="6.5", shift=1))
    assert "CMRT 6.5" in buyer.get(reverse("battery_chain:minerals_preview", args=[product.pk])).content.decode()
    buyer.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    report = MineralsReport.objects.get()
    assert report.template == "CMRT" and {line.source for line in report.lines.all()} == {"cmrt"}
    assert {line.material.slug for line in report.lines.all()} == {"tinn", "tantal", "gull", "wolfram"}


HOSTILE = {
    "empty": (lambda: b"", "Filen er tom"),
    "xls renamed": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "gamle Excel-formatet"),
    "not a zip": (lambda: b"<html>not a workbook</html>", "ikke en Excel-arbeidsbok"),
    "zip bomb": (
        lambda: workbooks.replace_part(workbooks.cmrt(), "xl/worksheets/sheet99.xml", b"\0" * (20 * 1024 * 1024)),
        "zip-bombe",
    ),
    "wrong sheets": (lambda: workbooks.cmrt(drop_sheets=["Smelter List"]), "mangler arket «Smelter List»"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_files_are_refused_with_a_message_and_nothing_written(case, follower, product, settings):
    build, expected = HOSTILE[case]
    response = post_file(follower, product, build())
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert counts() == (0, 0)
    assert pending_files(settings) == []


def test_too_large_file_is_refused_while_it_is_received(follower, product, settings, monkeypatch):
    settings.MINERALS_MAX_UPLOAD_BYTES = 100_000
    stored = []
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    original = MemoryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        stored.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", spy)
    response = post_file(follower, product, workbooks.cmrt() + b"\0" * 1_000_000)
    assert response.status_code == 400 and "Filen er for stor" in response.content.decode()
    assert sum(stored) <= 100_000, "nothing past the limit reaches Django's own handlers"
    assert counts() == (0, 0)


def test_the_upload_still_checks_csrf(users, product):
    client = client_for(users[Role.CONTRACT_FOLLOWER])
    client.handler.enforce_csrf_checks = True
    assert post_file(client, product, workbooks.emrt()).status_code == 403
    assert counts() == (0, 0)


def test_too_many_rows_are_refused(follower, product, settings):
    settings.MINERALS_MAX_ROWS = 3
    response = post_file(follower, product, workbooks.emrt())
    assert response.status_code == 400 and "mer enn 3 " in response.content.decode()
    assert counts() == (0, 0)


def test_only_xlsx_names_are_accepted(follower, product):
    response = post_file(follower, product, workbooks.cmrt(), name="rapport.csv")
    assert response.status_code == 400 and "Bare Excel-arbeidsbøker (.xlsx)" in response.content.decode()


def test_formulas_without_values_show_the_report_but_cannot_be_confirmed(follower, product):
    data = workbooks.emrt(formulas={"Smelter List": {"D5": "=C5"}}, cached_values=False)
    post_file(follower, product, data)
    page = follower.get(reverse("battery_chain:minerals_preview", args=[product.pk])).content.decode()
    # Every label is a formula in the templates, so the first uncalculated cells named are the Declaration's title and labels.
    assert "formler som aldri er beregnet" in page and "Declaration!B2" in page
    assert "Bekreft og importer" not in page
    response = follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    assert response.status_code == 302
    assert counts() == (0, 0)


def test_unknown_answers_and_countries_appear_in_the_preview(follower, product):
    smelters = [{"metal": "Cobalt", "name": "Umicore Finland Oy", "country": "Atlantis"}]
    post_file(follower, product, workbooks.emrt(smelters=smelters, answers={(1, "Nickel"): "Unknown"}))
    page = follower.get(reverse("battery_chain:minerals_preview", args=[product.pk])).content.decode()
    assert "Ukjent land i Smelter List, rad 5: «Atlantis»." in page
    assert "Spørsmål 1 (Nickel) er besvart med «Unknown»" in page


def test_cancel_deletes_the_waiting_file(follower, product, settings):
    post_file(follower, product, workbooks.emrt())
    assert len(pending_files(settings)) == 1
    response = follower.post(reverse("battery_chain:minerals_cancel", args=[product.pk]))
    assert response["Location"] == upload_url(product)
    assert pending_files(settings) == [] and counts() == (0, 0)
    assert follower.get(reverse("battery_chain:minerals_preview", args=[product.pk])).status_code == 302


def test_import_is_all_or_nothing(follower, product, monkeypatch):
    post_file(follower, product, workbooks.emrt())

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("battery_chain.minerals.services.bulk_create_with_history", fail)
    follower.raise_request_exception = False
    response = follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    assert response.status_code == 500
    assert counts() == (0, 0), "the report row is rolled back with the lines"


def test_product_without_pack_asks_for_one_first(follower, org):
    minerals_materials()
    product = minerals_product(org, packs=0)
    page = follower.get(upload_url(product)).content.decode()
    assert "har ingen batteripakke ennå" in page and 'type="file"' not in page
    post_file(follower, product, workbooks.emrt())
    assert counts() == (0, 0)


def test_product_with_two_packs_asks_which(follower, org):
    minerals_materials()
    product = minerals_product(org, packs=2)
    response = post_file(follower, product, workbooks.emrt())
    assert response.status_code == 400
    second = product.packs.last()
    post_file(follower, product, workbooks.emrt(), pack=second.pk)
    follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    assert MineralsReport.objects.get().pack == second
    assert set(SourcingLine.objects.values_list("pack_id", flat=True)) == {second.pk}


def test_reader_may_look_but_not_import(users, product, org):
    reader = client_for(users[Role.READ_ONLY])
    report = minerals_report(org, product=product)
    assert reader.get(upload_url(product)).status_code == 403
    assert post_file(reader, product, workbooks.emrt()).status_code == 403
    assert reader.get(reverse("battery_chain:minerals_detail", args=[report.pk])).status_code == 200
    assert reader.post(reverse("battery_chain:minerals_delete", args=[report.pk])).status_code == 403
    assert counts() == (1, 2)


def test_outsider_gets_404(outsider_client, product, org):
    report = minerals_report(org, product=product)
    assert outsider_client.get(upload_url(product)).status_code == 404
    assert post_file(outsider_client, product, workbooks.emrt()).status_code == 404
    assert outsider_client.post(reverse("battery_chain:minerals_confirm", args=[product.pk])).status_code == 404
    assert outsider_client.get(reverse("battery_chain:minerals_detail", args=[report.pk])).status_code == 404
    assert outsider_client.post(reverse("battery_chain:minerals_delete", args=[report.pk])).status_code == 404
    assert "Nordic Cells" not in outsider_client.get(reverse("battery_chain:minerals_list")).content.decode()


def test_one_users_waiting_file_is_not_another_users(follower, users, product):
    post_file(follower, product, workbooks.emrt())
    colleague = client_for(users[Role.BUYER])
    colleague.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    assert counts() == (0, 0), "the waiting upload lives in the uploader's session"


def test_delete_removes_the_report_and_its_lines(follower, org, product):
    report = minerals_report(org, product=product, lines=3)
    url = reverse("battery_chain:minerals_delete", args=[report.pk])
    assert "3 opprinnelseslinjene" in follower.get(url).content.decode()
    assert follower.post(url)["Location"] == reverse("battery_chain:minerals_list")
    assert counts() == (0, 0)


def test_list_search_filter_and_empty_state(follower, org, product):
    url = reverse("battery_chain:minerals_list")
    assert "Ingen mineralrapporter er importert ennå" in follower.get(url).content.decode()
    minerals_report(org, product=product)
    other = minerals_report(org, product=minerals_product(org, name="Trikk"))
    MineralsReport.objects.filter(pk=other.pk).update(company_name="Andre AS", template="CMRT")
    page = follower.get(url).content.decode()
    assert "2 rapporter" in page and "Nordic Cells AS" in page
    assert "1 rapport" in follower.get(url, {"q": "trikk"}).content.decode()
    assert "Andre AS" not in follower.get(url, {"template": "EMRT"}).content.decode()
    assert "Ingen rapporter passer" in follower.get(url, {"q": "finnes ikke"}).content.decode()
    only_tram = follower.get(url, {"produkt": other.product_id}).content.decode()
    assert "Andre AS" in only_tram and "Nordic Cells AS" not in only_tram


def test_the_same_file_twice_is_refused_in_the_preview(follower, product):
    data = workbooks.emrt()
    post_file(follower, product, data)
    follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    post_file(follower, product, data)
    page = follower.get(reverse("battery_chain:minerals_preview", args=[product.pk])).content.decode()
    assert "Denne filen ble importert for den samme batteripakken" in page
    assert "Bekreft og importer" not in page


@pytest.mark.parametrize("size", [1, 30])
def test_report_list_has_a_fixed_number_of_queries(follower, org, product, size, django_assert_max_num_queries):
    for _ in range(size):
        minerals_report(org, product=product, lines=2)
    # session, user, membership (middleware); count; the page of reports with product, pack and user joined.
    with django_assert_max_num_queries(6):
        response = follower.get(reverse("battery_chain:minerals_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 40])
def test_report_detail_has_a_fixed_number_of_queries(follower, org, product, size, django_assert_max_num_queries):
    report = minerals_report(org, product=product, lines=size)
    # session, user, membership; the report with product, pack, user; count and page of lines with material.
    with django_assert_max_num_queries(7):
        response = follower.get(reverse("battery_chain:minerals_detail", args=[report.pk]))
    assert response.status_code == 200


def test_imported_lines_show_on_the_activity_page(follower, product, users):
    post_file(follower, product, workbooks.emrt())
    follower.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    page = client_for(users[Role.ORG_ADMIN]).get(reverse("core:activity")).content.decode()
    assert "Salar de Atacama" in page


def test_an_expired_upload_is_gone(follower, product, settings):
    settings.MINERALS_PENDING_MAX_AGE_SECONDS = -1
    post_file(follower, product, workbooks.emrt())
    response = follower.get(reverse("battery_chain:minerals_preview", args=[product.pk]))
    assert response["Location"] == upload_url(product)
    assert pending_files(settings) == [] and counts() == (0, 0)


def test_abandoned_uploads_are_swept_on_the_next_upload(follower, product, settings):
    directory = Path(settings.MEDIA_ROOT) / pending.DIRECTORY
    directory.mkdir(parents=True)
    abandoned = directory / "abandoned.xlsx"
    abandoned.write_bytes(b"old")
    os.utime(abandoned, (0, 0))
    post_file(follower, product, workbooks.emrt())
    assert not abandoned.exists() and len(pending_files(settings)) == 1
