"""Anskaffelsesforskriften § 7-9 as a pure calculation: no ORM, no dates in code.

`rules.rule_set_on(date)` loads the rows valid on a procurement's rule date
(EnvironmentRoute for the routes and exceptions, RuleParameter for the numbers)
into a RuleSet; `outcome` decides whether a set-up meets that text and which
DFØ eForms code (BT-539) it maps to. Both texts of the regulation are data, so
the revision of 2026-07-01 is rows with a later valid_from, not a branch here.

Doffin's own check (standards/eforms/nor/NOTES.md) has a flaw in the ranked
case (any rank passes); this follows the regulation: the rank must be within
the top N, and where the text says "bør" a miss is a warning, not an error.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

WEIGHTED, RANKED, SPECIFICATION, EXCEPTION = "vekting", "rangering", "kravspesifikasjon", "unntak"
OK, WARNING, ERROR = "ok", "advarsel", "feil"


@dataclass(frozen=True)
class Route:
    """One EnvironmentRoute row as the rule needs it."""

    key: str
    kind: str
    paragraph: str
    obligation: str  # "skal" or "bør"
    eforms_code: str
    label: str
    explanation: str = ""
    text_label: str = ""
    requires_justification: bool = False
    requires_specification_requirement: bool = False
    mutually_exclusive: bool = False

    @property
    def is_choice(self) -> bool:
        """Chosen by the officer (specification route, exceptions), not read off the award criteria."""
        return self.kind in (SPECIFICATION, EXCEPTION)


@dataclass(frozen=True)
class RuleSet:
    on: date
    from_value: Decimal | None
    min_weight: int | None
    ranked_top: int | None
    routes: tuple[Route, ...] = ()
    outdated: bool = False

    @property
    def in_force(self) -> bool:
        return bool(self.routes) and self.min_weight is not None and self.from_value is not None

    @property
    def text_label(self) -> str:
        return self.routes[0].text_label if self.routes else ""

    @property
    def choices(self) -> tuple[Route, ...]:
        return tuple(r for r in self.routes if r.is_choice)

    def route(self, key: str) -> Route | None:
        return next((r for r in self.routes if r.key == key), None)

    def of_kind(self, kind: str) -> Route | None:
        return next((r for r in self.routes if r.kind == kind), None)


@dataclass(frozen=True)
class Criterion:
    weight: int | None = None
    rank: int | None = None
    is_environmental: bool = False
    is_price: bool = False


@dataclass(frozen=True)
class SetUp:
    value: Decimal | None
    method: str  # WEIGHTED or RANKED
    criteria: tuple[Criterion, ...] = ()
    chosen: tuple[str, ...] = ()  # keys of the routes chosen (specification route, an exception)
    justification: str = ""
    specification_environment_requirements: int = 0


@dataclass(frozen=True)
class Check:
    level: str  # OK, WARNING, ERROR
    message: str


@dataclass
class Outcome:
    applies: bool
    environment_weight: int = 0
    total_weight: int = 0
    checks: list[Check] = field(default_factory=list)
    route: Route | None = None  # the ground the set-up meets § 7-9 on, when it does
    text_label: str = ""

    @property
    def passed(self) -> bool:
        return not any(c.level == ERROR for c in self.checks)

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if c.level == ERROR]

    @property
    def eforms_code(self) -> str | None:
        """DFØ's BT-539 code for the notice; None while the set-up does not meet § 7-9 (or it does not apply)."""
        return self.route.eforms_code if self.route and self.passed and self.applies else None


def _nok(amount) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _sanity(setup: SetUp, result: Outcome, applies: bool) -> None:
    """The award criteria's own consistency, whatever § 7-9 says."""
    criteria = setup.criteria
    if not criteria:
        result.checks.append(
            Check(
                ERROR if applies else WARNING, _("Legg til tildelingskriterier (for eksempel pris og klima og miljø).")
            )
        )
    elif setup.method == WEIGHTED:
        if result.total_weight != 100:
            result.checks.append(
                Check(
                    ERROR,
                    _("Vektene summerer til %(total)s %%; de må til sammen være 100 %%.")
                    % {"total": result.total_weight},
                )
            )
        else:
            result.checks.append(Check(OK, _("Vektene summerer til 100 %.")))
        if any(c.is_price and (c.weight or 0) == 100 for c in criteria):
            result.checks.append(Check(WARNING, _("Bare pris teller (100 %). Vurder klima og miljø eller kvalitet.")))
    else:
        ranks = sorted(c.rank for c in criteria if c.rank)
        if len(ranks) != len(criteria) or ranks != list(range(1, len(criteria) + 1)):
            result.checks.append(Check(ERROR, _("Gi hvert kriterium en egen rang: 1, 2, 3 …")))


def _chosen(setup: SetUp, rules: RuleSet, result: Outcome) -> Route | None:
    """The chosen specification route or exception, checked; None when none (or a wrong one) is chosen."""
    keys = tuple(k for k in setup.chosen if k)
    if not keys:
        return None
    routes = [rules.route(k) for k in keys]
    unknown = [k for k, r in zip(keys, routes, strict=True) if r is None or not r.is_choice]
    if unknown:
        result.checks.append(
            Check(
                ERROR,
                _("«%(key)s» er ikke et grunnlag i %(text)s. Velg et av dem som gjelder på datoen.")
                % {"key": ", ".join(unknown), "text": rules.text_label},
            )
        )
        return None
    exclusive = [r for r in routes if r.mutually_exclusive]
    if len(exclusive) > 1:
        result.checks.append(
            Check(
                ERROR,
                _("Unntakene %(labels)s utelukker hverandre; bare ett kan brukes.")
                % {"labels": " og ".join(f"«{r.label}» ({r.paragraph})" for r in exclusive)},
            )
        )
        return None
    if len(routes) > 1:
        result.checks.append(Check(ERROR, _("Velg bare ett grunnlag eller unntak etter § 7-9.")))
        return None
    route = routes[0]
    ok = True
    if route.requires_justification and not setup.justification.strip():
        result.checks.append(
            Check(
                ERROR, _("Skriv en begrunnelse for «%(label)s» (%(p)s).") % {"label": route.label, "p": route.paragraph}
            )
        )
        ok = False
    if route.requires_specification_requirement and setup.specification_environment_requirements < 1:
        result.checks.append(
            Check(
                ERROR,
                _(
                    "Kravspesifikasjonen har ingen klima- eller miljøkrav. Legg inn minst ett, eller velg et annet grunnlag."
                ),
            )
        )
        ok = False
    if not ok:
        return None
    if route.kind == EXCEPTION:
        message = _("Unntak fra § 7-9 er valgt og begrunnet: «%(label)s» (%(p)s).")
    else:
        message = _("Grunnlag etter § 7-9 er valgt og begrunnet: «%(label)s» (%(p)s).")
    result.checks.append(Check(OK, message % {"p": route.paragraph, "label": route.label}))
    return route


def _by_criteria(setup: SetUp, rules: RuleSet, result: Outcome) -> Route | None:
    if not setup.criteria:
        return None
    if setup.method == WEIGHTED:
        route = rules.of_kind(WEIGHTED)
        needed = rules.min_weight
        if route and result.environment_weight >= needed:
            result.checks.append(
                Check(
                    OK,
                    _("Klima og miljø vektes %(env)s %% (minst %(min)s %%).")
                    % {"env": result.environment_weight, "min": needed},
                )
            )
            return route
        result.checks.append(
            Check(
                ERROR,
                _("Klima og miljø vektes %(env)s %%; § 7-9 krever minst %(min)s %%, eller et annet grunnlag.")
                % {"env": result.environment_weight, "min": needed},
            )
        )
        return None
    route = rules.of_kind(RANKED)
    best = rules.ranked_top or 3
    paragraph = route.paragraph if route else "§ 7-9"
    if route and any(c.is_environmental and c.rank and c.rank <= best for c in setup.criteria):
        result.checks.append(
            Check(
                OK,
                _("Klima og miljø er blant de %(n)s øverste kriteriene (%(p)s).") % {"n": best, "p": paragraph},
            )
        )
        return route
    if route and route.obligation == "bør":
        result.checks.append(
            Check(
                WARNING,
                _("Ved rangering bør klima og miljø være blant de %(n)s øverste kriteriene (%(p)s).")
                % {"n": best, "p": paragraph},
            )
        )
        return route
    result.checks.append(
        Check(
            ERROR,
            _(
                "Ved rangering skal klima og miljø være blant de %(n)s øverste kriteriene (%(p)s), eller et annet grunnlag."
            )
            % {"n": best, "p": paragraph},
        )
    )
    return None


def outcome(setup: SetUp, rules: RuleSet) -> Outcome:
    """Whether the set-up meets § 7-9 as valid on `rules.on`, with every check in plain bokmål."""
    applies = rules.in_force and setup.value is not None and setup.value >= rules.from_value
    result = Outcome(applies=applies, text_label=rules.text_label if rules.in_force else "")
    weighted = setup.method == WEIGHTED
    if weighted:
        result.total_weight = sum(c.weight or 0 for c in setup.criteria)
        result.environment_weight = sum(c.weight or 0 for c in setup.criteria if c.is_environmental)
    _sanity(setup, result, applies)

    if not applies:
        if not rules.in_force:
            result.checks.append(Check(OK, _("Klima- og miljøregelen (§ 7-9) gjaldt ikke på denne datoen.")))
        else:
            result.checks.append(
                Check(
                    OK,
                    _("Klima- og miljøregelen (§ 7-9) gjelder ikke under %(floor)s kroner.")
                    % {"floor": _nok(rules.from_value)},
                )
            )
        return result

    chosen = _chosen(setup, rules, result)
    if any(k for k in setup.chosen) and chosen is None:
        return result  # a wrong or unjustified choice is the error to fix; the criteria cannot stand in for it
    if chosen is not None:
        result.route = chosen
    else:
        result.route = _by_criteria(setup, rules, result)
    if rules.outdated:
        result.checks.append(
            Check(WARNING, _("Regelverdiene for denne datoen er ikke lagt inn; de siste kjente er brukt."))
        )
    return result
