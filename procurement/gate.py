"""What stands between a tender and publishing: each problem with a link to where it is fixed."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from procurement import rules
from procurement.models import Procurement


@dataclass(frozen=True)
class Problem:
    message: str
    url: str
    fix_label: str


def problems(procurement: Procurement) -> list[Problem]:
    requirements = list(procurement.requirements.all())
    awards = list(procurement.award_criteria.all())
    found: list[Problem] = []
    pk = procurement.pk
    builder = reverse("procurement:requirements", args=[pk])
    if not requirements:
        found.append(Problem(_("Anskaffelsen har ingen krav."), builder, _("Legg til krav")))
    for r in requirements:
        holes = r.placeholders()
        if holes:
            found.append(
                Problem(
                    _("«%(title)s» har tomme plassholdere: %(holes)s") % {"title": r.title, "holes": ", ".join(holes)},
                    reverse("procurement:requirement_placeholders", args=[pk, r.pk]),
                    _("Fyll ut"),
                )
            )
    compliance = rules.environment_rule(procurement, awards)
    for check in compliance.errors:
        found.append(Problem(check.message, reverse("procurement:award", args=[pk]), _("Rett tildelingskriteriene")))
    if rules.human_rights_clause_unresolved(procurement, requirements):
        found.append(
            Problem(
                _(
                    "Kategorien er på DFØs høyrisikoliste, men menneskerettighetsklausulen mangler. Legg den til, eller begrunn hvorfor den ikke trengs."
                ),
                builder + "#hoyrisiko",
                _("Legg til klausul eller begrunn"),
            )
        )
    return found
