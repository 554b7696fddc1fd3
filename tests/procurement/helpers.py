"""Helpers for the procurement tests: form data as a browser sends it, and a tender with something in every part."""

from procurement.models import AwardCriterion
from tests.factories import procurement, requirement


def award_post(procurement, rows, *, method="vekting", exception="", justification="", version=None) -> dict:
    """POST data for the award page: rows are dicts of AwardCriterionForm fields."""
    data = {
        "version": procurement.version if version is None else version,
        "method": method,
        "exception": exception,
        "justification": justification,
        "kriterier-TOTAL_FORMS": len(rows),
        "kriterier-INITIAL_FORMS": 0,
        "kriterier-MIN_NUM_FORMS": 0,
        "kriterier-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                data[f"kriterier-{i}-{name}"] = "on"
            elif value not in (False, None):
                data[f"kriterier-{i}-{name}"] = value
    return data


PRICE_60_ENV_40 = [
    {"name": "Pris", "weight": 60, "is_price": True},
    {"name": "Klima og miljø", "weight": 40, "is_environmental": True},
]


SECTIONS = ("kvalifikasjonskrav", "kravspesifikasjon", "tildelingskriterium", "kontraktsvilkar")


def full_tender(organization, *, per_section=3, **fields):
    """A draft with `per_section` requirements in each part, weights 60/40 and a human-rights clause."""
    tender = procurement(organization=organization, description="Kjøp av 20 elektriske busser.", **fields)
    for section in SECTIONS:
        for i in range(1, per_section + 1):
            requirement(
                tender,
                section=section,
                title=f"{section.capitalize()} krav {i}",
                text=f"Leverandøren skal oppfylle krav {i} i delen {section}.",
                documentation=f"Egenerklæring {section} {i}" if i % 2 else "",
                mandatory=section != "tildelingskriterium",
                human_rights_clause=section == "kontraktsvilkar" and i == 1,
            )
    award_requirements = list(tender.requirements.filter(section="tildelingskriterium"))
    AwardCriterion.objects.create(
        procurement=tender, position=1, name="Pris", weight=60, scoring="Lavest pris gir 10 poeng.", is_price=True
    )
    environment = AwardCriterion.objects.create(
        procurement=tender,
        position=2,
        name="Klima og miljø",
        weight=40,
        description="Klimafotavtrykk over livsløpet.",
        sub_criteria="Livsløpsvurdering etter ISO 14040/14044.",
        scoring="Poeng etter kg CO2e per kWh.",
        is_environmental=True,
    )
    environment.requirements.set(award_requirements)
    return tender
