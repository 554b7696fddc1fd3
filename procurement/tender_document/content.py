"""What the tender document shows, as plain data, apart from how it is stored.

The PDF template reads only these dataclasses; `build_tender_content` (in
procurement/tender_document/build.py) fills them from a procurement in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date

from core.logos import LogoImage


@dataclass(frozen=True)
class RequirementLine:
    number: str
    title: str
    text: str
    documentation: str
    mandatory: bool


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    kind: str
    requirements: tuple[RequirementLine, ...] = ()

    @property
    def anchor(self) -> str:
        return f"sec-{self.number}"


@dataclass(frozen=True)
class AwardLine:
    name: str
    weight: int | None
    rank: int | None
    description: str
    sub_criteria: str
    scoring: str
    is_environmental: bool
    requirement_numbers: str = ""  # the section-4 requirements this criterion evaluates, e.g. "4.1, 4.2"


@dataclass(frozen=True)
class Clause:
    """A standard contract clause the document adds to section 5 in the product's own words."""

    title: str
    text: str


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    anchor: str


@dataclass(frozen=True)
class TenderContent:
    organization_name: str
    reference: str
    title: str
    description: str
    is_draft: bool
    document_version: int
    document_date: date
    facts: tuple[tuple[str, str], ...]
    requirement_sections: tuple[Section, ...]
    award_criteria: tuple[AwardLine, ...]
    ranked: bool
    rule_status: str
    rule_justification: str
    rule_text: str = ""  # which text of § 7-9 applied on the rule date
    rule_ground: str = ""  # the route or exception the tender meets § 7-9 on, with its paragraph
    rule_code: str = ""  # DFØ's eForms code (BT-539) for the notice
    amendment_count: int = 0
    contract_clauses: tuple[Clause, ...] = ()
    about_title: str = "Om anskaffelsen"
    annex_title: str = "Vedlegg: Dokumentasjon som skal leveres"
    logo: LogoImage | None = None  # the organisation's logo on the cover (PDF and DOCX)

    @property
    def weight_total(self) -> int:
        return sum(a.weight or 0 for a in self.award_criteria)

    @property
    def documentation_annex(self) -> list[RequirementLine]:
        return [r for s in self.requirement_sections for r in s.requirements if r.documentation.strip()]

    @property
    def toc(self) -> list[TocEntry]:
        entries = [TocEntry("1", self.about_title, "sec-about")]
        entries += [TocEntry(str(s.number), s.title, s.anchor) for s in self.requirement_sections]
        entries.append(TocEntry("", self.annex_title, "sec-annex"))
        return entries
