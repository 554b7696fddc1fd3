"""The eForms notice fields for climate, environment, social aims and award criteria, and their UBL XML.

Pure calculation from an OCDS snapshot (procurement/ocds.py) plus DFØ's § 7-9
code for the award set-up (BT-539), which procurement.rules computes from the
rule text valid on the procurement's rule date. Fields:

- per lot: BT-06 strategic procurement, BT-777 its description, BT-774 green
  procurement, BT-775 social procurement, BT-805 green procurement criteria;
- per award criterion: BT-539 type, BT-734 name, BT-540 description,
  BT-5421 weight kind (per-exa / ord-imp), BT-541 weight or rank.

The Norwegian rule is checked here as the regulation says it (`nor_rule_problems`),
not as DFØ's schematron does: that rule's "top three" test never fails
(procurement/data/eforms/README.md and the tests show both).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext as _
from lxml import etree

from core.formatting import format_day
from procurement.ocds import Snapshot

DATA = Path(__file__).resolve().parent / "data" / "eforms"
LOT_ID = "LOT-0001"
LANGUAGE = "NOR"

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
CN_NS = "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"

CRITERIA = "quality-nor-env-criteria"
SPEC = "quality-nor-env-spec"
# Codes that stand on their own line with weight 0 and the justification as description.
ZERO_WEIGHT_CODES = (
    SPEC,
    "quality-nor-env-none",
    "quality-nor-env-exempt-insignificant",
    "quality-nor-env-exempt-critical-interest",
    "quality-nor-env-exempt-national-minimum",
)

# Library theme slug -> BT-774 environmental-impact
THEME_GREEN = {
    "forlenge-levetid": "circ-econ",
    "sirkularitet": "circ-econ",
    "ombruk-og-gjenvinning": "circ-econ",
    "emballasje": "circ-econ",
    "kjemikalier": "pollu-prev",
    "klimagassutslipp": "clim-mitig",
    "miljovennlig-transport": "clim-mitig",
    "energieffektivitet": "clim-mitig",
    "miljoledelse": "other",
}
# Library theme slug -> BT-775 social-objective
THEME_SOCIAL = {
    "menneskerettigheter": "hum-right",
    "konfliktmineraler": "hum-right",
    "apenhet-i-leverandorkjeden": "hum-right",
}
CONTRACT_NATURE = {
    "varer": "supplies",
    "tjenester": "services",
    "bygg_og_anlegg": "works",
    "saerlige_tjenester": "services",
}


@dataclass(frozen=True)
class AwardLine:
    type_code: str  # BT-539
    name: str  # BT-734
    description: str  # BT-540
    weight_code: str  # BT-5421
    number: int  # BT-541


@dataclass(frozen=True)
class NoticeFields:
    rule_date: date
    nor_code: str | None
    reference: str
    title: str  # BT-21
    contract_nature: str  # BT-23
    main_cpv: str | None  # BT-262
    additional_cpv: list[str]  # BT-263
    strategic: list[str]  # BT-06
    strategic_description: str  # BT-777
    green: list[str]  # BT-774
    social: list[str]  # BT-775
    gpp: list[str]  # BT-805
    awards: list[AwardLine] = field(default_factory=list)
    rule_applies: bool = True  # § 7-9 in force on the rule date and the value at or above its floor


def _requirement_codes(s: Snapshot):
    green, social = set(), set()
    national_env = custom_env = False
    for r in s.requirements:
        if r.environmental or r.theme in THEME_GREEN:
            green.add(THEME_GREEN.get(r.theme, "other"))
            if r.national:
                national_env = True
            else:
                custom_env = True
        if r.social or r.theme in THEME_SOCIAL:
            social.add(THEME_SOCIAL.get(r.theme, "other"))
    return green, social, national_env, custom_env


def _award_lines(s: Snapshot, nor_code: str | None, justification: str) -> list[AwardLine]:
    ranked = s.award_method == "rangering"
    lines = []
    for a in s.awards:
        if a.is_price:
            code = "price"
        elif a.is_environmental and nor_code == CRITERIA:
            code = CRITERIA
        else:
            code = "quality"
        number = (a.rank if ranked else a.weight) or 0
        lines.append(
            AwardLine(code, a.name, a.description.strip() or a.name, "ord-imp" if ranked else "per-exa", number)
        )
    if nor_code in ZERO_WEIGHT_CODES:
        # DFØ: the specification route and the exceptions are a criterion of their own, weight 0,
        # with the justification as its description (BT-540).
        lines.append(AwardLine(nor_code, _("Klima- og miljøhensyn etter § 7-9"), justification.strip(), "per-exa", 0))
    return lines


def notice_fields(
    s: Snapshot, *, nor_code: str | None, justification: str, rule_date: date, rule_applies: bool = True
) -> NoticeFields:
    green, social, national_env, custom_env = _requirement_codes(s)
    env_award = any(a.is_environmental and ((a.weight or 0) > 0 or a.rank) for a in s.awards)
    strategic = []
    # NOTES.md caveat 2: DFØ's SP-R004 wants env-imp whenever the lot is green by criteria or specification.
    if green or env_award or nor_code in (CRITERIA, SPEC):
        strategic.append("env-imp")
    if social:
        strategic.append("soc-obj")
    if env_award and not green:
        green.add("other")
    parts = []
    if "env-imp" in strategic:
        parts.append(
            _(
                "Klima og miljø: krav og tildelingskriterier som reduserer miljøbelastningen (anskaffelsesloven § 5, anskaffelsesforskriften § 7-9)."
            )
        )
    if "soc-obj" in strategic:
        parts.append(_("Sosialt ansvar: krav om menneskerettigheter og anstendige arbeidsforhold i leverandørkjeden."))
    gpp = ["national"] if national_env else (["other"] if custom_env else ["none"])
    if national_env and custom_env:
        gpp = ["national", "other"]
    return NoticeFields(
        rule_date=rule_date,
        nor_code=nor_code,
        reference=s.reference,
        title=s.title,
        contract_nature=CONTRACT_NATURE.get(s.kind, "supplies"),
        main_cpv=s.main_cpv.code if s.main_cpv else None,
        additional_cpv=[c.code for c in s.additional_cpv],
        strategic=strategic or ["none"],
        strategic_description=" ".join(parts),
        green=sorted(green),
        social=sorted(social),
        gpp=gpp,
        awards=_award_lines(s, nor_code, justification),
        rule_applies=rule_applies,
    )


# ---------------------------------------------------------------- DFØ's codes and the Norwegian rule


@cache
def _nor_codes() -> dict[str, list[tuple[date | None, date | None]]]:
    """Each Norwegian code with the periods it is valid in (its entry and its "future" entries)."""
    data = yaml.safe_load((DATA / "award-criterion-type.no.yaml").read_text(encoding="utf-8"))

    def day(value):
        return date.fromisoformat(str(value)) if value else None

    periods: dict[str, list] = {}
    for entry in data["codes"]:
        for version in [entry, *entry.get("future", [])]:
            periods.setdefault(version["code"], []).append(
                (day(version.get("valid_from_date")), day(version.get("valid_to_date")))
            )
    return periods


def code_valid_on(code: str, on: date) -> bool:
    return any(
        (start is None or start <= on) and (end is None or on <= end) for start, end in _nor_codes().get(code, [])
    )


def nor_rule_problems(fields: NoticeFields, *, min_weight: int = 30, top: int = 3) -> list[str]:
    """The Norwegian rule on the notice, as § 7-9 says it: at least `min_weight` % on climate and
    environment with exact percentages, or ranked among the top `top`, or a specification or
    exception code with weight 0 and a justification; and each code valid on the rule date."""
    problems = []
    for line in fields.awards:
        if line.type_code.startswith("quality-nor-env") and not code_valid_on(line.type_code, fields.rule_date):
            problems.append(
                _("Koden %(code)s gjelder ikke på regeldatoen %(date)s.")
                % {"code": line.type_code, "date": format_day(fields.rule_date)}
            )
    green = [a for a in fields.awards if a.type_code == CRITERIA]
    weighted = sum(a.number for a in green if a.weight_code == "per-exa")
    ranked = any(a.weight_code == "ord-imp" and 1 <= a.number <= top for a in green)
    justified = any(
        a.type_code in ZERO_WEIGHT_CODES and a.weight_code == "per-exa" and a.number == 0 and a.description.strip()
        for a in fields.awards
    )
    if not (weighted >= min_weight or ranked or justified):
        problems.append(
            _(
                "Kunngjøringen viser ikke at § 7-9 er oppfylt: klima og miljø må vektes minst %(min)s %%, være "
                "blant de %(top)s viktigste ved rangering, eller stå som krav i kravspesifikasjonen eller unntak "
                "med vekt 0 og en begrunnelse."
            )
            % {"min": min_weight, "top": top}
        )
    return problems


# ---------------------------------------------------------------- UBL XML


def _el(parent, tag: str, text=None, **attrs):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", {k.replace("_", ""): v for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def lot_element(fields: NoticeFields) -> etree._Element:
    """cac:ProcurementProjectLot with the lot's TenderingTerms/AwardingTerms and ProcurementProject,
    in the element order of the UBL 2.3 schema."""
    lot = etree.Element(f"{{{NS['cac']}}}ProcurementProjectLot", nsmap=NS)
    _el(lot, "cbc:ID", LOT_ID, schemeName="Lot")
    if fields.awards:
        terms = _el(_el(lot, "cac:TenderingTerms"), "cac:AwardingTerms")
        criterion = _el(terms, "cac:AwardingCriterion")
        for line in fields.awards:
            sub = _el(criterion, "cac:SubordinateAwardingCriterion")
            content = _el(_el(_el(sub, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent")
            parameter = _el(_el(content, "efext:EformsExtension"), "efac:AwardCriterionParameter")
            _el(parameter, "efbc:ParameterCode", line.weight_code, listName="number-weight")
            _el(parameter, "efbc:ParameterNumeric", line.number)
            _el(sub, "cbc:AwardingCriterionTypeCode", line.type_code, listName="award-criterion-type")
            _el(sub, "cbc:Name", line.name, languageID=LANGUAGE)
            if line.description:
                _el(sub, "cbc:Description", line.description, languageID=LANGUAGE)
    project = _el(lot, "cac:ProcurementProject")
    _el(project, "cbc:ID", fields.reference, schemeName="InternalID")
    _el(project, "cbc:Name", fields.title, languageID=LANGUAGE)
    _el(project, "cbc:ProcurementTypeCode", fields.contract_nature, listName="contract-nature")
    for i, code in enumerate(fields.strategic):
        additional = _el(project, "cac:ProcurementAdditionalType")
        _el(additional, "cbc:ProcurementTypeCode", code, listName="strategic-procurement")
        if i == 0 and code != "none" and fields.strategic_description:
            _el(additional, "cbc:ProcurementType", fields.strategic_description, languageID=LANGUAGE)
    for list_name, codes in (
        ("environmental-impact", fields.green),
        ("social-objective", fields.social),
        ("gpp-criteria", fields.gpp),
    ):
        for code in codes:
            _el(_el(project, "cac:ProcurementAdditionalType"), "cbc:ProcurementTypeCode", code, listName=list_name)
    if fields.main_cpv:
        _el(
            _el(project, "cac:MainCommodityClassification"),
            "cbc:ItemClassificationCode",
            fields.main_cpv,
            listName="cpv",
        )
        for code in fields.additional_cpv:
            _el(
                _el(project, "cac:AdditionalCommodityClassification"),
                "cbc:ItemClassificationCode",
                code,
                listName="cpv",
            )
    return lot


def fragment_xml(fields: NoticeFields) -> bytes:
    return etree.tostring(lot_element(fields), xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def _lot_schema() -> etree.XMLSchema:
    """The UBL aggregate components (with the eForms extension apex they import): ProcurementProjectLot
    is a global element there, so the fragment is validated as it is."""
    return etree.XMLSchema(etree.parse(str(DATA / "schemas" / "common" / "UBL-CommonAggregateComponents-2.3.xsd")))


def schema_errors(xml: bytes) -> list[str]:
    schema = _lot_schema()
    if schema.validate(etree.fromstring(xml)):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
