"""The battery-chain risk score and transparency score: pure functions over plain data (no database).

Risk score of a product, 0–100 (the help page explains the same in Norwegian):

1. Quantity. For each pack and material: kg = kg per kWh of the pack's chemistry × the pack's kWh.
   A pack without a chemistry has no known quantities and adds nothing. A material's weight in the
   product is its kg divided by the product's total kg of all materials.
2. Origin risk of a material in a pack, on a 0–120 scale (country risk 0–100 plus a penalty for not knowing):
   - each sourcing line with a country counts with that country's risk (the mine country, or the
     refiner's country when the mine is not named). A mine country carries no penalty; a refiner
     country only carries REFINER_PENALTY, since the mine may still be anywhere;
   - lines are weighted by their share (%); lines without a share split what the others leave
     evenly; when every line has a share and they sum to less than 100 %, the rest is undisclosed;
   - the undisclosed part (all of it when nothing is disclosed) counts with the global production
     mix of the material's latest year with figures (Σ share × country risk, the unlisted rest of
     the world at DEFAULT_COUNTRY_RISK) plus UNKNOWN_PENALTY;
   - a country without a country-risk row also counts as DEFAULT_COUNTRY_RISK.
3. Category factor of a material, 0–1: the mean of its category levels, høy = 100, middels = 60,
   lav = 20, divided by 100. A material without any level counts as middels (0.6).
4. Material score = origin risk × category factor × 100 / MAX_ORIGIN, so 0–100; it is 100 only
   when every category is høy, nothing is disclosed and the whole world mix scores 100.
5. Product score = the kg-weighted mean of the material scores (of all its packs), so 0–100.

Because the penalty is added only where the origin is not known, a product that discloses mine
countries no riskier than the global mix always scores strictly lower than the same product with
nothing disclosed (for any material with a positive quantity and a category level above zero).

Transparency score, 0–100: the kg-weighted mean of the disclosure depth points of each pack and
material (gruve 100, raffineri 60, celle 20, ingen 0; see `depth`).

The score decomposes additively, so the breakdown names exactly how many points each material,
each country and each category contributes.
"""

from collections import defaultdict
from dataclasses import dataclass, field

LEVEL_POINTS = {"hoy": 100, "middels": 60, "lav": 20}
DEFAULT_LEVEL_POINTS = LEVEL_POINTS["middels"]
DEFAULT_COUNTRY_RISK = 50  # the unlisted rest of the world, and countries without a curated score
REFINER_PENALTY = 10  # a refiner's country is known, the mine is not
UNKNOWN_PENALTY = 20  # nothing is known: the global mix plus this
MAX_ORIGIN = 100 + UNKNOWN_PENALTY

DEPTH_GRUVE, DEPTH_RAFFINERI, DEPTH_CELLE, DEPTH_INGEN = "gruve", "raffineri", "celle", "ingen"
DEPTH_POINTS = {DEPTH_GRUVE: 100, DEPTH_RAFFINERI: 60, DEPTH_CELLE: 20, DEPTH_INGEN: 0}
DEPTH_ORDER = [DEPTH_INGEN, DEPTH_CELLE, DEPTH_RAFFINERI, DEPTH_GRUVE]
REST_OF_WORLD = ""  # country code used in breakdowns for the unlisted rest of the world


@dataclass(frozen=True)
class Line:
    material: str
    mine_country: str = ""
    refiner_country: str = ""
    share: float | None = None


@dataclass(frozen=True)
class Pack:
    kwh: float
    contents: dict[str, float]  # material slug -> kg per kWh of cells
    cell_maker: str = ""
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Reference:
    country_risk: dict[str, int]
    shares: dict[str, dict[str, float]]  # material slug -> country -> percent, latest year only
    levels: dict[str, dict[str, str]]  # material slug -> category slug -> level
    share_years: dict[str, int] = field(default_factory=dict)

    def risk_of(self, country: str) -> int:
        return self.country_risk.get(country, DEFAULT_COUNTRY_RISK)


@dataclass(frozen=True)
class OriginPart:
    country: str  # REST_OF_WORLD for the unlisted remainder
    weight: float  # 0–1 of the material's origin
    risk: float  # country risk 0–100
    penalty: float
    disclosed: bool

    @property
    def points(self) -> float:
        return self.risk + self.penalty


@dataclass
class MaterialScore:
    material: str
    kg: float = 0.0
    weight: float = 0.0  # share of the product's kg
    score: float = 0.0  # 0–100
    contribution: float = 0.0  # points of the product score
    factor: float = 0.0
    origin: float = 0.0  # kg-weighted origin risk 0–120
    depth: str = DEPTH_INGEN  # the weakest depth over the packs that contain the material
    countries: dict[str, float] = field(default_factory=dict)  # country -> points of the product score
    categories: dict[str, float] = field(default_factory=dict)  # category -> points of the product score
    disclosed: set[str] = field(default_factory=set)  # countries named by the supplier


@dataclass
class ProductScore:
    score: float | None
    transparency: float | None
    materials: list[MaterialScore]

    def drivers(self, kind: str, top: int = 5) -> list[tuple[str, float]]:
        """The countries or categories that add the most points, largest first."""
        totals: dict[str, float] = defaultdict(float)
        for m in self.materials:
            for key, points in getattr(m, kind).items():
                totals[key] += points
        return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def category_factor(levels: dict[str, str]) -> float:
    if not levels:
        return DEFAULT_LEVEL_POINTS / 100
    return sum(LEVEL_POINTS[level] for level in levels.values()) / len(levels) / 100


def mix_parts(material: str, ref: Reference, weight: float = 1.0, penalty: float = UNKNOWN_PENALTY):
    """The global production mix as origin parts; the unlisted rest of the world is its own part."""
    shares = ref.shares.get(material, {})
    listed = min(sum(shares.values()), 100.0)
    parts = [
        OriginPart(country, weight * share / 100, ref.risk_of(country), penalty, disclosed=False)
        for country, share in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if listed < 100:
        parts.append(OriginPart(REST_OF_WORLD, weight * (100 - listed) / 100, DEFAULT_COUNTRY_RISK, penalty, False))
    return parts


def mix_risk(material: str, ref: Reference) -> float:
    """Country risk of the global production mix, 0–100 (no penalty)."""
    return sum(p.weight * p.risk for p in mix_parts(material, ref, penalty=0))


def origin_parts(material: str, lines: list[Line], ref: Reference) -> list[OriginPart]:
    """Where the material of one pack comes from, as weighted parts (weights sum to 1)."""
    located = [line for line in lines if line.mine_country or line.refiner_country]
    if not located:
        return mix_parts(material, ref)
    given = sum(line.share for line in located if line.share is not None)
    unshared = [line for line in located if line.share is None]
    rest = max(100.0 - given, 0.0)
    parts = []
    for line in located:
        # Shares that add up to more than 100 % are read as relative weights.
        weight = line.share / max(given, 100.0) if line.share is not None else rest / 100 / len(unshared)
        country = line.mine_country or line.refiner_country
        penalty = 0 if line.mine_country else REFINER_PENALTY
        parts.append(OriginPart(country, weight, ref.risk_of(country), penalty, disclosed=True))
    if not unshared and rest > 0:
        parts.extend(mix_parts(material, ref, weight=rest / 100))
    return parts


def depth(lines: list[Line], cell_maker: str) -> str:
    """Disclosure depth of one material in one pack.

    gruve if a line names a mine country; else raffineri if a line names a refiner's country;
    else celle if the pack names its cell maker; else ingen.
    """
    if any(line.mine_country for line in lines):
        return DEPTH_GRUVE
    if any(line.refiner_country for line in lines):
        return DEPTH_RAFFINERI
    if cell_maker.strip():
        return DEPTH_CELLE
    return DEPTH_INGEN


def score_product(packs: list[Pack], ref: Reference) -> ProductScore:
    rows: dict[str, MaterialScore] = {}
    depth_points = 0.0
    for pack in packs:
        by_material: dict[str, list[Line]] = defaultdict(list)
        for line in pack.lines:
            by_material[line.material].append(line)
        for material in sorted(set(pack.contents) | set(by_material)):
            row = rows.setdefault(material, MaterialScore(material, depth=DEPTH_GRUVE))
            lines = by_material.get(material, [])
            pack_depth = depth(lines, pack.cell_maker)
            row.depth = min(row.depth, pack_depth, key=DEPTH_ORDER.index)
            kg = float(pack.contents.get(material, 0)) * float(pack.kwh)
            if kg <= 0:
                continue
            levels = ref.levels.get(material, {})
            factor = category_factor(levels)
            parts = origin_parts(material, lines, ref)
            origin = sum(p.weight * p.points for p in parts)
            row.kg += kg
            row.factor = factor
            row.origin += kg * origin  # divided by kg below
            depth_points += kg * DEPTH_POINTS[pack_depth]
            # Additive pieces, in kg × points; divided by the product's kg below.
            for p in parts:
                if p.disclosed:
                    row.disclosed.add(p.country)
                row.countries[p.country] = row.countries.get(p.country, 0) + kg * p.weight * p.points * factor
            for category, level in (levels or {"": "middels"}).items():
                share = LEVEL_POINTS[level] / 100 / max(len(levels), 1)
                row.categories[category] = row.categories.get(category, 0) + kg * origin * share
    total = sum(r.kg for r in rows.values())
    materials = sorted(rows.values(), key=lambda r: (-r.kg, r.material))
    if total <= 0:
        for r in materials:
            r.countries, r.categories = {}, {}
        return ProductScore(None, None, materials)
    scale = 100 / MAX_ORIGIN
    for r in materials:
        if r.kg:
            r.origin /= r.kg
            r.score = r.origin * r.factor * scale
        r.weight = r.kg / total
        r.contribution = r.weight * r.score
        r.countries = {k: v * scale / total for k, v in r.countries.items()}
        r.categories = {k: v * scale / total for k, v in r.categories.items()}
    score = sum(r.contribution for r in materials)
    return ProductScore(score=score, transparency=depth_points / total, materials=materials)
