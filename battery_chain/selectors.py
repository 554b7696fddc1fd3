"""Read queries for battery chains: the reference data in a fixed number of queries, and products with their packs."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from battery_chain import risk
from battery_chain.models import (
    BatteryPack,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    ProductionShare,
    RawMaterial,
    RiskCategory,
    SourcingLine,
)


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
