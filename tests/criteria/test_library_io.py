"""Import/export: round trip, all-or-nothing, clear messages for bad files."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from criteria import library_io
from criteria.demo import FIRST_LIBRARY
from criteria.models import Category, Criterion, CriterionRevision, LibraryImport, Theme
from tests.conftest import client_for
from tests.factories import criterion


def _wipe_library():
    CriterionRevision.objects.all().delete()
    Criterion.objects.all().delete()
    Category.objects.all().delete()
    Theme.objects.all().delete()


def test_json_export_import_export_is_byte_identical(first_library, tmp_path):
    c = Criterion.objects.get(code="IKT-LEV-01")
    # A second revision, so that history round-trips too.
    from criteria import services

    basis = c.current_revision.variant("basis")
    services.update_criterion(
        criterion=c,
        data=services.CriterionData(
            code=c.code,
            title=c.title,
            category=c.category,
            group=c.group,
            theme=c.theme,
            kind=c.kind,
            variants=[
                services.VariantData(level="basis", text=basis.text + " Endret.", documentation=basis.documentation)
            ],
        ),
        user=None,
        change_note="Presisering.",
    )
    first = tmp_path / "first.json"
    call_command("export_library", "--format", "json", "-o", str(first))
    _wipe_library()
    call_command("import_library", str(first))
    second = tmp_path / "second.json"
    call_command("export_library", "--format", "json", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def _fifty_rows_one_bad() -> dict:
    data = json.loads(FIRST_LIBRARY.read_text(encoding="utf-8"))
    data["criteria"] = data["criteria"][:50]
    data["criteria"][36]["revisions"][0]["variants"][0]["text"] = "   "
    return data


def test_one_bad_row_among_50_writes_nothing_and_names_the_row(db):
    data = _fifty_rows_one_bad()
    code = data["criteria"][36]["code"]
    with pytest.raises(library_io.LibraryImportError) as exc:
        library_io.import_data(data)
    assert Criterion.objects.count() == 0 and Theme.objects.count() == 0
    [problem] = exc.value.problems
    assert "nr. 37" in problem.where and code in problem.where
    assert problem.field.endswith(".text")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ikke json", "Ugyldig JSON på linje 1"),
        (b'{"format": "x"}', "ikke en eksport"),
        ("æøå".encode("latin-1"), "ikke UTF-8"),
    ],
)
def test_bad_files_get_clear_messages(db, content, message):
    with pytest.raises(library_io.LibraryImportError) as exc:
        library_io.import_bytes(content, filename="bibliotek.json")
    assert message in str(exc.value)


def test_unknown_category_duplicate_code_and_missing_text_are_each_reported(db):
    data = json.loads(FIRST_LIBRARY.read_text(encoding="utf-8"))
    data["criteria"] = data["criteria"][:3]
    data["criteria"][0]["category"] = "finnes-ikke"
    data["criteria"][2]["code"] = data["criteria"][1]["code"]
    data["criteria"][1]["revisions"][0]["variants"][0]["documentation"] = ""
    with pytest.raises(library_io.LibraryImportError) as exc:
        library_io.import_data(data)
    fields = {p.field.split(".")[-1] for p in exc.value.problems}
    assert {"category", "code", "documentation"} <= fields
    assert Criterion.objects.count() == 0


def test_changed_text_under_an_existing_revision_number_is_refused(first_library):
    data = json.loads(library_io.export_json())
    data["criteria"][0]["revisions"][0]["variants"][0]["text"] += " Endret i smug."
    with pytest.raises(library_io.LibraryImportError) as exc:
        library_io.import_data(data)
    assert "endres aldri" in str(exc.value)


def test_csv_export_and_import_of_a_new_revision(first_library):
    text = library_io.export_csv()
    lines = text.splitlines()
    assert lines[0].startswith("code,title,category")
    # Bump IKT-LEV-01 to revision 2 with a changed text: the import adds the revision.
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    target = [r for r in rows if r["code"] == "IKT-LEV-01"]
    for r in target:
        r["revision"] = "2"
        r["text"] += " Gjelder også batterier."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=rows[0].keys(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(target)
    result = library_io.import_bytes(out.getvalue().encode(), filename="endring.csv")
    assert result.revisions_added == 1
    assert Criterion.objects.get(code="IKT-LEV-01").current_revision.number == 2


def test_editor_imports_through_the_ui_and_sees_the_errors(national_editors):
    editor = client_for(national_editors[0])
    data = _fifty_rows_one_bad()
    upload = SimpleUploadedFile("bibliotek.json", json.dumps(data).encode(), content_type="application/json")
    response = editor.post(reverse("criteria:import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and "nr. 37" in body and "Ingenting er importert" in body
    assert Criterion.objects.count() == 0

    data["criteria"][36]["revisions"][0]["variants"][0]["text"] = "Rettet tekst."
    upload = SimpleUploadedFile("bibliotek.json", json.dumps(data).encode(), content_type="application/json")
    assert editor.post(reverse("criteria:import"), {"file": upload}).status_code == 302
    # The national library imports through four eyes: a second editor approves the file.
    assert Criterion.objects.count() == 0
    batch = LibraryImport.objects.get()
    client_for(national_editors[1]).post(reverse("criteria:library_import_approve", args=[batch.pk]))
    assert Criterion.objects.count() == 50


def test_upload_with_a_wrong_extension_is_refused(national_editors):
    editor = client_for(national_editors[0])
    upload = SimpleUploadedFile("bibliotek.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    response = editor.post(reverse("criteria:import"), {"file": upload})
    assert "Bare .json- og .csv-filer" in response.content.decode()


def test_export_downloads_with_a_filename(db, officer_client):
    criterion()
    response = officer_client.get(reverse("criteria:export_json"))
    assert response["Content-Disposition"].startswith('attachment; filename="kriteriebibliotek-')
    assert json.loads(response.content)["format"] == library_io.FORMAT
