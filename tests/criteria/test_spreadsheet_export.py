"""The library opens cleanly in Norwegian Excel: BOM, semicolons, labels not slugs; and as XLSX (issue 21)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CategoryFactory, criterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    category = CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr")
    return criterion(code="IKT-LEV-01", title="Reservedeler", category=category, levels=("basis", "avansert"))


def test_csv_has_a_bom_semicolons_and_labels(officer_client, library):
    response = officer_client.get(reverse("criteria:export_spreadsheet", args=["csv"]))
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff") and "\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw[1:]), delimiter=";"))
    header, first = rows[0], rows[1]
    assert header[:3] == ["Kode", "Tittel", "Kategori"]
    row = dict(zip(header, first, strict=True))
    assert row["Kode"] == "IKT-LEV-01" and row["Kategori"] == "IKT-utstyr"
    assert row["Type"] == "Kravspesifikasjon" and row["Nivå"] == "Basis" and row["Status"] == "Publisert"
    assert "ikt-utstyr" not in raw and "kravspesifikasjon" not in raw, "no slugs"
    assert response["Content-Disposition"].endswith('.csv"')


def test_xlsx_has_the_same_rows(officer_client, library):
    response = officer_client.get(reverse("criteria:export_spreadsheet", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Kode", "Tittel", "Kategori")
    assert [v[12] for v in values[1:]] == ["Basis", "Avansert"]
    assert values[1][2] == "IKT-utstyr"


def test_an_unknown_format_is_404(officer_client):
    assert officer_client.get(reverse("criteria:export_spreadsheet", args=["pdf"])).status_code == 404
