"""OCDS 1.1.5 releases of a procurement, with the lots, sustainability and award criteria breakdown extensions.

Pure calculation: `release()` turns a `Snapshot` (built by procurement.ocds_data
from the database or from the history tables) into a release dict; the package
helpers wrap releases, and `stream_package()` writes one without holding the
releases in memory. Codes are those of the pinned schema in procurement/data/ocds/.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

# Where the pinned extensions come from (the same commits as procurement/data/ocds/).
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/8d3b52eb26ce0f1a015c91b665c120b17ef619a0/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/449ade63333a50f1e8cd2b0704c0a3c5e329a8a8/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/b8d93a0edb8e0ac2f27f733cccf3884e392346e9/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteriaBreakdown_extension/9391240f353e8536992938fe9f7987cd89235331/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_process_title_extension/73f79e5603a97009af0527fe755d903c9932ca17/extension.json",
]
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LOT_ID = "LOT-0001"  # one lot per procurement; the award criteria breakdown lives on lots only

# procurement.Procedure -> OCDS method.csv (closed)
METHODS = {
    "apen": "open",
    "begrenset": "selective",
    "forhandling": "selective",
    "dialog": "selective",
    "nasjonal": "open",
    "direkte": "direct",
}
# ProcurementKind -> procurementCategory.csv (closed)
CATEGORIES = {"varer": "goods", "tjenester": "services", "bygg_og_anlegg": "works", "saerlige_tjenester": "services"}
# Procurement.Status -> tenderStatus.csv (closed)
TENDER_STATUS = {
    "utkast": "planning",
    "publisert": "active",
    "evaluering": "active",
    "tildelt": "complete",
    "kontraktsoppfolging": "complete",
    "avsluttet": "complete",
    "avlyst": "cancelled",
}
# Requirement section (criteria.Kind) -> sustainabilityStrategy.csv
STRATEGIES = {
    "kvalifikasjonskrav": "selectionCriteria",
    "kravspesifikasjon": "technicalSpecifications",
    "tildelingskriterium": "awardCriteria",
    "kontraktsvilkar": "contractPerformanceConditions",
}
# Library theme slug -> sustainabilityGoal.csv
THEME_GOALS = {
    "forlenge-levetid": "environmental.circularEconomy",
    "sirkularitet": "environmental.circularEconomy",
    "kjemikalier": "environmental.pollutionPrevention",
    "energieffektivitet": "environmental.energyEfficiency",
    "emballasje": "environmental.wasteReduction",
    "miljovennlig-transport": "environmental.carbonEmissionsReduction",
    "ombruk-og-gjenvinning": "environmental.recycling",
    "klimagassutslipp": "environmental.climateChangeMitigation",
    "miljoledelse": "environmental",
    "menneskerettigheter": "social.humanRightsInSupplyChains",
    "konfliktmineraler": "social.humanRightsInSupplyChains",
    "apenhet-i-leverandorkjeden": "social.humanRightsInSupplyChains",
}


@dataclass(frozen=True)
class Code:
    code: str
    label: str


@dataclass(frozen=True)
class RequirementFacts:
    section: str
    environmental: bool
    social: bool
    theme: str = ""  # the library theme's slug; empty for a custom requirement
    national: bool = False  # taken from the national criteria library


@dataclass(frozen=True)
class AwardFacts:
    name: str
    description: str
    weight: int | None
    rank: int | None
    is_price: bool
    is_environmental: bool


@dataclass(frozen=True)
class Amendment:
    number: int
    date: datetime
    note: str


@dataclass(frozen=True)
class DocumentLink:
    url: str
    number: int
    date: date


@dataclass
class Snapshot:
    """A procurement as it stood when a release was made."""

    orgnr: str
    organization: str
    reference: str
    title: str
    description: str
    status: str
    kind: str
    procedure: str
    procedure_label: str
    estimated_value: Decimal
    tender_deadline: date | None
    award_method: str
    date: datetime
    tag: str  # "tender" or "tenderAmendment"
    release_suffix: str  # "tender", "amendment-2"
    main_cpv: Code | None = None
    additional_cpv: list[Code] = field(default_factory=list)
    requirements: list[RequirementFacts] = field(default_factory=list)
    awards: list[AwardFacts] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    document: DocumentLink | None = None


def ocid(prefix: str, orgnr: str, reference: str) -> str:
    """Stable for the life of the procurement: prefix, the buyer's orgnr and the reference (2026/014 -> 2026-014)."""
    return f"{prefix}-{orgnr}-{reference.replace('/', '-')}"


def _value(amount: Decimal) -> dict:
    # OCDS wants a JSON number; Decimal("2500000") must not become the string "2500000".
    return {"amount": int(amount) if amount == amount.to_integral_value() else float(amount), "currency": "NOK"}


def _dt(value: datetime | date) -> str:
    """RFC 3339 with an offset. A date alone (the tender deadline is a date) is read as noon in
    Norway, the usual deadline hour, so the offset follows summer time."""
    if isinstance(value, datetime):
        return value.astimezone(OSLO).isoformat(timespec="seconds")
    return datetime(value.year, value.month, value.day, 12, tzinfo=OSLO).isoformat(timespec="seconds")


def sustainability(s: Snapshot) -> list[dict]:
    """One entry per goal, with the strategies (requirement kinds) that pursue it.

    A goal comes from the requirement's library theme, else from its environmental
    or social flag; an award criterion marked climate and environment adds the
    environmental goal with the award criteria strategy.
    """
    goals: dict[str, set[str]] = {}

    def add(goal: str, strategy: str):
        goals.setdefault(goal, set()).add(strategy)

    for r in s.requirements:
        strategy = STRATEGIES.get(r.section)
        if strategy is None:
            continue
        theme_goal = THEME_GOALS.get(r.theme)
        found = [theme_goal] if theme_goal else []
        if r.environmental and not (theme_goal or "").startswith("environmental"):
            found.append("environmental")
        if r.social and not (theme_goal or "").startswith("social"):
            found.append("social")
        for goal in found:
            add(goal, strategy)
            if r.national:
                add(goal, "nationalGPPCriteria")
    for a in s.awards:
        if a.is_environmental and ((a.weight or 0) > 0 or a.rank):
            add("environmental", "awardCriteria")
    return [{"goal": goal, "strategies": sorted(strategies)} for goal, strategies in sorted(goals.items())]


def award_criteria(s: Snapshot) -> dict | None:
    if not s.awards:
        return None
    ranked = s.award_method == "rangering"
    criteria = []
    for a in s.awards:
        entry = {"type": "price" if a.is_price else "quality", "name": a.name}
        if a.description.strip():
            entry["description"] = a.description.strip()
        if ranked and a.rank:
            entry["numbers"] = [{"number": a.rank, "weight": "order"}]
        elif not ranked and a.weight is not None:
            entry["numbers"] = [{"number": a.weight, "weight": "percentageExact"}]
        criteria.append(entry)
    return {"criteria": criteria}


def _items(s: Snapshot) -> list[dict]:
    if s.main_cpv is None:
        return []
    item = {
        "id": "1",
        "description": s.title,
        "classification": {"scheme": "CPV", "id": s.main_cpv.code, "description": s.main_cpv.label},
        "relatedLot": LOT_ID,
    }
    if s.additional_cpv:
        item["additionalClassifications"] = [
            {"scheme": "CPV", "id": c.code, "description": c.label} for c in s.additional_cpv
        ]
    return [item]


def release(s: Snapshot, *, prefix: str) -> dict:
    process = ocid(prefix, s.orgnr, s.reference)
    party = {"id": f"NO-BRC-{s.orgnr}", "name": s.organization}
    status = TENDER_STATUS.get(s.status, "active")
    lot = {"id": LOT_ID, "title": s.title, "status": status, "value": _value(s.estimated_value)}
    goals = sustainability(s)
    lot["hasSustainability"] = bool(goals)
    if goals:
        lot["sustainability"] = goals
    criteria = award_criteria(s)
    if criteria:
        lot["awardCriteria"] = criteria
    tender = {
        "id": s.reference,
        "title": s.title,
        "status": status,
        "procuringEntity": party,
        "procurementMethod": METHODS.get(s.procedure, "open"),
        "procurementMethodDetails": s.procedure_label,
        "mainProcurementCategory": CATEGORIES.get(s.kind, "goods"),
        "value": _value(s.estimated_value),
        "hasSustainability": bool(goals),
        "lots": [lot],
    }
    if s.description.strip():
        tender["description"] = s.description.strip()
    items = _items(s)
    if items:
        tender["items"] = items
    if s.tender_deadline:
        tender["tenderPeriod"] = {"endDate": _dt(s.tender_deadline)}
    if s.document:
        tender["documents"] = [
            {
                "id": f"konkurransegrunnlag-v{s.document.number}",
                "documentType": "biddingDocuments",
                "title": f"Konkurransegrunnlag {s.reference}",
                "url": s.document.url,
                "format": "application/pdf",
                "language": "nb",
                "datePublished": _dt(s.document.date),
            }
        ]
    if s.amendments:
        tender["amendments"] = [
            {"id": f"rettelse-{a.number}", "date": _dt(a.date), "description": a.note or f"Rettelse {a.number}"}
            for a in s.amendments
        ]
    result = {
        "ocid": process,
        "id": f"{process}-{s.release_suffix}",
        "date": _dt(s.date),
        "tag": [s.tag],
        "initiationType": "tender",
        "language": "nb",
        "title": s.title,
        "parties": [
            {
                **party,
                "identifier": {"scheme": "NO-BRC", "id": s.orgnr, "legalName": s.organization},
                "roles": ["buyer", "procuringEntity"],
            }
        ],
        "buyer": party,
        "tender": tender,
    }
    if s.description.strip():
        result["description"] = s.description.strip()
    return result


def package_head(*, uri: str, published: datetime, publisher: str) -> dict:
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _dt(published),
        "publisher": {"name": publisher},
        "license": LICENSE,
        "extensions": EXTENSIONS,
    }


def package(releases: list[dict], **head) -> dict:
    return {**package_head(**head), "releases": releases}


def stream_package(releases: Iterable[dict], **head) -> Iterator[str]:
    """The package as JSON text in pieces: one release at a time is ever in memory."""
    opening = json.dumps(package_head(**head), ensure_ascii=False)[:-1]
    yield opening + ', "releases": ['
    for n, item in enumerate(releases):
        yield ("," if n else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"
