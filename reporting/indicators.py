"""The computed indicators: each with its written definition and the rule that decides what counts.

The page, the exports and the drill-down all call `compute` and `members` here,
so the numbers and the definitions cannot drift apart.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from procurement.models import Procurement, ProcurementKind
from reporting.facts import ProcurementFacts

Predicate = Callable[[ProcurementFacts], bool]
EVERY = lambda f: True  # noqa: E731


# A share over fewer cases than this moves a lot with one case more or less: the dashboard says so.
SMALL_SAMPLE = 5


@dataclass(frozen=True)
class Result:
    value: Decimal | None  # None: nothing to measure (empty denominator)
    numerator: int
    denominator: int

    @property
    def small_sample(self) -> bool:
        return 0 < self.denominator < SMALL_SAMPLE


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    definition: str
    unit: str
    population: Predicate  # the denominator: which counted procurements the indicator is about
    selected: Predicate  # the numerator (for a share) or whose values are averaged
    average_of: Callable[[ProcurementFacts], int] | None = None
    value_label: str = ""  # for an average: what each procurement's own value is, in the drill-down

    def members(self, rows: list[ProcurementFacts], part: str = "teller") -> list[ProcurementFacts]:
        population = [f for f in rows if self.population(f)]
        return population if part == "nevner" else [f for f in population if self.selected(f)]

    def compute(self, rows: list[ProcurementFacts]) -> Result:
        return self.compute_groups([(f, 1) for f in rows])

    def compute_groups(self, groups: list[tuple[ProcurementFacts, int]]) -> Result:
        """The result over facts that come with a count each (``facts.fact_groups``)."""
        population = [(f, n) for f, n in groups if self.population(f)]
        chosen = [(f, n) for f, n in population if self.selected(f)]
        size, hits = sum(n for _, n in population), sum(n for _, n in chosen)
        if self.average_of is not None:
            if not hits:
                return Result(None, 0, size)
            mean = Decimal(sum(self.average_of(f) * n for f, n in chosen)) / hits
            return Result(mean.quantize(Decimal("0.1"), ROUND_HALF_UP), hits, size)
        if not size:
            return Result(None, 0, 0)
        share = Decimal(100 * hits) / size
        return Result(share.quantize(Decimal("0.1"), ROUND_HALF_UP), hits, size)


def _goods(f):
    return f.kind == ProcurementKind.GOODS


def _env(f):
    return f.has_environment


COUNTED = _(
    "Teller med: publiserte anskaffelser (året for publisering), ikke avlyste, med anslått verdi på minst "
    "100 000 kroner eks. mva."
)

TENDER_INDICATORS = (
    Indicator(
        "varer_med_miljo",
        _("Vareanskaffelser med klima og miljø som tildelingskriterium"),
        _(
            "Teller: vareanskaffelser med minst ett tildelingskriterium merket «klima og miljø» som har vekt eller rang. Nevner: alle vareanskaffelser."
        ),
        "%",
        _goods,
        _env,
    ),
    Indicator(
        "alle_med_miljo",
        _("Anskaffelser med klima og miljø som tildelingskriterium"),
        _(
            "Teller: anskaffelser med minst ett tildelingskriterium merket «klima og miljø» som har vekt eller rang. Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        _env,
    ),
    Indicator(
        "snitt_miljovekt",
        _("Gjennomsnittlig vekt på klima og miljø der det brukes"),
        _(
            "Gjennomsnittet av summen av vektene på kriterier merket «klima og miljø», blant anskaffelser som vekter i prosent og har slike kriterier. Rangerte anskaffelser er ikke med."
        ),
        "%",
        lambda f: f.weighted,
        lambda f: f.environment_weight > 0,
        average_of=lambda f: f.environment_weight,
        value_label=_("Vekt på klima og miljø (%)"),
    ),
    Indicator(
        "miljo_30",
        _("Anskaffelser med klima og miljø vektet 30 % eller mer"),
        _(
            "Teller: anskaffelser som vekter i prosent og gir klima og miljø til sammen minst 30 %. Nevner: alle anskaffelser (også rangerte og de som bruker unntak)."
        ),
        "%",
        EVERY,
        lambda f: f.weighted and f.environment_weight >= 30,
    ),
    Indicator(
        "miljoledelse",
        _("Anskaffelser som krever miljøledelsessystem av leverandøren"),
        _(
            "Teller: anskaffelser med minst ett krav merket som krav om miljøledelse (ISO 14001, EMAS eller tilsvarende). Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        lambda f: f.environmental_management,
    ),
    Indicator(
        "bare_pris",
        _("Anskaffelser der pris vektes 100 %"),
        _("Teller: anskaffelser der et priskriterium har vekt 100 %. Nevner: alle anskaffelser."),
        "%",
        EVERY,
        lambda f: f.price_only,
    ),
    Indicator(
        "unntak_kravspesifikasjon",
        _("Anskaffelser som bruker unntaket for krav i kravspesifikasjonen"),
        _(
            "Teller: anskaffelser der unntaket «krav i kravspesifikasjonen gir klart bedre klima- og miljøeffekt» er valgt. Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        lambda f: f.rule_exception == Procurement.RuleException.SPECIFICATION,
    ),
    Indicator(
        "unntak_ubetydelig",
        _("Anskaffelser som bruker unntaket for ubetydelig klima- og miljøavtrykk"),
        _("Teller: anskaffelser der unntaket «ubetydelig klima- og miljøavtrykk» er valgt. Nevner: alle anskaffelser."),
        "%",
        EVERY,
        lambda f: f.rule_exception == Procurement.RuleException.INSIGNIFICANT,
    ),
    Indicator(
        "unntak_kritisk_interesse",
        _("Anskaffelser som bruker unntaket for helse, sikkerhet eller beredskap"),
        _(
            "Teller: anskaffelser der unntaket for vesentlige interesser innen helse, sikkerhet eller beredskap (§ 7-9 (3), fra 1. juli 2026) er valgt. Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        lambda f: f.rule_exception == Procurement.RuleException.CRITICAL_INTEREST,
    ),
    Indicator(
        "unntak_nasjonalt_minstekrav",
        _("Anskaffelser som bruker unntaket for lovpålagte minstekrav"),
        _(
            "Teller: anskaffelser der unntaket for lovpålagte standardiserte minstekrav til klima eller miljø (§ 7-9 (4), fra 1. juli 2026) er valgt. Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        lambda f: f.rule_exception == Procurement.RuleException.NATIONAL_MINIMUM,
    ),
    Indicator(
        "rangert_uten_unntak",
        _("Anskaffelser som rangerer tildelingskriteriene"),
        _(
            "Teller: anskaffelser som rangerer kriteriene i stedet for å vekte dem, uten kravspesifikasjon eller unntak som grunnlag. Nevner: alle anskaffelser."
        ),
        "%",
        EVERY,
        lambda f: not f.weighted and not f.rule_exception,
    ),
    Indicator(
        "hoyrisiko_med_klausul",
        _("Høyrisikoanskaffelser med menneskerettighetsklausul"),
        _(
            "Teller: anskaffelser i kategorier på DFØs høyrisikoliste som har menneskerettighetsklausulen. Nevner: alle anskaffelser i slike kategorier."
        ),
        "%",
        lambda f: f.high_risk,
        lambda f: f.human_rights_clause,
    ),
)
BY_KEY = {i.key: i for i in TENDER_INDICATORS}


def table(groups: list[tuple[ProcurementFacts, int]], years: list[int]) -> list[tuple[Indicator, list[Result]]]:
    """Each indicator with one result per year, in the order of `years` (groups from ``facts.fact_groups``)."""
    by_year: dict[int, list[tuple[ProcurementFacts, int]]] = {y: [] for y in years}
    for f, n in groups:
        if f.year in by_year:
            by_year[f.year].append((f, n))
    return [(indicator, [indicator.compute_groups(by_year[y]) for y in years]) for indicator in TENDER_INDICATORS]
