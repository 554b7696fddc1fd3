"""The library for people with a spreadsheet: labels instead of slugs, opening cleanly in Norwegian Excel.

The CSV has a BOM (Excel then reads UTF-8), semicolons and CRLF, as the KPI CSV (reporting/exports.py);
the XLSX has the same rows. Both are for reading; the importable CSV is library_io.export_csv.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheet import safe_cell
from criteria import library_io
from criteria.models import VARIANT_TEXT_FIELDS, Criterion, Kind, Level, Variant


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def _yes(value: bool) -> str:
    return _("Ja") if value else _("Nei")


def header() -> list[str]:
    variant = [str(Variant._meta.get_field(name).verbose_name).capitalize() for name in VARIANT_TEXT_FIELDS]
    return [
        _("Kode"),
        _("Tittel"),
        _("Kategori"),
        _("Gruppe"),
        _("Tema"),
        _("Type"),
        _("Formål"),
        _("Klima og miljø"),
        _("Sosialt"),
        _("Status"),
        _("Revisjon"),
        _("Publisert"),
        _("Nivå"),
        *variant,
        _("Lovkrav"),
    ]


def rows(*, organization=None, published_only: bool = False) -> list[list]:
    """One row per level of each criterion's current revision, every code shown by its name."""
    data = library_io.library_dict(organization=organization, published_only=published_only)
    categories = {c["slug"]: c["name"] for c in data["categories"]}
    groups = {g["slug"]: g["name"] for c in data["categories"] for g in c["groups"]}
    themes = {t["slug"]: t["name"] for t in data["themes"]}
    out = []
    for cr in data["criteria"]:
        current = cr["revisions"][-1]
        for v in current["variants"]:
            out.append(
                [
                    cr["code"],
                    current["title"],
                    categories.get(cr["category"], cr["category"]),
                    groups.get(cr["group"], cr["group"] or ""),
                    themes.get(cr["theme"], cr["theme"]),
                    _label(Kind.choices, cr["kind"]),
                    cr["purpose"],
                    _yes(cr["environmental"]),
                    _yes(cr["social"]),
                    _label(Criterion.Status.choices, cr["status"]),
                    current["number"],
                    current["published_at"] or "",
                    _label(Level.choices, v["level"]),
                    *(v[name] for name in VARIANT_TEXT_FIELDS),
                    _yes(v["legal_requirement"]),
                ]
            )
    return out


def to_csv(**kwargs) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header()])
    for line in rows(**kwargs):
        writer.writerow([safe_cell(v) for v in line])
    return "\ufeff" + out.getvalue()  # the BOM tells Excel the file is UTF-8


def to_xlsx(**kwargs) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kriterier")[:31]
    sheet.append([safe_cell(h) for h in header()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in rows(**kwargs):
        sheet.append([safe_cell(v) for v in line])
    sheet.freeze_panes = "A2"
    for column, width in (("B", 40), ("N", 80)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
