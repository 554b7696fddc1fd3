"""The chain diagram of a product as server-side SVG: vehicle → pack → cell → materials → countries.

The same markup is put inline in the product page and in the PDF report (WeasyPrint draws inline
SVG itself, so nothing is fetched). Boxes are coloured by risk and always carry the level as text,
so colour is never the only signal.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from battery_chain import risk

COLUMNS = 5


@dataclass(frozen=True)
class Layout:
    """Box sizes and type sizes in SVG units; the page scales the whole drawing to its width."""

    box_w: float = 170
    box_h: float = 34
    gap_y: float = 8
    col_gap: float = 40
    title_size: float = 11
    text_size: float = 9.5
    top: float = 30

    @property
    def width(self) -> float:
        return COLUMNS * self.box_w + (COLUMNS - 1) * self.col_gap


SCREEN = Layout()
# The PDF scales the drawing down to the page (a landscape A4 page of its own): larger type in
# wider, closer boxes keeps the text near 8–9 pt on paper instead of about 4 pt.
PRINT = Layout(box_w=215, box_h=44, gap_y=6, col_gap=18, title_size=14.5, text_size=12.5, top=34)
# (upper bound, fill, stroke, label); dark text on light fills keeps the contrast above 4.5:1.
BANDS = [
    (35, "#e3f1e4", "#2e7d32", "lav"),
    (60, "#fff1dc", "#b35c00", "middels"),
    (1000, "#fde3e3", "#b71c1c", "hoy"),
]
NEUTRAL = ("#eef1f5", "#5a6470")
MAX_COUNTRIES = 3


def band(value: float | None) -> tuple[str, str, str]:
    if value is None:
        return (*NEUTRAL, "")
    for upper, fill, stroke, label in BANDS:
        if value < upper:
            return fill, stroke, label
    return BANDS[-1][1:]


def level_text(label: str) -> str:
    return {"lav": _("lav"), "middels": _("middels"), "hoy": _("høy")}.get(label, "")


MAX_LABEL = 26


def country_name(code: str) -> str:
    if code == risk.REST_OF_WORLD:
        return _("Resten av verden")
    short = {"CD": _("DR Kongo"), "KP": _("Nord-Korea")}  # the official names do not fit a box
    return str(short.get(code) or countries.name(code) or code)


def _fit(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _box(x, y, text, sub="", value=None, layout: Layout = SCREEN):
    fill, stroke, label = band(value)
    h = layout.box_h
    out = [f'<rect x="{x}" y="{y}" width="{layout.box_w}" height="{h}" rx="5" fill="{fill}" stroke="{stroke}"/>']
    line1_y = y + (layout.title_size + 3 if sub else h / 2 + layout.title_size / 3)
    out.append(
        f'<text x="{x + 8}" y="{line1_y}" font-size="{layout.title_size}" font-weight="bold" fill="#1d1d1d">'
        f"{escape(text)}</text>"
    )
    if sub or label:
        extra = " · ".join(s for s in (sub, level_text(label) and _("risiko %s") % level_text(label)) if s)
        out.append(
            f'<text x="{x + 8}" y="{y + h - layout.text_size * 0.7}" font-size="{layout.text_size}" '
            f'fill="#1d1d1d">{escape(extra)}</text>'
        )
    return "".join(out)


def _edge(x1, y1, x2, y2):
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#7a8591" stroke-width="1"/>'


def _countries(material_row: risk.MaterialScore, ref: risk.Reference) -> list[tuple[str, str, float]]:
    """(name, how it is known, country risk) for the material's biggest origins."""
    points = sorted(material_row.countries.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COUNTRIES]
    rows = []
    for code, _points in points:
        known = _("oppgitt") if code in material_row.disclosed else _("verdensproduksjon")
        rows.append((country_name(code), known, ref.risk_of(code) if code else risk.DEFAULT_COUNTRY_RISK))
    return rows


def chain_svg(
    product, packs, score: risk.ProductScore, ref: risk.Reference, material_names: dict, layout: Layout = SCREEN
) -> str:
    """SVG markup (safe to embed) of the product's chain."""
    lo = layout
    box_w, box_h, gap_y, top, width = lo.box_w, lo.box_h, lo.gap_y, lo.top, lo.width
    materials = [m for m in score.materials if m.kg > 0 or m.depth != risk.DEPTH_INGEN]
    blocks = [(m, _countries(m, ref) or [(_("Ukjent"), "", None)]) for m in materials]
    heights = [max(len(c), 1) * (box_h + gap_y) for _m, c in blocks]
    height = top + max(sum(heights), len(packs) * 2 * (box_h + gap_y), box_h + gap_y) + 10
    col = [i * (box_w + lo.col_gap) for i in range(COLUMNS)]
    title = _("Verdikjeden for %(product)s") % {"product": product.name}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chain-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif">',
        f'<title id="chain-title">{escape(title)}</title>',
    ]
    for i, heading in enumerate([_("Kjøretøy"), _("Batteripakke"), _("Celle"), _("Råvare"), _("Land")]):
        out.append(
            f'<text x="{col[i]}" y="{lo.title_size + 5}" font-size="{lo.title_size}" fill="#1d1d1d">{escape(heading)}</text>'
        )
    mid = top + (height - top) / 2 - box_h / 2
    out.append(_box(col[0], mid, product.name, product.get_kind_display(), score.score, layout=lo))
    pack_ys = []
    for i, pack in enumerate(packs):
        y = top + i * 2 * (box_h + gap_y)
        pack_ys.append(y)
        chemistry = pack.chemistry.code if pack.chemistry_id else _("ukjent kjemi")
        out.append(_edge(col[0] + box_w, mid + box_h / 2, col[1], y + box_h / 2))
        out.append(_box(col[1], y, f"{number_format(pack.capacity_kwh, 1)} kWh", chemistry, layout=lo))
        cell = pack.cell_maker or _("Ukjent celleprodusent")
        out.append(_edge(col[1] + box_w, y + box_h / 2, col[2], y + box_h / 2))
        out.append(_box(col[2], y, cell, pack.get_cell_format_display() if pack.cell_format else "", layout=lo))
    y = top
    for (material, origins), block_h in zip(blocks, heights, strict=True):
        name = str(material_names.get(material.material, material.material))
        depth = {
            risk.DEPTH_GRUVE: _("gruve"),
            risk.DEPTH_RAFFINERI: _("raffineri"),
            risk.DEPTH_CELLE: _("celle"),
            risk.DEPTH_INGEN: _("ikke oppgitt"),
        }[material.depth]
        my = y + (block_h - gap_y) / 2 - box_h / 2
        for py in pack_ys:
            out.append(_edge(col[2] + box_w, py + box_h / 2, col[3], my + box_h / 2))
        out.append(_box(col[3], my, name, _("åpenhet: %s") % depth, material.score if material.kg else None, layout=lo))
        for j, (country, known, country_risk) in enumerate(origins):
            cy = y + j * (box_h + gap_y)
            out.append(_edge(col[3] + box_w, my + box_h / 2, col[4], cy + box_h / 2))
            out.append(_box(col[4], cy, country, known, country_risk, layout=lo))
        y += block_h
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above went through escape()
