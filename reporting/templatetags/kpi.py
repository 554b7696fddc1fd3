"""Small server-side SVG bar charts for the dashboard and the PDF (no JavaScript, same picture in both)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join

from core.formatting import format_number

register = template.Library()

WIDTH, HEIGHT, TOP = 220, 90, 14


@register.simple_tag
def bar_chart(years, results, unit, title=""):
    values = [r.value for r in results]
    known = [v for v in values if v is not None]
    top = max([Decimal(100)] if unit == "%" else known or [Decimal(1)]) or Decimal(1)
    step = WIDTH / max(len(years), 1)
    bars = []
    for i, (year, value) in enumerate(zip(years, values, strict=True)):
        x = i * step + step * 0.15
        if value is not None:
            h = float(value / top) * (HEIGHT - TOP - 16)
            y = HEIGHT - 16 - h
            bars.append(
                (
                    f"{x:.1f}",
                    f"{y:.1f}",
                    f"{step * 0.7:.1f}",
                    f"{h:.1f}",
                    f"{x + step * 0.35:.1f}",
                    f"{y - 3:.1f}",
                    number(value),
                )
            )
        bars.append((None, None, None, None, f"{x + step * 0.35:.1f}", str(HEIGHT - 4), str(year)))
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#1b6b3a"/><text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>',
        [b for b in bars if b[0] is not None],
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#555">{}</text>',
        [(b[4], b[5], b[6]) for b in bars if b[0] is None],
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">{}{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        rects,
        labels,
    )


@register.filter
def number(value):
    """A KPI value: one decimal at most, in the page's language (core.formatting); a dash for nothing to measure."""
    return format_number(value, 1)
