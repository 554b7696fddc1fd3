"""The facts of each counted procurement that every tender indicator reads.

The dashboard reads them grouped and counted from the summary (`fact_groups`); the
drill-down, which names procurements, computes them live (`facts`).

What counts (the definitions on the dashboard say the same): procurements of the
organisation that were published (the year is the year of publication), not
cancelled, and worth at least the § 7-9 floor of 100 000 NOK ex. VAT.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from procurement.models import Procurement
from reporting.models import FactGroup

COUNTED_FROM_VALUE = Decimal(100_000)


@dataclass(frozen=True)
class ProcurementFacts:
    pk: int
    year: int
    kind: str
    category_id: int
    high_risk: bool
    weighted: bool
    has_environment: bool  # an award criterion flagged "klima og miljø" that carries weight or a rank
    environment_weight: int  # sum of the environmental criteria's weights (weighted method only)
    price_only: bool  # a price criterion weighted 100 %
    environmental_management: bool  # a requirement asks for ISO 14001 / EMAS or equivalent
    human_rights_clause: bool
    rule_exception: str


def counting(procurements):
    """The procurements of a queryset that count (the real model, or a migration's historical one)."""
    return procurements.filter(published_at__isnull=False, estimated_value__gte=COUNTED_FROM_VALUE).exclude(
        status=Procurement.Status.CANCELLED
    )


def counted(organization, *, category_id=None, kind=None, cpv_division=None):
    qs = counting(Procurement.objects.filter(organization=organization))
    if category_id:
        qs = qs.filter(category_id=category_id)
    if kind:
        qs = qs.filter(kind=kind)
    if cpv_division:
        qs = qs.filter(main_cpv__division=cpv_division)
    return qs


# The facts after year, kind and category, in the order _fact takes them (the summary's key ends alike).
AWARD_AND_CLAUSE_FACTS = ("award_method", "env_weight", "has_env", "price_only", "has_ems", "has_hr", "rule_exception")
_COLUMNS = ("year_published", "kind", "category_id", "category__high_risk", *AWARD_AND_CLAUSE_FACTS)


def with_facts(procurements):
    """Each procurement with its facts computed from its award criteria and requirements.

    The live computation: the drill-down reads it, and it is what the summary
    (reporting/fact_summary.py) is refreshed and rebuilt from. The child models come
    from the queryset's own model, so a migration can run it on historical models.
    """
    meta = procurements.model._meta
    awards = meta.get_field("award_criteria").related_model.objects.filter(procurement=OuterRef("pk"))
    requirements = meta.get_field("requirements").related_model.objects.filter(procurement=OuterRef("pk"))
    environment_weight = (
        awards.filter(is_environmental=True).values("procurement").annotate(total=Sum("weight")).values("total")
    )
    return procurements.annotate(
        year_published=ExtractYear("published_at"),
        env_weight=Coalesce(Subquery(environment_weight, output_field=IntegerField()), Value(0)),
        has_env=Exists(awards.filter(Q(is_environmental=True) & (Q(weight__gt=0) | Q(rank__isnull=False)))),
        price_only=Exists(awards.filter(is_price=True, weight=100)),
        has_ems=Exists(requirements.filter(environmental_management=True)),
        has_hr=Exists(requirements.filter(human_rights_clause=True)),
    )


def _annotated(organization, *, category_id=None, kind=None, cpv_division=None, years=None):
    qs = with_facts(counted(organization, category_id=category_id, kind=kind, cpv_division=cpv_division))
    if years:
        years = list(years)
        # The range on published_at itself can use the (organisation, published_at) index;
        # the IN on the extracted year cannot, and only drops years skipped inside the range.
        qs = qs.filter(published_at__year__gte=min(years), published_at__year__lte=max(years))
        qs = qs.filter(year_published__in=years)
    return qs


def _fact(pk, year, kind_, category, high_risk, method, env_weight, has_env, price_only, ems, hr, exception):
    return ProcurementFacts(
        pk=pk,
        year=year,
        kind=kind_,
        category_id=category,
        high_risk=high_risk,
        weighted=method == Procurement.AwardMethod.WEIGHTED,
        has_environment=has_env,
        environment_weight=env_weight if method == Procurement.AwardMethod.WEIGHTED else 0,
        price_only=price_only,
        environmental_management=ems,
        human_rights_clause=hr,
        rule_exception=exception,
    )


def facts(organization, *, category_id=None, kind=None, cpv_division=None, years=None) -> list[ProcurementFacts]:
    """One row per counted procurement: for the drill-down, which names the procurements."""
    qs = _annotated(organization, category_id=category_id, kind=kind, cpv_division=cpv_division, years=years)
    return [_fact(*row) for row in qs.values_list("pk", *_COLUMNS)]


def fact_groups(
    organization, *, category_id=None, kind=None, cpv_division=None, years=None
) -> list[tuple[ProcurementFacts, int]]:
    """One row per distinct combination of facts, with its count: what the dashboard computes from.

    Read from the summary kept on every write (reporting/fact_summary.py): the rows of
    the organisation's years, a few dozen, whatever the length of its history (pk is 0
    in a group). The groups are summed over the CPV divisions the filter does not name.
    """
    qs = FactGroup.objects.filter(organization=organization, count__gt=0)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if kind:
        qs = qs.filter(kind=kind)
    if cpv_division:
        qs = qs.filter(cpv_division=cpv_division)
    if years:
        qs = qs.filter(year__in=list(years))
    columns = ("year", *_COLUMNS[1:3], "category__high_risk", *_COLUMNS[4:])
    grouped = qs.order_by().values_list(*columns).annotate(n=Sum("count"))
    return [(_fact(0, *row[:-1]), row[-1]) for row in grouped]


def live_fact_groups(
    organization, *, category_id=None, kind=None, cpv_division=None, years=None
) -> list[tuple[ProcurementFacts, int]]:
    """The same groups computed from the procurements themselves (linear in the history).

    The reference the summary must always equal: the tests compare the two after every write.
    """
    qs = _annotated(organization, category_id=category_id, kind=kind, cpv_division=cpv_division, years=years)
    grouped = qs.order_by().values_list(*_COLUMNS).annotate(n=Count("pk"))
    return [(_fact(0, *row[:-1]), row[-1]) for row in grouped]
