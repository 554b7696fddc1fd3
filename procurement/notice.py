"""The notice (kunngjøring) of one procurement: its eForms fields, computed from the database.

The § 7-9 code comes from procurement.rules (the one mapping of the award set-up
to DFØ's codes, by the rule text valid on the procurement's rule date).
"""

from django.utils.translation import gettext_lazy as _

from procurement import eforms, ocds_data, rules
from procurement.models import Procurement


def fields_for(procurement: Procurement) -> eforms.NoticeFields:
    awards = list(procurement.award_criteria.all())
    on = rules.rule_date(procurement)
    return eforms.notice_fields(
        ocds_data.current_snapshot(procurement),
        nor_code=rules.eforms_code_for(procurement, awards, on=on),
        justification=procurement.rule_exception_justification,
        rule_date=on,
        rule_applies=rules.environment_rule(procurement, awards, on=on).applies,
    )


# Our own bokmål names for the codes shown on the page (the SDK's codelists have no Norwegian).
CODE_LABELS = {
    "env-imp": _("Reduksjon av miljøbelastning"),
    "soc-obj": _("Sosiale mål"),
    "inn-pur": _("Innovative anskaffelser"),
    "none": _("Ingen"),
    "circ-econ": _("Sirkulær økonomi"),
    "clim-mitig": _("Reduksjon av klimagassutslipp"),
    "clim-adapt": _("Klimatilpasning"),
    "pollu-prev": _("Forebygging og begrensning av forurensning"),
    "biodiv-eco": _("Naturmangfold og økosystemer"),
    "water-mar": _("Vann og marine ressurser"),
    "other": _("Annet"),
    "hum-right": _("Aktsomhetsvurderinger for menneskerettigheter i leverandørkjeden"),
    "work-cond": _("Anstendige arbeidsforhold"),
    "national": _("Nasjonale kriterier for grønne anskaffelser"),
    "eu": _("EUs kriterier for grønne anskaffelser"),
    "price": _("Pris"),
    "cost": _("Kostnad"),
    "quality": _("Kvalitet"),
    "per-exa": _("Vekt i prosent"),
    "ord-imp": _("Rangering etter viktighet"),
    "quality-nor-env-criteria": _("Kvalitet – klima og miljø som tildelingskriterium"),
    "quality-nor-env-spec": _("Kvalitet – klima og miljø i kravspesifikasjonen"),
    "quality-nor-env-none": _("Kvalitet – ubetydelig klima- og miljøavtrykk (unntak)"),
    "quality-nor-env-exempt-insignificant": _("Unntak – ubetydelig klimaavtrykk og miljøpåvirkning"),
    "quality-nor-env-exempt-critical-interest": _("Unntak – vesentlige hensyn til helse, sikkerhet eller beredskap"),
    "quality-nor-env-exempt-national-minimum": _("Unntak – lovpålagte standardiserte minstekrav"),
}


def label(code: str) -> str:
    return str(CODE_LABELS.get(code, code))
