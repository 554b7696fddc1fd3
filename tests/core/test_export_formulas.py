"""CSV and XLSX exports never hand a spreadsheet a formula (CSV injection), and the library CSV round-trips."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.roles import Role
from core.spreadsheet import restore_cell, safe_cell
from criteria import library_io
from criteria.models import Criterion
from reporting.models import EnteredValue
from tests.conftest import client_for
from tests.factories import criterion, member

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://example.invalid","Klikk")', "+1+1", "-2+3", "@SUM(A1)"]


def _formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("text", [*HOSTILE, "\t=1", "vanlig tekst", "", None, 5, Decimal("-1.5")])
def test_safe_cell_neutralises_formulas_and_restore_cell_gives_the_text_back(text):
    cell = safe_cell(text)
    assert not _formula_like(cell) or not isinstance(text, str)
    assert restore_cell(cell) == text


def test_kpi_csv_and_xlsx_carry_hostile_text_as_text(org, users):
    year = 2025
    for n, text in enumerate(HOSTILE):
        EnteredValue.objects.create(
            organization=org, indicator="flyreiser", detail=text, year=year, value=n, unit=text[:30], source=text
        )
    client = client_for(users[Role.ORG_ADMIN])
    query = {"fra": year - 1, "til": year}
    text = client.get(reverse("reporting:export", args=["csv"]), query).content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert any("HYPERLINK" in c for c in cells), "the hostile text is exported"
    assert [c for c in cells if _formula_like(c)] == []

    book = load_workbook(io.BytesIO(client.get(reverse("reporting:export", args=["xlsx"]), query).content))
    sheet_cells = [cell for row in book.active.iter_rows() for cell in row]
    assert [c.value for c in sheet_cells if c.data_type == "f"] == []
    assert [c.value for c in sheet_cells if _formula_like(c.value)] == []


def test_library_csv_neutralises_formulas_and_imports_back_unchanged(org):
    criterion(code="TEST-FORMEL", title='=HYPERLINK("http://example.invalid")', text="- Punkt med strek")
    editor = client_for(member(org, Role.LIBRARY_EDITOR))
    text = editor.get(reverse("criteria:export_csv")).content.decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert [c for c in cells if _formula_like(c)] == []
    assert '\'=HYPERLINK("http://example.invalid")' in cells

    Criterion.objects.filter(code="TEST-FORMEL").delete()
    library_io.import_bytes(text.encode(), filename="bibliotek.csv")
    imported = Criterion.objects.get(code="TEST-FORMEL")
    assert imported.title == '=HYPERLINK("http://example.invalid")'
    assert imported.current_revision.variants.get().text.startswith("- Punkt med strek")
