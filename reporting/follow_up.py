"""Indicators from the follow-up and battery-chain data, per year, each with its definition and its members.

A few queries per indicator whatever the number of years or rows; the
computing is done in Python on plain tuples.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from statistics import median

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from battery_chain.models import Product, RawMaterial, SourcingLine
from reporting.indicators import Result
from suppliers.models import Contract, Deviation, DueDiligenceRequest, EscalationStep, Response


@dataclass(frozen=True)
class Member:
    label: str
    url: str


class Family(StrEnum):
    """Where an indicator's members come from; the drill-down dispatches on it."""

    FOLLOW_UP = "follow_up"  # contracts, due-diligence requests, deviations
    BATTERY = "battery"  # products and their sourcing lines, one indicator per material


@dataclass(frozen=True)
class OtherIndicator:
    key: str
    title: str
    definition: str
    unit: str
    family: Family = Family.FOLLOW_UP
    material_slug: str = ""  # battery indicators: the raw material they measure


def _share(chosen: int, population: int) -> Result:
    if not population:
        return Result(None, 0, 0)
    return Result((Decimal(100 * chosen) / population).quantize(Decimal("0.1"), ROUND_HALF_UP), chosen, population)


def _case_url(case_id) -> str:
    return reverse("suppliers:case_detail", args=[case_id]) if case_id else ""


# ---------------------------------------------------------------- follow-up

FOLLOW_UP = (
    OtherIndicator(
        "hoy_prioritet_aktiv",
        _("Kontrakter med høy prioritet som følges aktivt opp"),
        _(
            "Teller: kontrakter med høy prioritet, aktive i året, som fikk minst én aktsomhetsforespørsel sendt eller et eskaleringssteg i året. Nevner: kontrakter med høy prioritet som var aktive i året."
        ),
        "%",
    ),
    OtherIndicator(
        "svar_i_tide",
        _("Forespørsler besvart innen fristen"),
        _(
            "Teller: sendte forespørsler med svarfrist i året der første svar, eller et begrunnet avslag etter åpenhetsloven § 6, kom senest på fristen. Nevner: sendte forespørsler med svarfrist i året."
        ),
        "%",
    ),
    OtherIndicator(
        "median_svartid",
        # The unit is shown next to the title by the templates; naming it here too doubled it.
        _("Median svartid"),
        _(
            "Medianen av dager fra forespørselen ble sendt til første svar kom, for første svar mottatt i året. Et begrunnet avslag etter åpenhetsloven § 6 regnes som svar."
        ),
        _("dager"),
    ),
    OtherIndicator(
        "apne_avvik",
        _("Åpne avvik"),
        _("Antall avvik oppdaget i året som fortsatt er åpne."),
        _("antall"),
    ),
)


def _contracts(organization):
    rows = list(
        Contract.objects.filter(organization=organization, priority=Contract.Priority.HIGH).values_list(
            "pk", "title", "start_date", "end_date"
        )
    )
    activity: dict[int, set[int]] = defaultdict(set)
    requests = DueDiligenceRequest.objects.filter(case__contract__in=[r[0] for r in rows], sent_on__isnull=False)
    for contract_id, sent_on in requests.values_list("case__contract_id", "sent_on"):
        activity[contract_id].add(sent_on.year)
    steps = EscalationStep.objects.filter(case__contract__in=[r[0] for r in rows])
    for contract_id, day in steps.values_list("case__contract_id", "date"):
        activity[contract_id].add(day.year)
    return rows, activity


def _requests(organization):
    first_answer = dict(
        Response.objects.filter(request__case__organization=organization)
        .values("request_id")
        .annotate(first=Min("received_on"))
        .values_list("request_id", "first")
    )
    rows = list(
        DueDiligenceRequest.objects.filter(case__organization=organization, sent_on__isnull=False).values_list(
            "pk", "subject", "case_id", "sent_on", "deadline", "refused_on"
        )
    )
    # A refusal on one of åpenhetsloven § 6's grounds is the supplier's answer, not a missing one.
    for pk, *_fields, refused_on in rows:
        if refused_on:
            first_answer[pk] = min(first_answer.get(pk, refused_on), refused_on)
    return [row[:5] for row in rows], first_answer


def follow_up_results(organization, years: list[int]) -> dict[str, list[Result]]:
    contracts, activity = _contracts(organization)
    requests, first_answer = _requests(organization)
    open_deviations = list(
        Deviation.objects.filter(case__organization=organization, status=Deviation.Status.OPEN).values_list(
            "found_on", flat=True
        )
    )
    results: dict[str, list[Result]] = {i.key: [] for i in FOLLOW_UP}
    for year in years:
        active = [c for c in contracts if c[2].year <= year <= c[3].year]
        followed = [c for c in active if year in activity[c[0]]]
        results["hoy_prioritet_aktiv"].append(_share(len(followed), len(active)))

        due = [r for r in requests if r[4] and r[4].year == year]
        on_time = [r for r in due if first_answer.get(r[0]) and first_answer[r[0]] <= r[4]]
        results["svar_i_tide"].append(_share(len(on_time), len(due)))

        days = [
            (first_answer[r[0]] - r[3]).days
            for r in requests
            if first_answer.get(r[0]) and first_answer[r[0]].year == year
        ]
        value = Decimal(median(days)).quantize(Decimal("0.1"), ROUND_HALF_UP) if days else None
        results["median_svartid"].append(Result(value, len(days), len(days)))

        count = sum(1 for found in open_deviations if found.year == year)
        results["apne_avvik"].append(Result(Decimal(count), count, count))
    return results


def follow_up_members(organization, key: str, year: int) -> list[Member]:
    if key == "hoy_prioritet_aktiv":
        contracts, activity = _contracts(organization)
        return [
            Member(title, reverse("suppliers:contract_detail", args=[pk]))
            for pk, title, start, end in contracts
            if start.year <= year <= end.year and year in activity[pk]
        ]
    if key in ("svar_i_tide", "median_svartid"):
        requests, first_answer = _requests(organization)
        if key == "svar_i_tide":
            chosen = [
                r
                for r in requests
                if r[4] and r[4].year == year and first_answer.get(r[0]) and first_answer[r[0]] <= r[4]
            ]
        else:
            chosen = [r for r in requests if first_answer.get(r[0]) and first_answer[r[0]].year == year]
        return [Member(subject, _case_url(case_id)) for _pk, subject, case_id, _sent, _deadline in chosen]
    deviations = Deviation.objects.filter(
        case__organization=organization, status=Deviation.Status.OPEN, found_on__year=year
    ).values_list("title", "case_id")
    return [Member(title, _case_url(case_id)) for title, case_id in deviations]


# ---------------------------------------------------------------- battery chains


def battery_indicators() -> list[OtherIndicator]:
    """One per material the EU Battery Regulation puts a due-diligence duty on."""
    return [
        OtherIndicator(
            f"gruveniva_{m.slug}",
            _("Produkter med opprinnelse til gruvenivå: %(material)s") % {"material": m},
            _(
                "Teller: organisasjonens produkter med minst én opprinnelseslinje for råvaren som oppgir gruvens land, med opplysningsdato senest i året. Nevner: organisasjonens produkter registrert senest i året."
            ),
            "%",
            family=Family.BATTERY,
            material_slug=m.slug,
        )
        for m in RawMaterial.objects.filter(battery_regulation_due_diligence=True)
    ]


def _mine_level(organization):
    products = list(Product.objects.filter(organization=organization).values_list("pk", "name", "created_at"))
    lines = SourcingLine.objects.filter(pack__product__organization=organization).exclude(mine_country="")
    disclosed: dict[tuple[str, int], date] = {}
    for slug, product_id, source_date in lines.values_list("material__slug", "pack__product_id", "source_date"):
        when = source_date or date.min
        key = (slug, product_id)
        disclosed[key] = min(disclosed.get(key, when), when)
    return products, disclosed


def battery_results(organization, years: list[int], chosen: list[OtherIndicator]) -> dict[str, list[Result]]:
    products, disclosed = _mine_level(organization)
    results = {}
    for indicator in chosen:
        key, slug = indicator.key, indicator.material_slug
        results[key] = []
        for year in years:
            existing = [p for p in products if p[2].year <= year]
            known = [p for p in existing if (slug, p[0]) in disclosed and disclosed[(slug, p[0])].year <= year]
            results[key].append(_share(len(known), len(existing)))
    return results


def battery_members(organization, indicator: OtherIndicator, year: int) -> list[Member]:
    products, disclosed = _mine_level(organization)
    slug = indicator.material_slug
    return [
        Member(name, reverse("battery_chain:product", args=[pk]))
        for pk, name, created in products
        if created.year <= year and (slug, pk) in disclosed and disclosed[(slug, pk)].year <= year
    ]


# ---------------------------------------------------------------- drill-down


def other_indicator(key: str) -> OtherIndicator | None:
    """A follow-up or battery indicator by key, or None."""
    return {i.key: i for i in [*FOLLOW_UP, *battery_indicators()]}.get(key)


def members(organization, indicator: OtherIndicator, year: int) -> list[Member]:
    """The contracts, requests, deviations or products behind one number."""
    if indicator.family == Family.BATTERY:
        return battery_members(organization, indicator, year)
    return follow_up_members(organization, indicator.key, year)
