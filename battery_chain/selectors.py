"""Read queries for battery chains: the reference data in a fixed number of queries, and products with their packs."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from battery_chain import risk
from battery_chain.diagram import SCREEN, Layout, chain_svg, country_name
from battery_chain.models import (
    BatteryPack,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    Product,
    ProductionShare,
    RawMaterial,
    RiskCategory,
    SourcingLine,
)
from core.access import scoped


@dataclass(frozen=True)
class ReferenceData:
    """Everything the score needs from the reference tables (five queries, whatever the size of a list)."""

    ref: risk.Reference
    contents: dict[int, dict[str, float]]  # chemistry id -> material slug -> kg per kWh
    materials: dict[str, RawMaterial]
    categories: dict[str, RiskCategory]


def latest_shares() -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Each material's production shares of its latest year with figures, and that year."""
    rows = ProductionShare.objects.values_list("material__slug", "country", "year", "share_percent")
    years: dict[str, int] = {}
    for slug, _country, year, _share in rows:
        years[slug] = max(years.get(slug, 0), year)
    shares: dict[str, dict[str, float]] = defaultdict(dict)
    for slug, country, year, share in rows:
        if year == years[slug]:
            shares[slug][country] = float(share)
    return dict(shares), years


def reference_data() -> ReferenceData:
    levels: dict[str, dict[str, str]] = defaultdict(dict)
    for material, category, level in MaterialRisk.objects.values_list("material__slug", "category__slug", "level"):
        levels[material][category] = level
    contents: dict[int, dict[str, float]] = defaultdict(dict)
    for chemistry_id, material, kg in ChemistryContent.objects.values_list(
        "chemistry_id", "material__slug", "kg_per_kwh"
    ):
        contents[chemistry_id][material] = float(kg)
    shares, years = latest_shares()
    return ReferenceData(
        ref=risk.Reference(
            country_risk={str(c): s for c, s in CountryRisk.objects.values_list("country", "score")},
            shares=shares,
            levels=dict(levels),
            share_years=years,
        ),
        contents=dict(contents),
        materials={m.slug: m for m in RawMaterial.objects.all()},
        categories={c.slug: c for c in RiskCategory.objects.all()},
    )


def packs_prefetch(*, with_requirements: bool = False) -> Prefetch:
    lines = SourcingLine.objects.select_related("material").order_by("material__position", "pk")
    related = [Prefetch("sourcing_lines", queryset=lines)]
    if with_requirements:
        related.append("circularity_requirements")
    return Prefetch("packs", queryset=BatteryPack.objects.select_related("chemistry").prefetch_related(*related))


def pack_data(pack: BatteryPack, data: ReferenceData) -> risk.Pack:
    return risk.Pack(
        kwh=float(pack.capacity_kwh or 0),
        contents=data.contents.get(pack.chemistry_id, {}) if pack.chemistry_id else {},
        cell_maker=pack.cell_maker,
        lines=tuple(
            risk.Line(
                material=line.material.slug,
                mine_country=str(line.mine_country or ""),
                refiner_country=str(line.refiner_country or ""),
                share=float(line.share_percent) if line.share_percent is not None else None,
            )
            for line in pack.sourcing_lines.all()
        ),
    )


def score_of(product, data: ReferenceData) -> risk.ProductScore:
    """The product's scores; its packs and lines must be prefetched (packs_prefetch)."""
    return risk.score_product([pack_data(pack, data) for pack in product.packs.all()], data.ref)


# ------------------------------------------------------------ page context


def product_list(request, *, q: str = "", kind: str = "") -> QuerySet:
    """The organisation's products for the start page, with what their scores need prefetched."""
    qs = scoped(request, Product).select_related("supplier", "contract").prefetch_related(packs_prefetch())
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(maker__icontains=q) | Q(packs__cell_maker__icontains=q)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name", "pk")


def product_choices(request) -> list[Product]:
    return list(scoped(request, Product).order_by("name", "pk"))


def chosen_ids(values: list[str]) -> list[int]:
    """The product ids picked for comparison, in the order given, without repeats or junk."""
    chosen: list[int] = []
    for value in values:
        if value.isdigit() and int(value) not in chosen:
            chosen.append(int(value))
    return chosen


@dataclass
class Comparison:
    columns: list = field(default_factory=list)  # (product, score) per chosen product
    materials: list = field(default_factory=list)  # (material, [per-product material score or None])
    error: str = ""


def comparison(request, ids: list[int], *, maximum: int) -> Comparison:
    """2 to ``maximum`` of the organisation's products side by side, per material."""
    if not ids:
        return Comparison()
    if not 2 <= len(ids) <= maximum:
        return Comparison(error=_("Velg mellom 2 og %(max)s produkter.") % {"max": maximum})
    chosen = scoped(request, Product).filter(pk__in=ids).prefetch_related(packs_prefetch()).order_by("name", "pk")
    data = reference_data()
    columns = [(p, score_of(p, data)) for p in chosen]
    if len(columns) != len(ids):
        return Comparison(error=_("Et av de valgte produktene finnes ikke i organisasjonen."))
    present = {m.material for _p, s in columns for m in s.materials}
    by_product = [{m.material: m for m in s.materials} for _p, s in columns]
    materials = [(m, [row.get(m.slug) for row in by_product]) for m in RawMaterial.objects.all() if m.slug in present]
    return Comparison(columns=columns, materials=materials)


def breakdown(score: risk.ProductScore, data: ReferenceData) -> dict:
    """The score's drivers with names, for the product page and the report."""
    names = {slug: str(m) for slug, m in data.materials.items()}
    return {
        "materials": [(m, names.get(m.material, m.material)) for m in score.materials],
        "countries": [(country_name(code), points) for code, points in score.drivers("countries")],
        "categories": [
            (str(data.categories[slug]) if slug in data.categories else _("Ukjent kategori"), points)
            for slug, points in score.drivers("categories")
        ],
    }


def chain_context(product, *, layout: Layout = SCREEN) -> dict:
    """The chain page's (and the report's) data; the report draws the diagram in the print layout."""
    data = reference_data()
    packs = list(product.packs.all())
    score = score_of(product, data)
    names = {slug: str(m) for slug, m in data.materials.items()}
    return {
        "product": product,
        "packs": packs,
        "score": score,
        "breakdown": breakdown(score, data),
        "diagram": chain_svg(product, packs, score, data.ref, names, layout=layout),
    }


def country_risks(q: str = "") -> list[CountryRisk]:
    """Country risks, highest first; ``q`` matches the country's name (in the active language) or its code.

    Filtered in Python because the name is the translated django-countries name, not a column.
    """
    rows = list(CountryRisk.objects.all())
    if q:
        rows = [r for r in rows if q.lower() in r.country.name.lower() or q.upper() == r.country.code]
    rows.sort(key=lambda r: (-r.score, r.country.name))
    return rows
