"""The law as the tender builder applies it: which part of the regulation, and § 7-9.

Numbers come from Threshold and RuleParameter rows valid on the procurement's
date; when none is valid (new values not entered yet) the newest older row is
used and the result says so.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from criteria.models import Kind
from procurement import seven_nine
from procurement.models import (
    AwardCriterion,
    BuyerType,
    EnvironmentRoute,
    Procurement,
    ProcurementKind,
    RuleParameter,
    Threshold,
)


@dataclass(frozen=True)
class Found:
    value: Decimal | None
    outdated: bool = False  # no row valid on the date; an older one was used
    valid_to: date | None = None


def _pick(rows, on: date) -> Found:
    """The row valid on the date, else the newest older one (flagged as outdated)."""
    valid = [r for r in rows if r.valid_from <= on and (r.valid_to is None or r.valid_to >= on)]
    if valid:
        return Found(max(valid, key=lambda r: r.valid_from).value_of())
    older = [r for r in rows if r.valid_from <= on]
    if older:
        row = max(older, key=lambda r: r.valid_from)
        return Found(row.value_of(), outdated=True, valid_to=row.valid_to)
    return Found(None)


def threshold(key: str, *, on: date, buyer_type: str = "", kind: str = "") -> Found:
    """The most specific row: one for this buyer type and kind wins over blanks (= any)."""
    rows = [t for t in Threshold.objects.filter(key=key) if t.buyer_type in ("", buyer_type) and t.kind in ("", kind)]
    if not rows:
        return Found(None)
    specificity = lambda t: (t.buyer_type != "") + (t.kind != "")  # noqa: E731
    best = max(map(specificity, rows))
    return _pick([t for t in rows if specificity(t) == best], on)


def parameter(key: str, *, on: date) -> Found:
    return _pick(list(RuleParameter.objects.filter(key=key)), on)


@dataclass(frozen=True)
class Regime:
    # "unknown" (no threshold rows for the date), "under" (neither the Act nor a regulation),
    # anskaffelsesforskriften: "del_1", "del_2", "del_3", "saerlige" (special services over
    # their threshold); forsyningsforskriften: "act_only" (below its EEA thresholds), "forsyning".
    part: str
    label: str
    explanation: str
    outdated: bool = False

    @property
    def regulated(self) -> bool:
        return self.part not in ("under", "unknown")

    @property
    def unknown(self) -> bool:
        return self.part == "unknown"

    @property
    def above_eea(self) -> bool:
        return self.part in ABOVE_EEA_PARTS


# The regimes at or above an EEA threshold: announced in TED, with a standstill period
# before the contract (its days are StandstillRule rows per regime).
ABOVE_EEA_PARTS = ("del_3", "saerlige", "forsyning")


def _nok(amount) -> str:
    return f"{amount:,.0f}".replace(",", " ")  # Norwegian thousands separator


def regime_for(*, value: Decimal, kind: str, buyer_type: str, on: date) -> Regime:
    """Which law and which part of which regulation apply, from the threshold rows valid on the date."""
    utilities = buyer_type == BuyerType.UTILITIES
    floor = threshold(Threshold.Key.RULES_APPLY, on=on)
    national = threshold(Threshold.Key.NATIONAL, on=on, buyer_type=buyer_type, kind=kind)
    eea = threshold(Threshold.Key.EEA, on=on, buyer_type=buyer_type, kind=kind)
    needed = (floor, eea) if utilities or kind == ProcurementKind.SPECIAL_SERVICES else (floor, national, eea)
    if any(found.value is None for found in needed):
        return Regime(
            "unknown",
            _("Ukjent regelverk"),
            _(
                "Det finnes ingen terskelverdier for denne datoen, så produktet kan ikke si hvilke regler som gjelder. Be en administrator legge inn terskelverdiene."
            ),
        )
    outdated = any(found.outdated for found in needed)
    if value < floor.value:
        return Regime(
            "under",
            _("Under %(floor)s kroner") % {"floor": _nok(floor.value)},
            _(
                "Verken anskaffelsesloven eller forskriftene gjelder under %(floor)s kroner eks. mva. Bruk likevel sunn forretningsskikk."
            )
            % {"floor": _nok(floor.value)},
            outdated,
        )
    if utilities:
        if value < eea.value:
            return Regime(
                "act_only",
                _("Forsyningssektoren under EØS-terskelverdien"),
                _(
                    "Forsyningsforskriften har ingen nasjonal del: under EØS-terskelverdien på %(eea)s kroner gjelder bare anskaffelsesloven med de grunnleggende prinsippene."
                )
                % {"eea": _nok(eea.value)},
                outdated,
            )
        return Regime(
            "forsyning",
            _("Forsyningsforskriften (over EØS-terskelverdien)"),
            _(
                "Verdien er over EØS-terskelverdien for forsyningssektoren på %(eea)s kroner: kunngjøring i TED og Doffin."
            )
            % {"eea": _nok(eea.value)},
            outdated,
        )
    if kind == ProcurementKind.SPECIAL_SERVICES and value >= eea.value:
        return Regime(
            "saerlige",
            _("Helse- og sosialtjenester og andre særlige tjenester over terskelverdien"),
            _(
                "Verdien er over terskelverdien på %(eea)s kroner for særlige tjenester: forskriftens egne, enklere prosedyreregler for slike tjenester gjelder, med kunngjøring i TED og Doffin."
            )
            % {"eea": _nok(eea.value)},
            outdated,
        )
    if value >= eea.value:
        return Regime(
            "del_3",
            _("Del III (over EØS-terskelverdien)"),
            _("Verdien er over EØS-terskelverdien på %(eea)s kroner: kunngjøring i TED og Doffin.")
            % {"eea": _nok(eea.value)},
            outdated,
        )
    if national.value is not None and value >= national.value:
        return Regime(
            "del_2",
            _("Del II (nasjonale regler)"),
            _("Verdien er over den nasjonale terskelverdien på %(national)s kroner: kunngjøring i Doffin.")
            % {"national": _nok(national.value)},
            outdated,
        )
    return Regime(
        "del_1",
        _("Del I"),
        _("Verdien er under den nasjonale terskelverdien; bare forskriftens del I gjelder."),
        outdated,
    )


# Procedures that do not fit a regime: a direct award (direkte anskaffelse) is for
# purchases below the national threshold, and the national competition of Part II
# exists only in Part II of anskaffelsesforskriften.
DIRECT_AWARD_ALLOWED_IN = ("under", "del_1", "act_only")
NATIONAL_COMPETITION_ALLOWED_IN = ("del_2",)


def procedure_warnings(procedure: str, regime: Regime) -> list[str]:
    """What is wrong with the chosen procedure for the value and regime (shown before publishing)."""
    if regime.unknown:
        return [_("Regelverket for datoen er ukjent, så prosedyren kan ikke kontrolleres.")]
    label = Procurement.Procedure(procedure).label if procedure in Procurement.Procedure.values else procedure
    if procedure == Procurement.Procedure.DIRECT and regime.part not in DIRECT_AWARD_ALLOWED_IN:
        return [
            _(
                "«%(procedure)s» passer ikke for %(regime)s: verdien krever en kunngjort konkurranse. Velg en annen prosedyre."
            )
            % {"procedure": label, "regime": regime.label}
        ]
    if procedure == Procurement.Procedure.NATIONAL and regime.part not in NATIONAL_COMPETITION_ALLOWED_IN:
        return [
            _("«%(procedure)s» finnes bare i del II av anskaffelsesforskriften; her gjelder %(regime)s.")
            % {"procedure": label, "regime": regime.label}
        ]
    return []


def regime_of(procurement: Procurement) -> Regime:
    return regime_for(
        value=procurement.estimated_value,
        kind=procurement.kind,
        buyer_type=procurement.buyer_type,
        on=rule_date(procurement),
    )


def rule_date(procurement: Procurement) -> date:
    """A published procurement keeps the rules of its publication date."""
    return timezone.localdate(procurement.published_at) if procurement.published_at else timezone.localdate()


# The § 7-9 rule itself is pure (procurement/seven_nine.py); these load its data and feed it.
Check = seven_nine.Check
Compliance = seven_nine.Outcome


def _route(row: EnvironmentRoute) -> seven_nine.Route:
    english = translation.get_language() == "en"
    return seven_nine.Route(
        key=row.key,
        kind=row.kind,
        paragraph=row.paragraph,
        obligation=row.obligation,
        eforms_code=row.eforms_code,
        label=(english and row.label_en) or row.label,
        explanation=(english and row.explanation_en) or row.explanation,
        text_label=(english and row.text_label_en) or row.text_label,
        requires_justification=row.requires_justification,
        requires_specification_requirement=row.requires_specification_requirement,
        mutually_exclusive=row.mutually_exclusive,
    )


def rule_set_on(on: date) -> seven_nine.RuleSet:
    """§ 7-9 as valid on the date: the numbers and the routes of the text then in force (two queries)."""
    params = {}
    outdated = False
    for row in RuleParameter.objects.all():
        params.setdefault(row.key, []).append(row)
    found = {key: _pick(rows, on) for key, rows in params.items()}
    for key in (RuleParameter.Key.MIN_ENVIRONMENT_WEIGHT, RuleParameter.Key.ENVIRONMENT_RULE_FROM_VALUE):
        outdated = outdated or found.get(key, Found(None)).outdated

    def number(key):
        value = found.get(key, Found(None)).value
        return None if value is None else int(value)

    routes = EnvironmentRoute.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
    return seven_nine.RuleSet(
        on=on,
        from_value=found.get(RuleParameter.Key.ENVIRONMENT_RULE_FROM_VALUE, Found(None)).value,
        min_weight=number(RuleParameter.Key.MIN_ENVIRONMENT_WEIGHT),
        ranked_top=number(RuleParameter.Key.RANKED_TOP),
        routes=tuple(_route(r) for r in routes.order_by("position", "key")),
        outdated=outdated,
    )


def specification_environment_requirements(procurement: Procurement) -> int:
    return procurement.requirements.filter(section=Kind.SPECIFICATION, environmental=True).count()


def set_up_of(
    procurement: Procurement,
    criteria: list[AwardCriterion],
    *,
    method: str | None = None,
    specification_requirements: int | None = None,
) -> seven_nine.SetUp:
    if specification_requirements is None:
        specification_requirements = specification_environment_requirements(procurement)
    return seven_nine.SetUp(
        value=procurement.estimated_value,
        method=method or procurement.award_method,
        criteria=tuple(
            seven_nine.Criterion(weight=c.weight, rank=c.rank, is_environmental=c.is_environmental, is_price=c.is_price)
            for c in criteria
        ),
        chosen=(procurement.rule_exception,) if procurement.rule_exception else (),
        justification=procurement.rule_exception_justification,
        specification_environment_requirements=specification_requirements,
    )


def environment_rule(
    procurement: Procurement,
    criteria: list[AwardCriterion],
    *,
    method: str | None = None,
    on: date | None = None,
    rule_set: seven_nine.RuleSet | None = None,
) -> Compliance:
    """§ 7-9 and the weights' own sanity, for the live panel, the publish gate and the document."""
    rule_set = rule_set or rule_set_on(on or rule_date(procurement))
    return seven_nine.outcome(set_up_of(procurement, criteria, method=method), rule_set)


def eforms_code_for(procurement: Procurement, criteria: list[AwardCriterion] | None = None, *, on=None) -> str | None:
    """DFØ's BT-539 code for the procurement's award set-up on its rule date (None while it fails § 7-9).

    The one place a notice export (BT-539) should take the code from.
    """
    if criteria is None:
        criteria = list(procurement.award_criteria.all())
    return environment_rule(procurement, criteria, on=on).eforms_code


# ---------------------------------------------------------------- human-rights clause


def missing_human_rights_clause(procurement, requirements) -> bool:
    """A category on DFØ's high-risk list needs a human-rights clause among the tender's requirements."""
    return procurement.category.high_risk and not any(r.human_rights_clause for r in requirements)


def human_rights_clause_unresolved(procurement, requirements) -> bool:
    """The clause is missing and no justification says why it is not needed: publishing must wait."""
    return missing_human_rights_clause(procurement, requirements) and not procurement.high_risk_justification.strip()
