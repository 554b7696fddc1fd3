"""Section and requirement numbers as the tender document shows them (e.g. 3.2)."""

from dataclasses import dataclass, field

from criteria.models import Kind

# Part 1 of the document is "Om anskaffelsen"; requirement parts follow in this order.
SECTION_ORDER = (Kind.QUALIFICATION, Kind.SPECIFICATION, Kind.AWARD_CRITERION, Kind.CONTRACT_TERM)
FIRST_SECTION_NUMBER = 2


@dataclass
class NumberedSection:
    number: int
    kind: str
    title: str
    requirements: list = field(default_factory=list)


def number_sections(requirements) -> list[NumberedSection]:
    """Every section in a fixed order, each requirement given `.number` like "3.2"."""
    titles = dict(Kind.choices)
    sections = [
        NumberedSection(FIRST_SECTION_NUMBER + i, kind, str(titles[kind])) for i, kind in enumerate(SECTION_ORDER)
    ]
    by_kind = {s.kind: s for s in sections}
    for r in sorted(requirements, key=lambda r: (SECTION_ORDER.index(r.section), r.position, r.pk)):
        section = by_kind[r.section]
        section.requirements.append(r)
        r.number = f"{section.number}.{len(section.requirements)}"
    return sections
