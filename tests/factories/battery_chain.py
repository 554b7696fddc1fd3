"""Battery chains: reference data, products, packs, sourcing lines and minerals reports."""

_battery_seq = iter(range(1, 10**9))


def raw_material(slug=None, **fields):
    from battery_chain.models import RawMaterial

    n = next(_battery_seq)
    slug = slug or f"raavare-{n}"
    defaults = {"name": slug.replace("-", " ").capitalize(), "overall_risk": "middels", "position": n, **fields}
    return RawMaterial.objects.get_or_create(slug=slug, defaults=defaults)[0]


def risk_category(slug=None, **fields):
    from battery_chain.models import RiskCategory

    n = next(_battery_seq)
    slug = slug or f"kategori-{n}"
    return RiskCategory.objects.get_or_create(slug=slug, defaults={"name": slug, "position": n, **fields})[0]


def material_risk(material=None, category=None, level="hoy", **fields):
    from battery_chain.models import MaterialRisk

    return MaterialRisk.objects.create(
        material=material or raw_material(),
        category=category or risk_category(),
        level=level,
        source=fields.pop("source", "Test"),
        year=fields.pop("year", 2024),
        **fields,
    )


def country_risk(country=None, score=50, **fields):
    from battery_chain.models import CountryRisk

    codes = ["SE", "FI", "DK", "IS", "EE", "LV", "LT", "PL", "DE", "FR", "ES", "IT", "PT", "NL", "BE"]
    country = country or next(c for c in codes if not CountryRisk.objects.filter(country=c).exists())
    defaults = {"score": score, "source": "Test", "year": 2025, **fields}
    return CountryRisk.objects.update_or_create(country=country, defaults=defaults)[0]


def production_share(material=None, country="CD", year=2024, share="10", **fields):
    from battery_chain.models import ProductionShare

    return ProductionShare.objects.create(
        material=material or raw_material(), country=country, year=year, share_percent=share, source="Test", **fields
    )


def chemistry(code=None, **fields):
    from battery_chain.models import Chemistry

    code = code or f"TEST {next(_battery_seq)}"
    return Chemistry.objects.get_or_create(code=code, defaults={"name": code, **fields})[0]


def chemistry_content(chem=None, material=None, kg="0.2"):
    from battery_chain.models import ChemistryContent

    return ChemistryContent.objects.create(
        chemistry=chem or chemistry(), material=material or raw_material(), kg_per_kwh=kg, source="Test", year=2023
    )


def battery_product(*, organization, name=None, kind="bil", **fields):
    from battery_chain.models import Product

    data = {"maker": "Produsent", **fields}
    return Product.objects.create(
        organization=organization, name=name or f"Modell {next(_battery_seq)}", kind=kind, **data
    )


def battery_pack(product, kwh="40.0", **fields):
    from battery_chain.models import BatteryPack

    return BatteryPack.objects.create(product=product, capacity_kwh=kwh, **fields)


def sourcing_line(pack, material=None, mine_country="CD", **fields):
    from battery_chain.models import SourcingLine

    return SourcingLine.objects.create(
        pack=pack, material=material or raw_material(), mine_country=mine_country, source="saq", **fields
    )


MINERALS_MATERIALS = [
    # slug, name, symbol, 3TG, EU Battery Regulation due diligence
    ("kobolt", "Kobolt", "Co", False, True),
    ("litium", "Litium", "Li", False, True),
    ("nikkel", "Nikkel", "Ni", False, True),
    ("naturlig-grafitt", "Naturlig grafitt", "C", False, True),
    ("mangan", "Mangan", "Mn", False, False),
    ("kobber", "Kobber", "Cu", False, False),
    ("tinn", "Tinn", "Sn", True, False),
    ("tantal", "Tantal", "Ta", True, False),
    ("wolfram", "Wolfram", "W", True, False),
    ("gull", "Gull", "Au", True, False),
    ("glimmer", "Glimmer", "", False, False),
]


def minerals_materials(*, without=()):
    """The RawMaterial rows the importer maps metals to (the reference-data load provides them in production)."""
    from battery_chain.models import RawMaterial

    rows = {}
    for position, (slug, name, symbol, conflict, due_diligence) in enumerate(MINERALS_MATERIALS):
        if slug in without:
            continue
        rows[slug], _created = RawMaterial.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "symbol": symbol,
                "conflict_mineral": conflict,
                "battery_regulation_due_diligence": due_diligence,
                "overall_risk": "middels",
                "position": position,
            },
        )
    return rows


def minerals_product(organization, *, packs=1, name="Elbuss 12 m"):
    """A bus with `packs` battery packs, as the minerals-import tests upload reports for."""
    product = battery_product(organization=organization, name=name, kind="buss", maker="Solaris")
    for i in range(packs):
        battery_pack(product, kwh=300 + 100 * i, maker="CATL")
    return product


def minerals_report(organization, *, product=None, lines=2, user=None):
    """An imported report with `lines` sourcing lines, written directly (the import itself is tested on its own)."""
    from battery_chain.models import MineralsReport, SourcingLine

    product = product or minerals_product(organization)
    materials = minerals_materials()
    report = MineralsReport.objects.create(
        organization=organization,
        product=product,
        pack=product.packs.first(),
        template="EMRT",
        template_version="2.1",
        company_name="Nordic Cells AS",
        original_name="nordic-cells-2025-03-15.xlsx",
        sha256="0" * 64,
        report={
            "template": "EMRT",
            "version": "2.1",
            "smelter_rows": lines,
            "mine_rows": 0,
            "line_count": lines,
            "problems": [],
        },
        imported_by=user,
    )
    SourcingLine.objects.bulk_create(
        SourcingLine(
            pack=report.pack,
            material=materials["kobolt"],
            refiner=f"Smelteverk {i}",
            refiner_country="FI",
            mine_country="CD",
            source="emrt",
            report=report,
        )
        for i in range(lines)
    )
    return report
