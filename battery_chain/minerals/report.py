"""From a parsed workbook to the validation report and the sourcing lines an import would create.

Nothing read is lost without saying so: every row either becomes a line, is skipped with
a finding, or is merged with another row into one line, and the merges are listed.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from battery_chain.minerals import countries
from battery_chain.minerals.parser import AMRT, CRT, EMRT, METAL_SLUGS, TEMPLATE_NAMES, ParsedWorkbook, SourceRow
from battery_chain.minerals.problems import ERROR, INFO, WARNING, Problem, worded
from battery_chain.minerals.smelter_ids import SmelterIdChecker
from battery_chain.minerals.text import norm
from battery_chain.models import MineralsReport, RawMaterial, SourcingLine

NOT_IDENTIFIED = {"smelter not yet identified", "unknown", "smelter not identified", "smelter not listed"}
SOURCE_FOR_TEMPLATE = {
    "CMRT": SourcingLine.Source.CMRT,
    "EMRT": SourcingLine.Source.EMRT,
    "CRT": SourcingLine.Source.CRT,
    "AMRT": SourcingLine.Source.AMRT,
}
# Templates the import is not made for, read for the minerals that match our raw materials.
OTHER_TEMPLATES = {CRT, AMRT}


@dataclass
class Preview:
    parsed: ParsedWorkbook
    problems: list[dict] = field(default_factory=list)
    lines: list[SourcingLine] = field(default_factory=list)
    per_metal: list[dict] = field(default_factory=list)
    earlier: MineralsReport | None = None

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
            "language": self.parsed.language,
            "smelter_rows": len(self.parsed.smelters),
            "mine_rows": len(self.parsed.mines),
            "line_count": len(self.lines),
            "per_metal": self.per_metal,
            "problems": self.problems,
        }


def _where(row: SourceRow, **params) -> dict:
    return {"sheet": row.sheet, "row": row.row, **params}


def _refiner_country(value: str, row: SourceRow, problems: list[Problem]) -> str:
    kind, code = countries.classify(value)
    if kind == "unrecognised":
        problems.append(Problem("unknown_country", WARNING, _where(row, value=value)))
    elif kind == "unknown":
        problems.append(Problem("unknown_origin", WARNING, _where(row, value=value)))
    return code


def _mine_countries(value: str, row: SourceRow, problems: list[Problem]) -> tuple[list[str], str]:
    """(country codes, one line each; note to keep) for a mine-country cell."""
    kind, codes = countries.split(value)
    if kind == "list":
        problems.append(Problem("country_list", INFO, _where(row, value=value)))
        return codes, ""
    if kind == "text":
        problems.append(Problem("country_note", INFO, _where(row, value=value)))
        return [""], _("Gruveland i rapporten: %(value)s") % {"value": value}
    if kind == "unrecognised":
        problems.append(Problem("unknown_country", WARNING, _where(row, value=value)))
    elif kind == "unknown":
        problems.append(Problem("unknown_origin", WARNING, _where(row, value=value)))
    return codes or [""], ""


class LineBuilder:
    """Lines keyed by the smelter's ID when there is one, so distinct smelters never collapse into one line."""

    def __init__(self, parsed: ParsedWorkbook, *, pack, materials, problems: list[Problem]):
        self.parsed, self.pack, self.materials, self.problems = parsed, pack, materials, problems
        self.source = SOURCE_FOR_TEMPLATE.get(parsed.template, "")
        self.ids = SmelterIdChecker(parsed)
        self.lines: list[SourcingLine] = []
        self.groups: dict[tuple, list[tuple[str, int]]] = {}
        self.line_of: dict[tuple, SourcingLine] = {}
        self.per_metal: dict[str, dict] = {}
        # A Mine List row names its smelter by name only; the Smelter List gives that name its ID.
        self.id_of_name = {
            (norm(r.metal), norm(r.refiner)): r.refiner_id for r in parsed.smelters if r.refiner and r.refiner_id
        }

    def add(self, row: SourceRow, slug: str, *, smelter_row: bool) -> None:
        counts = self.per_metal.setdefault(row.metal.title(), {"metal": row.metal.title(), "rows": 0, "lines": 0})
        counts["rows"] += 1
        refiner = row.refiner
        if norm(refiner) in NOT_IDENTIFIED or (not refiner and smelter_row):
            self.problems.append(Problem("smelter_not_identified", WARNING, _where(row, metal=row.metal)))
            refiner = ""
        check, code = self.ids.check(row) if smelter_row else ("", "")
        if code:
            params = _where(row, value=row.refiner_id)
            if code == "smelter_id_delisted":
                params["list"] = str(self.ids.newest)
            self.problems.append(Problem(code, WARNING, params))
        refiner_country = _refiner_country(row.refiner_country, row, self.problems)
        mine_countries, country_note = _mine_countries(row.mine_country, row, self.problems)
        note = "; ".join(part for part in (country_note, row.comment) if part)
        smelter_id = row.refiner_id or self.id_of_name.get((norm(row.metal), norm(refiner)), "")
        identity = ("id", smelter_id) if smelter_id else ("name", norm(refiner))
        for mine_country in mine_countries:
            key = (slug, identity, norm(row.mine), mine_country)
            self.groups.setdefault(key, []).append((row.sheet, row.row))
            if key in self.line_of:
                continue
            line = SourcingLine(
                pack=self.pack,
                material=self.materials[slug],
                refiner=refiner[:200],
                refiner_id=row.refiner_id[:40],
                refiner_country=refiner_country,
                mine=row.mine[:200],
                mine_country=mine_country,
                source=self.source,
                source_date=self.parsed.completed_on,
                note=note,
                refiner_id_check=check,
            )
            self.line_of[key] = line
            self.lines.append(line)
            counts["lines"] += 1

    def merges(self) -> list[Problem]:
        found = []
        for key, rows in self.groups.items():
            if len(rows) < 2:
                continue
            line = self.line_of[key]
            source = " · ".join(
                part for part in (line.refiner or _("smelteverk uten navn"), line.refiner_id, line.mine) if part
            )
            found.append(
                Problem(
                    "merged_rows",
                    INFO,
                    {"metal": line.material.name, "rows": [list(r) for r in rows], "source": source},
                )
            )
        return found


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
    other = parsed.template in OTHER_TEMPLATES
    builder = LineBuilder(parsed, pack=pack, materials=materials, problems=problems)
    missing_materials: dict[str, int] = {}
    for row, smelter_row in [(r, True) for r in parsed.smelters] + [(r, False) for r in parsed.mines]:
        if not row.metal:
            problems.append(Problem("missing_metal", WARNING, _where(row)))
            continue
        slug = METAL_SLUGS.get(norm(row.metal))
        if slug is None:
            # A CRT or AMRT may name any mineral; only ours can become lines.
            problems.append(
                Problem("unmapped_metal" if other else "unknown_metal", WARNING, _where(row, value=row.metal))
            )
            continue
        if slug not in materials:
            missing_materials[row.metal.title()] = missing_materials.get(row.metal.title(), 0) + 1
            continue
        builder.add(row, slug, smelter_row=smelter_row)
    for metal, count in missing_materials.items():
        problems.append(Problem("material_missing", WARNING, {"metal": metal, "count": count}))
    if parsed.smelters and not builder.ids.can_check:
        problems.append(Problem("smelter_ids_not_checked", INFO, {"template": parsed.template}))
    problems.extend(builder.merges())
    if other:
        problems.append(_other_template(parsed, builder, materials))
    earlier = None
    if sha256 and pack is not None:
        earlier = MineralsReport.objects.filter(pack=pack, sha256=sha256).order_by("-imported_at").first()
        if earlier:
            problems.append(Problem("already_imported", ERROR, {"date": earlier.imported_at.date().isoformat()}))
    return Preview(
        parsed=parsed,
        problems=[p.as_dict() for p in problems],
        lines=builder.lines,
        per_metal=list(builder.per_metal.values()),
        earlier=earlier,
    )


def _other_template(parsed: ParsedWorkbook, builder: LineBuilder, materials: dict) -> Problem:
    """A CRT or AMRT: imported for the minerals that are our raw materials, refused when none is."""
    named = list(dict.fromkeys([*parsed.declaration.get("minerals_in_scope", []), *(r.metal for r in parsed.smelters)]))
    ours = [m for m in named if METAL_SLUGS.get(norm(m)) in materials]
    params = {
        "template": parsed.template,
        "name": TEMPLATE_NAMES[parsed.template],
        "version": parsed.version,
        "metals": ", ".join(ours or named) or "–",
    }
    if builder.lines:
        return Problem("template_other", WARNING, params)
    return Problem("template_no_materials", ERROR, params)
