"""Demo suppliers, contracts, priorities and certificates (loaded by `manage.py load_demo` after procurement).

Bergen's EV leasing contract of 2017–2021 (DOMAIN.md section 4), an IT contract, and two
contracts of Vestland fylkeskommune: one with the same leasing company (one supplier record,
each organisation's own contacts) and the city-bus contract (Skyss) made from the demo bus tender.
Company names other than LG Energy Solution, and all identifiers, are invented for the demo.
Safe to run again: every row is looked up by its natural key first.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.models import Organization
from core.validators import orgnr_check_digit
from criteria.models import Category, Criterion, Level
from criteria.services import texts_for_tender
from procurement.models import PLACEHOLDER, Procurement
from suppliers.models import Certificate, Contract, Supplier, SupplierContact, SupplierProfile
from suppliers.register import services

BERGEN, VESTLAND = "964338531", "821311632"
BERGEN_FOLLOWER = "oppfolger@bergen.example"
VESTLAND_FOLLOWER = "admin@vestland.example"
BUS_TENDER = "Elektriske busser for bybusstrafikken"


def valid_orgnr(first_eight: str) -> str:
    """The first valid organisasjonsnummer from eight digits upwards (mod-11 check digit)."""
    base = int(first_eight)
    while orgnr_check_digit(f"{base:08d}") is None:
        base += 1
    first = f"{base:08d}"
    return f"{first}{orgnr_check_digit(first)}"


SUPPLIERS = {
    "leasing": {
        "name": "Grønn Flåte Leasing AS",
        "orgnr": valid_orgnr("91870012"),
        "address": "Damsgårdsveien 50\n5058 Bergen",
        "transparency_act": "omfattet",
    },
    "importer": {
        "name": "Nordisk Elbilimport AS",
        "orgnr": valid_orgnr("92430055"),
        "address": "Drammensveien 130\n0277 Oslo",
        "transparency_act": "omfattet",
    },
    "it": {
        "name": "Fjordnett IT-drift AS",
        "orgnr": valid_orgnr("93310078"),
        "address": "Kokstadvegen 20\n5257 Kokstad",
        "transparency_act": "omfattet",
    },
    "cells": {
        "name": "LG Energy Solution, Ltd.",
        "country": "KR",
        "foreign_id": "DEMO-KR-1101114406",
        "address": "108 Yeoui-daero, Yeongdeungpo-gu, Seoul",
        # Åpenhetsloven covers enterprises in Norway and foreign ones taxable here; neither maker is.
        "transparency_act": "ikke_omfattet",
    },
    "buses": {
        "name": "Huaxia Electric Bus Co., Ltd.",
        "country": "CN",
        "foreign_id": "DEMO-CN-91410100MA",
        "address": "Zhengzhou, Henan",
        "transparency_act": "ikke_omfattet",
    },
}

EV_FACTORS = {
    "high_risk_countries": True,  # cobalt from DR Congo, lithium and nickel from several countries
    "strong_market_position": True,  # the car makers and their cell suppliers
    "low_credibility": True,  # answers late and without mine-level data
    "unknown_risk": True,  # only one car maker disclosed mine level
    "comment": "Batterikjeden til leasede elbiler: bare LG Chem (Renault Zoe) oppga gruvenivå.",
}
EV_PLAN = (
    "Forventningsbrev juni 2020 med fire måneders frist; nytt brev desember 2020; møter med leasingselskapet "
    "og importøren januar og mai 2021; kontakt med OECDs kontaktpunkt våren 2021."
)


# What Bergen has checked about each supplier itself (its own view, not the shared record).
MEMBERSHIPS = {
    "leasing": {"member_ethical_trade_norway": True},
    "it": {"member_global_compact": True},
    "cells": {"member_rba": True, "member_global_compact": True},
}


def _supplier(key: str, owner, created: dict) -> Supplier:
    """The shared supplier, owned by the organisation that registers it first (Bergen in the demo)."""
    data = {"country": "NO", "orgnr": "", "foreign_id": "", **SUPPLIERS[key]}
    found = services.existing_supplier(orgnr=data["orgnr"], country=data["country"], foreign_id=data["foreign_id"])
    if found is None:
        found = Supplier.objects.create(**data, owner=owner)
        created["suppliers"] += 1
    elif found.owner_id is None:
        found.owner = owner
        found.save(update_fields=["owner"])
    found.registered_by.add(owner)
    if key in MEMBERSHIPS:
        SupplierProfile.objects.get_or_create(organization=owner, supplier=found, defaults=MEMBERSHIPS[key])
    return found


def _contact(org, supplier, name, role, email, created):
    _c, was_created = SupplierContact.objects.get_or_create(
        organization=org, supplier=supplier, name=name, defaults={"role": role, "email": email}
    )
    created["contacts"] += was_created


def _certificate(org, supplier, kind, valid_until, created, **fields):
    _c, was_created = Certificate.objects.get_or_create(
        organization=org, supplier=supplier, kind=kind, defaults={"valid_until": valid_until, **fields}
    )
    created["certificates"] += was_created


def _contract(org, user, reference, suppliers, data, created, *, factors=None, plan=None, obligations=()) -> Contract:
    existing = Contract.objects.filter(organization=org, reference=reference).first()
    if existing is not None:
        return existing
    contract = services.create_contract(
        organization=org, user=user, data={"reference": reference, "responsible": user, **data}, suppliers=suppliers
    )
    for number, (title, text) in enumerate(obligations, start=1):
        services.add_obligation(
            contract=contract,
            user=user,
            data={"number": str(number), "title": title, "text": text, "human_rights": True},
        )
    if factors:
        services.assess_priority(contract=contract, user=user, data=factors)
    if plan:
        services.save_plan(contract=contract, user=user, planned_followups=plan[0], followup_plan=plan[1])
    created["contracts"] += 1
    return contract


def _transparency_clause() -> list[tuple[str, str]]:
    criterion = (
        Criterion.objects.filter(organization=None, code="BIL-APEN-01").select_related("current_revision").first()
    )
    if criterion is None:
        return []
    level = Level.BASIC if criterion.has_basis else Level.ADVANCED
    texts = texts_for_tender(criterion=criterion, level=level)
    # The answer deadline Bergen used in its letters: four weeks.
    return [(texts.title, PLACEHOLDER.sub("4", texts.text))]


def _bus_contract(county, user, bus_maker, created):
    """The county's (Vestland/Skyss) contract from the demo bus tender, after its evaluation and standstill period.

    The tender is evaluated here, dated back (procurement.evaluation.demo.evaluate_buses), and
    the contract signed with the winner after the standstill end, as the cleaning tender's is.
    """
    from procurement.evaluation import demo as evaluation_demo

    tender = Procurement.objects.filter(organization=county, title=BUS_TENDER).first()
    if tender is None or tender.contracts.exists():
        return
    evaluation_demo.evaluate_buses(tender)
    decision = _open_decision(procurement=tender)
    if decision is None:
        return
    signed = decision.standstill_end + timedelta(days=5)
    # The contract starts on the first of the month after the signature.
    start = (signed.replace(day=1) + timedelta(days=32)).replace(day=1)
    # The winner's buses come from this maker; the county follows its battery chain too.
    bus_maker.registered_by.add(county)
    contract = services.sign_awarded_contract(
        organization=county,
        user=user,
        procurement=tender,
        signed_on=signed,
        data={
            "reference": "VLFK-2026-BUSS",
            "start_date": start,
            "end_date": date(start.year + tender.contract_months // 12, start.month, 1),
            "option_months": tender.option_months,
            "value": decision.winner.price,
            "responsible": user,
        },
    )
    services.assess_priority(
        contract=contract,
        user=user,
        data={"high_risk_countries": True, "strategic_importance": True, "unknown_risk": True},
    )
    created["contracts"] += 1


def _open_decision(**lookup):
    """An award decision with a standstill period whose contract is not signed yet."""
    from procurement.evaluation.models import AwardDecision

    return (
        AwardDecision.objects.select_related("winner", "procurement")
        .filter(contract_signed_on__isnull=True, standstill_end__isnull=False, **lookup)
        .first()
    )


def _cleaning_contract(bergen, user, created):
    """The evaluated and awarded cleaning tender: signed after its standstill period, with the promises as targets."""
    decision = _open_decision(procurement__organization=bergen)
    if decision is None:
        return
    signed = decision.standstill_end + timedelta(days=5)
    start = signed + timedelta(days=5)
    services.sign_awarded_contract(
        organization=bergen,
        user=user,
        procurement=decision.procurement,
        signed_on=signed,
        data={
            "reference": "BK-2026-RENHOLD",
            "start_date": start,
            "end_date": start + timedelta(days=decision.procurement.contract_months * 30),
            "option_months": decision.procurement.option_months,
            "value": decision.winner.price,
            "responsible": user,
        },
    )
    created["contracts"] += 1


@transaction.atomic
def load(out) -> dict:
    created = {"suppliers": 0, "contacts": 0, "certificates": 0, "contracts": 0}
    bergen = Organization.objects.filter(orgnr=BERGEN).first()
    users = (
        get_user_model()
        .objects.filter(username__in=[BERGEN_FOLLOWER, VESTLAND_FOLLOWER])
        .in_bulk(field_name="username")
    )
    categories = Category.objects.in_bulk(["kjoretoy-og-transport", "ikt-utstyr"], field_name="slug")
    if bergen is None or BERGEN_FOLLOWER not in users or len(categories) < 2:
        return created
    follower = users[BERGEN_FOLLOWER]
    today = timezone.localdate()
    s = {key: _supplier(key, bergen, created) for key in SUPPLIERS}

    _contact(bergen, s["leasing"], "Kari Nilsen", "Kundeansvarlig offentlig sektor", "kari@gronnflate.example", created)
    _contact(bergen, s["importer"], "Per Hansen", "Bærekraftsansvarlig", "per@elbilimport.example", created)
    _contact(bergen, s["it"], "Siri Olsen", "Avtaleforvalter", "siri@fjordnett.example", created)
    _certificate(bergen, s["leasing"], Certificate.Kind.ISO14001, today + timedelta(days=45), created)
    _certificate(bergen, s["it"], Certificate.Kind.ECOVADIS, today + timedelta(days=240), created, score=62)
    _certificate(
        bergen, s["it"], Certificate.Kind.TCO, today + timedelta(days=500), created, name="TCO Certified Notebooks"
    )
    _certificate(bergen, s["cells"], Certificate.Kind.ISO14001, today + timedelta(days=300), created)

    _contract(
        bergen,
        follower,
        "BK-2017-ELBIL",
        [s["leasing"], s["importer"]],
        {
            "title": "Leasing av elbiler",
            "category": categories["kjoretoy-og-transport"],
            "start_date": date(2017, 6, 15),
            "end_date": date(2021, 6, 14),
            "value": 38_000_000,
        },
        created,
        factors=EV_FACTORS,
        plan=(3, EV_PLAN),
        obligations=_transparency_clause(),
    )
    _cleaning_contract(bergen, follower, created)
    _contract(
        bergen,
        follower,
        "BK-2024-IKT",
        [s["it"]],
        {
            "title": "PC-er og drift av IT-utstyr",
            "category": categories["ikt-utstyr"],
            "start_date": date(2024, 1, 1),
            "end_date": date(2027, 12, 31),
            "option_months": 24,
            "value": 18_000_000,
        },
        created,
        factors={"strategic_importance": True, "important_customer": True},
    )

    vestland = Organization.objects.filter(orgnr=VESTLAND).first()
    if vestland is not None and VESTLAND_FOLLOWER in users:
        vestland_follower = users[VESTLAND_FOLLOWER]
        s["leasing"].registered_by.add(vestland)
        _contact(vestland, s["leasing"], "Ola Berg", "Key account Vestland", "ola@gronnflate.example", created)
        _contract(
            vestland,
            vestland_follower,
            "VLFK-2023-ELBIL",
            [s["leasing"]],
            {
                "title": "Leasing av elbiler til tannhelsetenesta",
                "category": categories["kjoretoy-og-transport"],
                "start_date": date(2023, 3, 1),
                "end_date": date(2027, 2, 28),
                "value": 6_500_000,
            },
            created,
        )
        _bus_contract(vestland, vestland_follower, s["buses"], created)
    return created
