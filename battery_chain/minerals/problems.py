"""Findings of the validation report: a code, a level and parameters, worded when shown.

Stored as JSON on MineralsReport.report, so the wording follows the reader's language
and can be improved later without touching stored rows. Findings about single rows are
shown grouped: one message per sheet and kind, with the row numbers.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ERROR = "error"  # blocks the import
WARNING = "warning"  # shown; the import may go ahead
INFO = "info"  # what the import did with the rows (merged, split), for the record

MESSAGES = {
    "template_unknown": _(
        "Fant ikke hvilken mal dette er. Arbeidsboken må være en CMRT (versjon 6.x) eller EMRT (versjon 2.x) "
        "fra Responsible Minerals Initiative (CRT og AMRT gjenkjennes også)."
    ),
    "template_other": _(
        "Dette er en %(name)s (%(template)s %(version)s), ikke en CMRT eller EMRT. Bare mineralene som "
        "svarer til råvarene i referansedataene importeres: %(metals)s."
    ),
    "template_no_materials": _(
        "Dette er en %(name)s (%(template)s %(version)s). Ingen av mineralene i den (%(metals)s) svarer til "
        "råvarene i referansedataene, så ingenting kan importeres fra den. Be leverandøren om en CMRT eller EMRT."
    ),
    "version_unknown": _("Fant ikke versjonsnummeret til malen (arket Revision eller tittelen)."),
    "version_untested": _(
        "Versjon %(version)s av %(template)s er ikke en versjon importen er laget for (%(supported)s). "
        "Kontroller resultatet nøye."
    ),
    "file_language": _(
        "Malen er satt til språket «%(language)s». Feltene er lest gjennom arbeidsbokens egen oversettelsestabell "
        "(arket «%(sheet)s»); kontroller at erklæringen ser riktig ut."
    ),
    "header_not_found": _(
        "Fant ikke overskriftsraden i arket «%(sheet)s» (kolonnene Metal og %(name_column)s). "
        "Er oppsettet endret i forhold til RMI-malen?"
    ),
    "declaration_not_found": _(
        "Fant ingen av feltene i arket Declaration (Company Name, Date of Completion og så videre), og "
        "arbeidsboken har ingen oversettelsestabell å lese dem gjennom. Linjene importeres likevel, men "
        "erklæringen blir tom. Be gjerne leverandøren velge English øverst i Declaration og sende filen på nytt."
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
    "unknown_answer": _("Spørsmål %(question)s%(metal_suffix)s er besvart med «Unknown» (ukjent)."),
    "missing_answer": _("Spørsmål %(question)s er ikke besvart for %(metal)s."),
    "material_missing": _(
        "Råvaren %(metal)s finnes ikke i referansedataene, så %(count)s av linjene kan ikke importeres. "
        "Be en biblioteksredaktør legge inn råvaren."
    ),
    "already_imported": _(
        "Denne filen ble importert for den samme batteripakken %(date)s. Den importeres ikke en gang til, "
        "så linjene blir ikke lagt inn to ganger. Slett den forrige importen først hvis du vil importere på nytt."
    ),
    "merged_rows": _("%(metal)s: %(rows)s gjelder samme kilde (%(source)s) og ble til én linje."),
    "smelter_ids_not_checked": _(
        "Smelteverk-IDene er bare kontrollert for format: arbeidsboken har ikke arket Smelter Look-up, og "
        "ingen referanseliste for %(template)s er lastet inn."
    ),
}

# Findings about one row each, worded per group of rows (same sheet and kind): %(rows)s, %(values)s, %(metals)s.
ROW_MESSAGES = {
    "unknown_country": _("Ukjent land i %(sheet)s, %(rows)s: %(values)s. Linjene importeres uten land."),
    "unknown_origin": _("%(sheet)s, %(rows)s: opprinnelseslandet er oppgitt som %(values)s."),
    "unknown_metal": _("%(sheet)s, %(rows)s: metallet %(values)s er ikke et mineral malen dekker. Radene hoppes over."),
    "unmapped_metal": _(
        "%(sheet)s, %(rows)s: mineralet %(values)s har ingen råvare i referansedataene. Radene hoppes over."
    ),
    "missing_metal": _("%(sheet)s, %(rows)s har ikke valgt metall. Radene hoppes over."),
    "smelter_not_identified": _("%(sheet)s, %(rows)s: smelteverket for %(metals)s er ikke identifisert."),
    "country_list": _(
        "%(sheet)s, %(rows)s: gruvelandet er en liste over flere land (%(values)s). Det er laget én linje per land."
    ),
    "country_note": _(
        "%(sheet)s, %(rows)s: gruvelandet er fritekst (%(values)s). Teksten er tatt vare på som merknad på linjen."
    ),
    "smelter_id_malformed": _(
        "%(sheet)s, %(rows)s: smelteverk-ID %(values)s har feil format (ventet CID og seks sifre, for eksempel "
        "CID001105)."
    ),
    "smelter_id_unknown": _(
        "%(sheet)s, %(rows)s: smelteverk-ID %(values)s finnes verken i arbeidsbokens Smelter Look-up eller i "
        "RMIs referanseliste."
    ),
    "smelter_id_delisted": _(
        "%(sheet)s, %(rows)s: smelteverk-ID %(values)s står ikke lenger i RMIs referanseliste (%(list)s)."
    ),
    "smelter_id_metal_mismatch": _(
        "%(sheet)s, %(rows)s: smelteverk-ID %(values)s er registrert for et annet metall enn det raden oppgir."
    ),
}
LEVEL_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Problem:
    code: str
    level: str = WARNING
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _format(template, params: dict) -> str:
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def message(problem: dict) -> str:
    params = dict(problem.get("params") or {})
    if problem["code"] == "unknown_answer":
        params["metal_suffix"] = f" ({params['metal']})" if params.get("metal") else ""
    if problem["code"] == "merged_rows":
        params["rows"] = row_list(params.get("rows", []))
    if problem["code"] in ROW_MESSAGES:
        return _group_message([problem])
    template = MESSAGES.get(problem["code"])
    return problem["code"] if template is None else _format(template, params)


def _ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    parts: list[str] = []
    start = prev = None
    for n in numbers + [None]:
        if start is not None and (n is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(parts)


def rows_phrase(numbers: list[int]) -> str:
    count = len(set(numbers))
    return ngettext("rad %(rows)s", "radene %(rows)s", count) % {"rows": _ranges(numbers)}


def row_list(rows: list) -> str:
    """ "Smelter List rad 5 og Mine List rad 7" from [[sheet, row], ...]."""
    by_sheet: dict[str, list[int]] = {}
    for sheet, row in rows:
        by_sheet.setdefault(sheet, []).append(row)
    return " og ".join(f"{sheet} {rows_phrase(numbers)}" for sheet, numbers in by_sheet.items())


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _group_message(group: list[dict]) -> str:
    first = group[0]["params"] or {}
    params = {
        **first,
        "rows": rows_phrase([p["params"].get("row", 0) for p in group]),
        "values": ", ".join(f"«{v}»" for v in _unique(p["params"].get("value", "") for p in group)),
        "metals": ", ".join(_unique(p["params"].get("metal", "") for p in group)),
    }
    return _format(ROW_MESSAGES[group[0]["code"]], params)


def worded(problems: list[dict]) -> list[dict]:
    """Problems with their message, errors first; row findings grouped per sheet and kind."""
    groups: dict[tuple, list[dict]] = {}
    for problem in problems:
        params = problem.get("params") or {}
        if problem["code"] in ROW_MESSAGES:
            key = (problem["code"], problem.get("level"), params.get("sheet"))
        else:
            key = (id(problem),)
        groups.setdefault(key, []).append(problem)
    result = []
    for group in groups.values():
        first = group[0]
        text = _group_message(group) if first["code"] in ROW_MESSAGES else message(first)
        rows = [p["params"].get("row") for p in group if (p.get("params") or {}).get("row")]
        result.append({"level": first.get("level", WARNING), "code": first["code"], "message": text, "rows": rows})
    return sorted(result, key=lambda p: LEVEL_ORDER.get(p["level"], 1))
