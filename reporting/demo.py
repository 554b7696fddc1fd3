"""Four years of Bergen's published procurements whose indicators move the way Bærum's did (DOMAIN.md §7).

History is written straight to the tables: these procurements were published
in earlier years, before the product existed, and have no builder history.
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.models import Organization
from criteria.models import Category
from procurement import rules, seven_nine
from procurement.models import AwardCriterion, Procurement, Requirement
from reporting import fact_summary
from reporting.models import EnteredValue

BERGEN = "964338531"
PER_YEAR, GOODS = 50, 10
# Bærum 2018 → 2021, spread over four years: (first, last) for each measure.
GOODS_ENV = (0.31, 0.68)
ALL_ENV = (0.14, 0.36)
AVERAGE_WEIGHT = (21, 27)
AT_LEAST_30 = (0.06, 0.23)
EMS = (0.22, 0.58)
PRICE_ONLY = (0.15, 0.06)
HUMAN_RIGHTS_CLAUSE = (0.2, 0.7)  # of the procurements in high-risk categories
CATEGORIES = ["kontorrekvisita", "renhold-mykpapir-og-engangsprodukter", "mat-og-maltider", "avfall", "bygg-og-anlegg"]


def _at(measure, step: int) -> float:
    first, last = measure
    return first + (last - first) * step / 3


def _weights(env_count: int, at_least_30: int, average: float) -> list[int]:
    """Environmental weights for a year: some at 30–40 %, the rest below 30 so the mean is `average`."""
    high = [30 + 5 * (i % 3) for i in range(at_least_30)]
    rest = env_count - at_least_30
    if rest <= 0:
        return high
    remaining = round(average * env_count) - sum(high)
    low = max(5, min(25, remaining // rest))
    return high + [low] * rest


def _year(org, year: int, step: int, categories) -> int:
    n_goods_env = round(GOODS * _at(GOODS_ENV, step))
    n_env = max(round(PER_YEAR * _at(ALL_ENV, step)), n_goods_env)
    weights = _weights(n_env, min(round(PER_YEAR * _at(AT_LEAST_30, step)), n_env), _at(AVERAGE_WEIGHT, step))
    n_ems = round(PER_YEAR * _at(EMS, step))
    n_price_only = round(PER_YEAR * _at(PRICE_ONLY, step))
    when = datetime(year, 5, 1, 10, tzinfo=UTC)
    made = Procurement.objects.bulk_create(
        Procurement(
            organization=org,
            year=year,
            sequence=i + 1,
            reference=f"{year}/{i + 1:03d}",
            title=f"Rammeavtale {year}-{i + 1:02d}",
            category=categories[i % len(categories)],
            kind="varer" if i < GOODS else "tjenester",
            estimated_value=Decimal(500_000 + 10_000 * i),
            status=Procurement.Status.COMPLETED,
            published_at=when,
        )
        for i in range(PER_YEAR)
    )
    # Environmental criteria: first the goods that have one, then services.
    env_indices = list(range(n_goods_env)) + list(range(GOODS, GOODS + n_env - n_goods_env))
    awards = []
    for index, weight in zip(env_indices, weights, strict=True):
        awards.append(
            AwardCriterion(procurement=made[index], name="Klima og miljø", weight=weight, is_environmental=True)
        )
        awards.append(AwardCriterion(procurement=made[index], name="Pris", weight=100 - weight, is_price=True))
    others = [p for i, p in enumerate(made) if i not in set(env_indices)]
    for i, p in enumerate(others):
        awards.append(AwardCriterion(procurement=p, name="Pris", weight=100 if i < n_price_only else 70, is_price=True))
        if i >= n_price_only:
            awards.append(AwardCriterion(procurement=p, name="Kvalitet", weight=30))
    AwardCriterion.objects.bulk_create(awards)
    _meet_seven_nine(made, awards, when.date())
    Requirement.objects.bulk_create(
        Requirement(
            procurement=p,
            section="kvalifikasjonskrav",
            title="Miljøledelsessystem",
            text="Leverandøren skal ha ISO 14001, EMAS eller tilsvarende.",
            environmental_management=True,
            environmental=True,
        )
        for p in made[PER_YEAR - n_ems :]
    )
    risky = [p for p in made if p.category.high_risk]
    Requirement.objects.bulk_create(
        Requirement(
            procurement=p,
            section="kontraktsvilkar",
            title="Grunnleggende menneskerettigheter i leverandørkjeden",
            text="Leverandøren skal arbeide for at varene er produsert i samsvar med grunnleggende menneskerettigheter.",
            human_rights_clause=True,
            social=True,
        )
        for p in risky[: round(len(risky) * _at(HUMAN_RIGHTS_CLAUSE, step))]
    )
    return len(made)


# What Bergen's officers wrote when a tender met § 7-9 through the specification or an exception.
SPEC_REQUIREMENT = (
    "Miljøkrav til produktene",
    "Produktene skal oppfylle kravene til Svanemerket eller tilsvarende; dokumentasjon ved tilbud.",
)
SPEC_JUSTIFICATION = (
    "Miljømerkekravet i kravspesifikasjonen gir klart bedre miljøeffekt enn et tildelingskriterium: "
    "markedet har mange merkede produkter, og alle leveranser må oppfylle det."
)
INSIGNIFICANT_JUSTIFICATION = (
    "Avtalen gjelder små, standardiserte leveranser som hentes lokalt; klimaavtrykket og "
    "miljøbelastningen er uvesentlige."
)
# Categories where an insignificant footprint is believable; elsewhere the specification route is used.
LOW_FOOTPRINT = {"kontorrekvisita", "mat-og-maltider"}


def _meet_seven_nine(made, awards, on) -> None:
    """Give each procurement that fails § 7-9 on its date the ground a careful officer would have used.

    The historic tenders below 30 % must not show as breaches in the demo: Bergen
    used the specification route or the exception for an insignificant footprint,
    justified, and the exception KPIs show that mix. Which routes exist comes from
    the rule rows valid on the date.
    """
    rule_set = rules.rule_set_on(on)
    spec, insignificant = rule_set.of_kind(seven_nine.SPECIFICATION), rule_set.route("ubetydelig")
    if not rule_set.in_force or spec is None:
        return
    by_procurement: dict[int, list] = {}
    for a in awards:
        by_procurement.setdefault(a.procurement_id, []).append(
            seven_nine.Criterion(weight=a.weight, is_environmental=a.is_environmental, is_price=a.is_price)
        )
    changed, requirements = [], []
    for p in made:
        setup = seven_nine.SetUp(value=p.estimated_value, method=p.award_method, criteria=tuple(by_procurement[p.pk]))
        if seven_nine.outcome(setup, rule_set).passed:
            continue
        if insignificant and p.category.slug in LOW_FOOTPRINT and not any(c.is_environmental for c in setup.criteria):
            p.rule_exception, p.rule_exception_justification = insignificant.key, INSIGNIFICANT_JUSTIFICATION
        else:
            p.rule_exception, p.rule_exception_justification = spec.key, SPEC_JUSTIFICATION
            title, text = SPEC_REQUIREMENT
            requirements.append(
                Requirement(procurement=p, section="kravspesifikasjon", title=title, text=text, environmental=True)
            )
        changed.append(p)
    Procurement.objects.bulk_update(changed, ["rule_exception", "rule_exception_justification"])
    Requirement.objects.bulk_create(requirements)


ENTERED = [
    # indicator, detail, unit, source, values for the four years
    ("miljomerket_andel", "Kontorrekvisita", "%", "Leverandørrapporter", [38, 45, 52, 61]),
    ("flyreiser", "", "antall", "Reisebyrået", [820, 640, 590, 510]),
    ("flyreiser_co2", "", "kg CO2", "Reisebyrået", [162_000, 128_000, 117_000, 101_000]),
    ("e_faktura_andel", "", "%", "Økonomisystemet", [71, 78, 84, 90]),
]


@transaction.atomic
def load(out) -> dict:
    org = Organization.objects.filter(orgnr=BERGEN).first()
    if org is None:
        return {"historic procurements": 0}
    first = timezone.localdate().year - 4
    years = list(range(first, first + 4))
    if Procurement.objects.filter(organization=org, year=first).exists():
        return {"historic procurements": 0}
    categories = list(Category.objects.filter(slug__in=CATEGORIES)) or list(
        Category.objects.filter(applies_to_all=False)[:3]
    )
    made = sum(_year(org, year, step, categories) for step, year in enumerate(years))
    fact_summary.rebuild(org.pk)  # written in bulk, past the signals that keep the summary
    for indicator, detail, unit, source, values in ENTERED:
        for year, value in zip(years, values, strict=True):
            EnteredValue.objects.get_or_create(
                organization=org,
                indicator=indicator,
                detail=detail,
                year=year,
                defaults={"value": Decimal(value), "unit": unit, "source": source},
            )
    return {"historic procurements": made}
