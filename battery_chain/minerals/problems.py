"""Findings of the validation report: a code, a level and parameters, worded when shown.

Stored as JSON on MineralsReport.report, so the wording follows the reader's language
and can be improved later without touching stored rows.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _

ERROR = "error"  # blocks the import
WARNING = "warning"  # shown; the import may go ahead

MESSAGES = {
    "template_unknown": _(
        "Fant ikke hvilken mal dette er. Arbeidsboken må være en CMRT (versjon 6.x) eller EMRT (versjon 2.x) "
        "fra Responsible Minerals Initiative."
    ),
    "version_unknown": _("Fant ikke versjonsnummeret til malen (arket Revision eller tittelen)."),
    "version_untested": _(
        "Versjon %(version)s av %(template)s er ikke en versjon importen er laget for (%(supported)s). "
        "Kontroller resultatet nøye."
    ),
    "header_not_found": _(
        "Fant ikke overskriftsraden i arket «%(sheet)s» (kolonnene Metal og %(name_column)s). "
        "Er oppsettet endret i forhold til RMI-malen, eller er malen satt til et annet språk enn engelsk?"
    ),
    "declaration_not_found": _(
        "Fant ingen av feltene i arket Declaration (Company Name, Date of Completion og så videre). "
        "Er malen satt til et annet språk enn engelsk? Be leverandøren velge English øverst i Declaration "
        "og sende filen på nytt."
    ),
    "formulas_without_values": _(
        "Arbeidsboken inneholder formler som aldri er beregnet (for eksempel i %(cells)s), så verdiene mangler. "
        "Formler blir aldri beregnet her: be leverandøren åpne filen i Excel, lagre den og sende den på nytt."
    ),
    "missing_field": _("Obligatorisk felt mangler i Declaration: %(field)s."),
    "invalid_date": _(
        "Utfyllingsdatoen «%(value)s» er ikke en gyldig dato (ventet DD-MMM-YYYY, for eksempel 15-Mar-2025)."
    ),
    "no_smelters": _("Smelter List har ingen smelteverk eller raffinerier."),
    "no_mines": _("Mine List har ingen gruver."),
    "no_mine_list": _("Arbeidsboken har ikke arket Mine List, som EMRT 2.x skal ha."),
    "unknown_country": _("Ukjent land «%(value)s» i %(sheet)s, rad %(row)s. Linjen importeres uten land."),
    "unknown_origin": _("%(sheet)s, rad %(row)s: opprinnelseslandet er oppgitt som «%(value)s»."),
    "unknown_answer": _("Spørsmål %(question)s%(metal_suffix)s er besvart med «Unknown» (ukjent)."),
    "missing_answer": _("Spørsmål %(question)s er ikke besvart for %(metal)s."),
    "unknown_metal": _(
        "%(sheet)s, rad %(row)s: metallet «%(value)s» er ikke et mineral malen dekker. Raden hoppes over."
    ),
    "missing_metal": _("%(sheet)s, rad %(row)s har ikke valgt metall. Raden hoppes over."),
    "material_missing": _(
        "Råvaren %(metal)s finnes ikke i referansedataene, så %(count)s av linjene kan ikke importeres. "
        "Be en biblioteksredaktør legge inn råvaren."
    ),
    "smelter_not_identified": _("%(sheet)s, rad %(row)s: smelteverket for %(metal)s er ikke identifisert."),
    "already_imported": _("Den samme filen ble importert for dette produktet %(date)s."),
}


@dataclass
class Problem:
    code: str
    level: str = WARNING
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def message(problem: dict) -> str:
    params = dict(problem.get("params") or {})
    if problem["code"] == "unknown_answer":
        params["metal_suffix"] = f" ({params['metal']})" if params.get("metal") else ""
    template = MESSAGES.get(problem["code"])
    if template is None:
        return problem["code"]
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def worded(problems: list[dict]) -> list[dict]:
    """Problems with their message, errors first."""
    ordered = sorted(problems, key=lambda p: p.get("level") != ERROR)
    return [{"level": p.get("level", WARNING), "code": p["code"], "message": message(p)} for p in ordered]
