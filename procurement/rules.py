"""The law as the tender builder applies it: which part of the regulation, and § 7-9.

Numbers come from Threshold and RuleParameter rows valid on the procurement's
date; when none is valid (new values not entered yet) the newest older row is
used and the result says so.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from procurement.models import AwardCriterion, Procurement, RuleParameter, Threshold


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
    part: str  # "under", "del_1", "del_2", "del_3"
    label: str
    explanation: str
    outdated: bool = False

    @property
    def regulated(self) -> bool:
        return self.part != "under"


def regime_for(*, value: Decimal, kind: str, buyer_type: str, on: date) -> Regime:
    floor = threshold(Threshold.Key.RULES_APPLY, on=on)
    national = threshold(Threshold.Key.NATIONAL, on=on, buyer_type=buyer_type, kind=kind)
    eea = threshold(Threshold.Key.EEA, on=on, buyer_type=buyer_type, kind=kind)
    outdated = floor.outdated or national.outdated or eea.outdated
    nok = lambda amount: f"{amount:,.0f}".replace(",", " ")  # noqa: E731 - Norwegian thousands separator
    if floor.value is not None and value < floor.value:
        return Regime(
            "under",
            _("Under %(floor)s kroner") % {"floor": nok(floor.value)},
            _("Anskaffelsesforskriften gjelder ikke; de grunnleggende prinsippene i loven gjelder fortsatt."),
            outdated,
        )
    if eea.value is not None and value >= eea.value:
        return Regime(
            "del_3",
            _("Del III (over EØS-terskelverdien)"),
            _("Verdien er over EØS-terskelverdien på %(eea)s kroner: kunngjøring i TED og Doffin.")
            % {"eea": nok(eea.value)},
            outdated,
        )
    if national.value is not None and value >= national.value:
        return Regime(
            "del_2",
            _("Del II (nasjonale regler)"),
            _("Verdien er over den nasjonale terskelverdien på %(national)s kroner: kunngjøring i Doffin.")
            % {"national": nok(national.value)},
            outdated,
        )
    return Regime(
        "del_1",
        _("Del I"),
        _("Verdien er under den nasjonale terskelverdien; bare forskriftens del I gjelder."),
        outdated,
    )


def rule_date(procurement: Procurement) -> date:
    """A published procurement keeps the rules of its publication date."""
    return procurement.published_at.date() if procurement.published_at else date.today()


@dataclass(frozen=True)
class Check:
    level: str  # "ok", "advarsel", "feil"
    message: str


@dataclass
class Compliance:
    applies: bool
    environment_weight: int = 0
    total_weight: int = 0
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(c.level == "feil" for c in self.checks)

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.level == "feil"]


def environment_rule(
    procurement: Procurement, criteria: list[AwardCriterion], *, method: str | None = None, on: date | None = None
) -> Compliance:
    """§ 7-9 and the weights' own sanity, for the live panel and the publish gate."""
    on = on or rule_date(procurement)
    method = method or procurement.award_method
    from_value = parameter(RuleParameter.Key.ENVIRONMENT_RULE_FROM_VALUE, on=on)
    minimum = parameter(RuleParameter.Key.MIN_ENVIRONMENT_WEIGHT, on=on)
    top = parameter(RuleParameter.Key.RANKED_TOP, on=on)
    applies = (
        minimum.value is not None
        and from_value.value is not None
        and procurement.estimated_value is not None
        and procurement.estimated_value >= from_value.value
    )
    result = Compliance(applies=applies)
    weighted = method == Procurement.AwardMethod.WEIGHTED
    result.total_weight = sum(c.weight or 0 for c in criteria) if weighted else 0
    result.environment_weight = sum(c.weight or 0 for c in criteria if c.is_environmental) if weighted else 0

    if not criteria:
        result.checks.append(
            Check(
                "feil" if applies else "advarsel",
                _("Legg til tildelingskriterier (for eksempel pris og klima og miljø)."),
            )
        )
    elif weighted:
        if result.total_weight != 100:
            result.checks.append(
                Check(
                    "feil",
                    _("Vektene summerer til %(total)s %%; de må til sammen være 100 %%.")
                    % {"total": result.total_weight},
                )
            )
        else:
            result.checks.append(Check("ok", _("Vektene summerer til 100 %.")))
        price_only = [c for c in criteria if c.is_price and (c.weight or 0) == 100]
        if price_only:
            result.checks.append(
                Check("advarsel", _("Bare pris teller (100 %). Vurder klima og miljø eller kvalitet."))
            )
    else:
        ranks = sorted(c.rank for c in criteria if c.rank)
        if len(ranks) != len(criteria) or ranks != list(range(1, len(criteria) + 1)):
            result.checks.append(Check("feil", _("Gi hvert kriterium en egen rang: 1, 2, 3 …")))

    if not applies:
        if minimum.value is None:
            result.checks.append(Check("ok", _("Klima- og miljøregelen (§ 7-9) gjaldt ikke på denne datoen.")))
        else:
            result.checks.append(
                Check(
                    "ok",
                    _("Klima- og miljøregelen (§ 7-9) gjelder ikke under %(floor)s kroner.")
                    % {"floor": f"{from_value.value:,.0f}".replace(",", " ")},
                )
            )
        return result

    if procurement.rule_exception:
        if procurement.rule_exception_justification.strip():
            result.checks.append(
                Check(
                    "ok",
                    _("Unntak fra § 7-9 er valgt og begrunnet: %(exception)s.")
                    % {"exception": procurement.get_rule_exception_display()},
                )
            )
        else:
            result.checks.append(Check("feil", _("Skriv en begrunnelse for unntaket fra § 7-9.")))
        return result

    if weighted:
        needed = int(minimum.value)
        if result.environment_weight >= needed:
            result.checks.append(
                Check(
                    "ok",
                    _("Klima og miljø vektes %(env)s %% (minst %(min)s %%).")
                    % {"env": result.environment_weight, "min": needed},
                )
            )
        else:
            result.checks.append(
                Check(
                    "feil",
                    _("Klima og miljø vektes %(env)s %%; § 7-9 krever minst %(min)s %%, eller et begrunnet unntak.")
                    % {"env": result.environment_weight, "min": needed},
                )
            )
    elif criteria:
        best = int(top.value or 3)
        if any(c.is_environmental and c.rank and c.rank <= best for c in criteria):
            result.checks.append(Check("ok", _("Klima og miljø er blant de %(n)s øverste kriteriene.") % {"n": best}))
        else:
            result.checks.append(
                Check(
                    "feil", _("Ved rangering må klima og miljø være blant de %(n)s øverste kriteriene.") % {"n": best}
                )
            )
    if minimum.outdated or from_value.outdated:
        result.checks.append(
            Check("advarsel", _("Regelverdiene for denne datoen er ikke lagt inn; de siste kjente er brukt."))
        )
    return result


# ---------------------------------------------------------------- human-rights clause


def missing_human_rights_clause(procurement, requirements) -> bool:
    """A category on DFØ's high-risk list needs a human-rights clause among the tender's requirements."""
    return procurement.category.high_risk and not any(r.human_rights_clause for r in requirements)


def human_rights_clause_unresolved(procurement, requirements) -> bool:
    """The clause is missing and no justification says why it is not needed: publishing must wait."""
    return missing_human_rights_clause(procurement, requirements) and not procurement.high_risk_justification.strip()
