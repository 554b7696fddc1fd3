"""Re-importing the same file, the way back to the product, and RMI's smelter reference lists (page and command)."""

from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from battery_chain.models import MineralsReport, SmelterReference, SmelterReferenceList, SourcingLine
from core.roles import Role
from tests.battery_chain import helpers as workbooks
from tests.conftest import client_for
from tests.factories import minerals_materials, minerals_product

pytestmark = pytest.mark.django_db
LISTS_URL = "/batterikjeder/mineralrapporter/referanselister/"


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


@pytest.fixture
def editor(national_editors):
    # Smelter reference lists are national reference data: the national library's editors load them.
    return client_for(national_editors[0])


@pytest.fixture
def product(org):
    minerals_materials()
    return minerals_product(org)


def upload_and_confirm(client, product, data):
    client.post(
        reverse("battery_chain:minerals_upload", args=[product.pk]),
        {"file": SimpleUploadedFile("nordic.xlsx", data)},
    )
    preview = client.get(reverse("battery_chain:minerals_preview", args=[product.pk]))
    confirm = client.post(reverse("battery_chain:minerals_confirm", args=[product.pk]))
    return preview, confirm


def blank_template(version="6.5", count=6, released=date(2025, 4, 25)):
    reference, _rows = workbooks.smelter_set(count)
    return workbooks.cmrt(version=version, smelters=[], reference=reference, released=released)


def test_reimporting_the_same_file_says_so_and_adds_no_lines(follower, product):
    data = workbooks.cmrt_by_lookup(10)
    upload_and_confirm(follower, product, data)
    first = MineralsReport.objects.get()
    assert SourcingLine.objects.count() == 10

    preview, confirm = upload_and_confirm(follower, product, data)
    page = preview.content.decode()
    assert "Denne filen ble importert for den samme batteripakken" in page
    assert reverse("battery_chain:minerals_detail", args=[first.pk]) in page
    assert "Bekreft og importer" not in page
    assert confirm.status_code == 302
    assert (MineralsReport.objects.count(), SourcingLine.objects.count()) == (1, 10)


def test_the_report_page_links_back_to_the_product(follower, product):
    _preview, confirm = upload_and_confirm(follower, product, workbooks.cmrt_by_lookup(4))
    page = follower.get(confirm["Location"]).content.decode()
    assert f'href="{reverse("battery_chain:product", args=[product.pk])}"' in page
    assert "Rader lest" in page and "Linjer opprettet" in page


def test_a_library_editor_loads_a_reference_list_from_a_blank_template(editor, users, national_editors):
    response = editor.post(LISTS_URL, {"file": SimpleUploadedFile("CMRT6.5.xlsx", blank_template())})
    assert response.status_code == 302
    loaded = SmelterReferenceList.objects.get()
    assert (loaded.template, loaded.version, loaded.released_on) == ("CMRT", "6.5", date(2025, 4, 25))
    assert loaded.smelter_count == 6 and loaded.smelters.count() == 6
    assert loaded.loaded_by == national_editors[0]
    assert loaded.history.count() == 1
    page = editor.get(LISTS_URL).content.decode()
    assert "6.5" in page and "25. apr. 2025" in page


def test_loading_the_same_version_again_replaces_the_list(editor):
    editor.post(LISTS_URL, {"file": SimpleUploadedFile("a.xlsx", blank_template(count=6))})
    editor.post(LISTS_URL, {"file": SimpleUploadedFile("b.xlsx", blank_template(count=3))})
    loaded = SmelterReferenceList.objects.get()
    assert loaded.smelter_count == 3 and SmelterReference.objects.count() == 3 and loaded.original_name == "b.xlsx"


def test_a_template_without_a_release_date_asks_for_one(editor):
    data = blank_template(released="2025")
    response = editor.post(LISTS_URL, {"file": SimpleUploadedFile("x.xlsx", data)})
    assert response.status_code == 400 and "Skriv inn datoen RMI ga den ut" in response.content.decode()
    response = editor.post(LISTS_URL, {"file": SimpleUploadedFile("x.xlsx", data), "released_on": "2025-04-25"})
    assert response.status_code == 302 and SmelterReferenceList.objects.get().released_on == date(2025, 4, 25)


def test_a_file_that_is_no_template_is_refused_on_the_form(editor):
    response = editor.post(LISTS_URL, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert response.status_code == 400 and "ikke en Excel-arbeidsbok" in response.content.decode()
    assert not SmelterReferenceList.objects.exists()


def test_others_see_the_lists_but_cannot_load_one(follower):
    page = follower.get(LISTS_URL)
    assert page.status_code == 200 and "Be en biblioteksredaktør" in page.content.decode()
    assert 'type="file"' not in page.content.decode()
    response = follower.post(LISTS_URL, {"file": SimpleUploadedFile("CMRT6.5.xlsx", blank_template())})
    assert response.status_code == 403 and not SmelterReferenceList.objects.exists()


@pytest.mark.parametrize("lists", [1, 4])
def test_the_lists_page_query_count_does_not_grow_with_lists(editor, lists, django_assert_max_num_queries):
    for i in range(lists):
        SmelterReferenceList.objects.create(template="CMRT", version=f"6.{i}", released_on=date(2024, 1, 1 + i))
    # session, user, membership/organisation (a few), the lists with who loaded them
    with django_assert_max_num_queries(8):
        assert editor.get(LISTS_URL).status_code == 200


def test_the_command_loads_a_reference_list(tmp_path):
    path = tmp_path / "EMRT2.1.xlsx"
    reference, _rows = workbooks.smelter_set(3, metals=("Cobalt",))
    path.write_bytes(workbooks.emrt(version="2.1", smelters=[], mines=[], reference=reference))
    out = StringIO()
    call_command("load_smelter_list", str(path), "--date", "2025-05-01", stdout=out)
    assert "Lastet inn Extended Minerals Reporting Template 2.1 (2025-05-01) med 3 smelteverk." in out.getvalue()
    with pytest.raises(CommandError, match="gamle Excel-formatet"):
        bad = tmp_path / "old.xlsx"
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
        call_command("load_smelter_list", str(bad), stdout=out)


def test_a_flagged_smelter_id_and_a_note_show_on_the_imported_line(follower, product):
    smelters = [
        {"metal": "Tin", "name": "Typo Smelter", "smelter_id": "CID12", "country": "China"},
        {"metal": "Gold", "lookup": "Fjellgull Raffineri", "mine_country": "Various artisanal sources in the region"},
    ]
    _preview, confirm = upload_and_confirm(follower, product, workbooks.cmrt(smelters=smelters))
    page = follower.get(confirm["Location"]).content.decode()
    assert 'data-testid="id-check">Feil format på ID</span>' in page
    assert "Gruveland i rapporten: Various artisanal sources in the region" in page
    line = SourcingLine.objects.get(refiner_id="CID12")
    assert line.refiner_id_check == "malformed"
