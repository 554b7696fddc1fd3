"""The KPI table as CSV (semicolon and decimal comma, as Norwegian Excel reads it) and as XLSX."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheet import safe_cell
from reporting.report import Report


def _header(report: Report) -> list[str]:
    return [_("Gruppe"), _("Indikator"), _("Enhet"), *map(str, report.years), _("Endring siste år"), _("Definisjon")]


def _lines(report: Report):
    for group in report.groups:
        for row in group.rows:
            yield [group.title, row.title, row.unit, *[r.value for r in row.results], row.change, row.definition]
    for row in report.entered:
        yield [
            _("Registrerte indikatorer"),
            row.title,
            row.unit,
            *[r.value for r in row.results],
            row.change,
            row.definition,
        ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return safe_cell(str(value))


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in _header(report)])
    for line in _lines(report):
        writer.writerow([_csv_cell(v) for v in line])
    return "\ufeff" + out.getvalue()  # the BOM tells Excel the file is UTF-8


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indikatorer")[:31]
    sheet.append([safe_cell(h) for h in _header(report)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in _lines(report):
        sheet.append([float(v) if isinstance(v, Decimal) else safe_cell(v) for v in line])
    sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
