"""The dashboard's indicator table, formatted and linked once in Python.

The template used to decide every cell itself: six {% if %}, a {% url %}, a
{% translate %} and a number filter per cell, 130 cells a page, about two thirds
of the dashboard's time (issue 22). Here each cell's text, drill-down link and
sample note are worked out once; `_table.html` only writes them out.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.formatting import format_number
from reporting.report import Report, Row

WIDTH, HEIGHT, TOP = 220, 90, 14


@dataclass(frozen=True)
class Cell:
    text: str  # the number as the page shows it, "12,5 %"; a dash for nothing to measure
    href: str  # the drill-down, "" when the number has none
    ratio: str  # "3/10" under a share with cases behind it, else ""
    small_sample: bool


@dataclass(frozen=True)
class TableRow:
    row: Row
    cells: list[Cell]
    change: str  # "+1,5", "-2", or "" when there is no year before to compare with
    chart: SafeString


@dataclass(frozen=True)
class TableGroup:
    title: str
    rows: list[TableRow]


def number(value) -> str:
    """A KPI value: one decimal at most, in the page's language; a dash for nothing to measure."""
    return format_number(value, 1)


def table(report: Report, *, links: bool, query: str = "") -> list[TableGroup]:
    suffix = f"?{query}" if query else ""
    return [
        TableGroup(group.title, [_row(row, report.years, links=links, suffix=suffix) for row in group.rows])
        for group in report.groups
    ]


def _row(row: Row, years: list[int], *, links: bool, suffix: str) -> TableRow:
    share = row.unit == "%"
    # One reverse a row: the year is the path's last segment, so year 0 gives the prefix of every year's link.
    prefix = reverse("reporting:drill_down", args=[row.key, 0])[:-2] if links and row.drill_down else ""
    texts, cells = [], []
    for year, r in zip(years, row.results, strict=True):
        text = number(r.value)
        texts.append(text)
        cells.append(
            Cell(
                text=f"{text} %" if share and r.value is not None else text,
                href=f"{prefix}{year}/{suffix}" if prefix and r.value is not None else "",
                ratio=f"{r.numerator}/{r.denominator}" if share and r.denominator else "",
                small_sample=share and r.small_sample,
            )
        )
    change = row.change
    shown_change = "" if change is None else ("+" if change > 0 else "") + number(change)
    return TableRow(row, cells, shown_change, bar_chart(years, row.results, row.unit, row.title, texts))


def bar_chart(years, results, unit, title="", labels=None) -> SafeString:
    """A small SVG bar chart (no JavaScript); `labels` are the values as already formatted.

    Written with f-strings: format_html_join escaped every coordinate of every bar, a
    tenth of the page's time; the coordinates are our own numbers, the labels and the
    title are escaped here.
    """
    values = [r.value for r in results]
    if labels is None:
        labels = [number(v) for v in values]
    known = [v for v in values if v is not None]
    top = max([Decimal(100)] if unit == "%" else known or [Decimal(1)]) or Decimal(1)
    step = WIDTH / max(len(years), 1)
    rects, names = [], []
    for i, (year, value, label) in enumerate(zip(years, values, labels, strict=True)):
        x = i * step + step * 0.15
        middle = x + step * 0.35
        if value is not None:
            h = float(value / top) * (HEIGHT - TOP - 16)
            y = HEIGHT - 16 - h
            rects.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="#1b6b3a"/>'
                f'<text x="{middle:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10">{escape(label)}</text>'
            )
        names.append(
            f'<text x="{middle:.1f}" y="{HEIGHT - 4}" text-anchor="middle" font-size="10" fill="#555">{year}</text>'
        )
    return mark_safe(  # noqa: S308 (numbers we computed; the label and title are escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">{"".join(rects)}{"".join(names)}</svg>'
    )
