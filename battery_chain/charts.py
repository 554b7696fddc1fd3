"""Horizontal SVG bar charts of production shares, drawn on the server (no JavaScript, no CDN)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from battery_chain.diagram import band, country_name

LABEL_W, BAR_W, ROW_H, PAD = 150, 300, 24, 6


def share_bars(title: str, rows: list[tuple[str, float, float | None]]) -> str:
    """rows: (country code or '' for the rest of the world, percent, country risk or None)."""
    height = PAD * 2 + ROW_H * len(rows)
    width = LABEL_W + BAR_W + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="sans-serif"><title>{escape(title)}</title>'
    ]
    for i, (code, percent, country_risk) in enumerate(rows):
        y = PAD + i * ROW_H
        fill, stroke, _label = band(country_risk)
        length = BAR_W * percent / 100
        out.append(
            f'<text x="{LABEL_W - 6}" y="{y + 16}" font-size="12" text-anchor="end" fill="#1d1d1d">'
            f"{escape(country_name(code))}</text>"
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{length:.1f}" height="{ROW_H - 6}" fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{LABEL_W + length + 6:.1f}" y="{y + 16}" font-size="12" fill="#1d1d1d">'
            f"{escape(_('%(p)s %%') % {'p': f'{percent:g}'.replace('.', ',')})}</text>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - texts escaped above
