"""Demo battery chains: the reference data, Bergen's five leased car models and one electric bus.

Bergen mapped its leased cars' battery chains with a self-assessment questionnaire (SAQ) in 2020;
only LG Chem, Renault Zoe's cell maker, disclosed mine countries. Idempotent: products are found
by name, so running it again creates nothing new.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from battery_chain.models import BatteryPack, Chemistry, Product, RawMaterial, SourcingLine
from battery_chain.reference import load_reference_data
from core.models import Organization
from procurement.models import Procurement
from suppliers.models import Contract

BERGEN, VESTLAND = "964338531", "821311632"
BUS_PROCUREMENT = "Elektriske busser for bybusstrafikken"
# Requirements of the bus tender that cover the battery's lifetime and second life.
CIRCULARITY_CODES = ("BUSS-BATT-02", "BUSS-BATT-03")
SAQ_DATE = date(2020, 10, 30)

CARS = [
    # name, maker, kWh, kg, chemistry, cell format, cell maker
    ("Nissan Leaf", "Nissan", "40.0", "303.0", "NMC 532", BatteryPack.CellFormat.POUCH, ""),
    ("Nissan e-NV200", "Nissan", "40.0", "303.0", "NMC 532", BatteryPack.CellFormat.POUCH, ""),
    ("Hyundai Ioniq", "Hyundai", "28.0", "272.0", "NMC 622", BatteryPack.CellFormat.POUCH, ""),
    ("Mitsubishi i-MIEV", "Mitsubishi", "16.0", "200.0", "LMO", BatteryPack.CellFormat.PRISMATIC, ""),
    ("Renault Zoe", "Renault", "41.0", "305.0", "NMC 622", BatteryPack.CellFormat.POUCH, "LG Chem"),
]
# LG Chem's SAQ answer for Renault Zoe: mine countries for three materials (no shares given).
ZOE_LINES = [("kobolt", "CD"), ("litium", "CL"), ("litium", "AU"), ("nikkel", "CD"), ("nikkel", "PG")]


def _car(org, name, maker, kwh, kg, chemistry, cell_format, cell_maker) -> tuple[Product, bool]:
    product, created = Product.objects.get_or_create(
        organization=org, name=name, defaults={"kind": Product.Kind.CAR, "maker": maker}
    )
    if created:
        BatteryPack.objects.create(
            product=product,
            maker=maker,
            capacity_kwh=Decimal(kwh),
            weight_kg=Decimal(kg),
            chemistry=Chemistry.objects.get(code=chemistry),
            cell_format=cell_format,
            cell_maker=cell_maker,
            expected_service_years=10,
            second_life_plan="Ikke avklart med leasingselskapet.",
            recycling_route="Bilprodusentens returordning for batterier.",
        )
    return product, created


def _zoe_lines(product) -> int:
    pack = product.packs.first()
    if pack is None or pack.sourcing_lines.exists():
        return 0
    materials = {m.slug: m for m in RawMaterial.objects.all()}
    for slug, country in ZOE_LINES:
        SourcingLine.objects.create(
            pack=pack,
            material=materials[slug],
            mine_country=country,
            source=SourcingLine.Source.SAQ,
            source_date=SAQ_DATE,
        )
    return len(ZOE_LINES)


def _bus_contract(org):
    """The contract of the bus tender (made here when the suppliers demo has not), or None without the tender."""
    procurement = Procurement.objects.filter(organization=org, title=BUS_PROCUREMENT).first()
    if procurement is None:
        return None
    contract = Contract.objects.filter(organization=org, procurement=procurement).first()
    if contract is None:
        contract = Contract.objects.create(
            organization=org,
            procurement=procurement,
            title=BUS_PROCUREMENT,
            category=procurement.category,
            start_date=date(2025, 1, 1),
            end_date=date(2032, 12, 31),
        )
    return contract


def _bus(org) -> bool:
    contract = _bus_contract(org)
    product, created = Product.objects.get_or_create(
        organization=org,
        name="Solaris Urbino 18 electric",
        defaults={
            "kind": Product.Kind.BUS,
            "maker": "Solaris",
            "contract": contract,
            "notes": "Leddbuss for bybusstrafikken; batteriet følges opp gjennom kontrakten.",
        },
    )
    if not created:
        return False
    pack = BatteryPack.objects.create(
        product=product,
        maker="Solaris",
        capacity_kwh=Decimal("350.0"),
        weight_kg=Decimal("2400.0"),
        chemistry=Chemistry.objects.get(code="LFP"),
        cell_format=BatteryPack.CellFormat.PRISMATIC,
        expected_service_years=8,
        end_of_first_life_percent=80,
        second_life_plan="Stasjonær energilagring ved bussdepotet i inntil ti år etter bussdrift.",
        recycling_route="Materialgjenvinning av celler etter andre liv; moduler demonteres i Norge.",
        takeback_partner="Batteriretur",
    )
    if contract is not None:
        pack.circularity_requirements.set(
            contract.procurement.requirements.filter(criterion__code__in=CIRCULARITY_CODES)
        )
    return True


@transaction.atomic
def load(out) -> dict:
    created = load_reference_data()
    org = Organization.objects.filter(orgnr=BERGEN).first()
    products = lines = 0
    if org is not None:
        for row in CARS:
            product, was_created = _car(org, *row)
            products += was_created
            if product.name == "Renault Zoe":
                lines += _zoe_lines(product)
    # The city buses are Vestland's (Skyss), like the tender and the contract.
    county = Organization.objects.filter(orgnr=VESTLAND).first()
    if county is not None:
        products += _bus(county)
    return {**created, "products": products, "sourcing_lines": lines}
