"""From a parsed workbook to the validation report and the sourcing lines an import would create."""

from dataclasses import dataclass, field

from battery_chain.minerals import countries
from battery_chain.minerals.parser import EMRT, METAL_SLUGS, ParsedWorkbook, SourceRow, norm
from battery_chain.minerals.problems import ERROR, WARNING, Problem, worded
from battery_chain.models import MineralsReport, RawMaterial, SourcingLine

NOT_IDENTIFIED = {"smelter not yet identified", "unknown", "smelter not identified"}
SOURCE_FOR_TEMPLATE = {"CMRT": SourcingLine.Source.CMRT, "EMRT": SourcingLine.Source.EMRT}


@dataclass
class Preview:
    parsed: ParsedWorkbook
    problems: list[dict] = field(default_factory=list)
    lines: list[SourcingLine] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(p["level"] == ERROR for p in self.problems)

    @property
    def messages(self) -> list[dict]:
        return worded(self.problems)

    def as_report(self) -> dict:
        return {
            "template": self.parsed.template,
            "version": self.parsed.version,
            "smelter_rows": len(self.parsed.smelters),
            "mine_rows": len(self.parsed.mines),
            "line_count": len(self.lines),
            "problems": self.problems,
        }


def _country(value: str, row: SourceRow, problems: list[Problem]) -> str:
    kind, code = countries.classify(value)
    if kind == "unrecognised":
        problems.append(Problem("unknown_country", WARNING, {"value": value, "sheet": row.sheet, "row": row.row}))
    elif kind == "unknown":
        problems.append(Problem("unknown_origin", WARNING, {"value": value, "sheet": row.sheet, "row": row.row}))
    return code


def build_preview(parsed: ParsedWorkbook, *, product, pack, sha256: str = "") -> Preview:
    """The report and the unsaved lines; nothing is written."""
    problems: list[Problem] = list(parsed.problems)
    if not parsed.smelters and not any(p.code == "header_not_found" for p in problems):
        problems.append(Problem("no_smelters", WARNING))
    if parsed.template == EMRT:
        if not parsed.has_mine_list:
            problems.append(Problem("no_mine_list", WARNING))
        elif not parsed.mines and not any(p.code == "header_not_found" for p in problems):
            problems.append(Problem("no_mines", WARNING))

    slugs = set(METAL_SLUGS.values())
    materials = {m.slug: m for m in RawMaterial.objects.filter(slug__in=slugs)}
    source = SOURCE_FOR_TEMPLATE.get(parsed.template, "")
    missing_materials: dict[str, int] = {}
    lines: list[SourcingLine] = []
    seen: set[tuple] = set()
    for row in parsed.smelters + parsed.mines:
        if not row.metal:
            problems.append(Problem("missing_metal", WARNING, {"sheet": row.sheet, "row": row.row}))
            continue
        slug = METAL_SLUGS.get(norm(row.metal))
        if slug is None:
            problems.append(Problem("unknown_metal", WARNING, {"sheet": row.sheet, "row": row.row, "value": row.metal}))
            continue
        if slug not in materials:
            missing_materials[row.metal.title()] = missing_materials.get(row.metal.title(), 0) + 1
            continue
        refiner = row.refiner
        if norm(refiner) in NOT_IDENTIFIED or (not refiner and norm(row.lookup) in NOT_IDENTIFIED):
            problems.append(
                Problem("smelter_not_identified", WARNING, {"sheet": row.sheet, "row": row.row, "metal": row.metal})
            )
            refiner = ""
        line = SourcingLine(
            pack=pack,
            material=materials[slug],
            refiner=refiner[:200],
            refiner_id=row.refiner_id[:40],
            refiner_country=_country(row.refiner_country, row, problems),
            mine=row.mine[:200],
            mine_country=_country(row.mine_country, row, problems),
            source=source,
            source_date=parsed.completed_on,
        )
        # A mine on the Mine List is often the same mine the Smelter List names for that smelter.
        key = (slug, norm(line.refiner), norm(line.mine), str(line.mine_country))
        if key in seen:
            continue
        seen.add(key)
        lines.append(line)
    for metal, count in missing_materials.items():
        problems.append(Problem("material_missing", WARNING, {"metal": metal, "count": count}))
    if sha256 and product is not None:
        earlier = MineralsReport.objects.filter(product=product, sha256=sha256).order_by("-imported_at").first()
        if earlier:
            problems.append(Problem("already_imported", WARNING, {"date": earlier.imported_at.date().isoformat()}))
    return Preview(parsed=parsed, problems=[p.as_dict() for p in problems], lines=lines)
