import factory
from django.contrib.auth import get_user_model

from core.models import Membership, Organization
from core.roles import Role
from core.validators import orgnr_check_digit

TEST_PASSWORD = "test-passord-123"


def _orgnr(n: int) -> str:
    """A valid organisasjonsnummer derived from a sequence number."""
    base = 90000000 + n * 7
    while True:
        first = f"{base:08d}"
        digit = orgnr_check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        base += 1


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    orgnr = factory.Sequence(_orgnr)
    kind = Organization.Kind.KOMMUNE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@test.example")
    email = factory.SelfAttribute("username")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.INNKJOPER


def member(organization, *roles) -> "get_user_model()":
    """A new user holding the given roles in the organisation."""
    user = UserFactory()
    for role in roles:
        MembershipFactory(user=user, organization=organization, role=role)
    return user


# ---------------------------------------------------------------- criteria library


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "criteria.Theme"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tema-{n}")
    name = factory.Sequence(lambda n: f"Tema {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "criteria.Category"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kategori-{n}")
    name = factory.Sequence(lambda n: f"Kategori {n}")


class CategoryGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "criteria.CategoryGroup"
        django_get_or_create = ("category", "slug")

    category = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    name = factory.Sequence(lambda n: f"Gruppe {n}")


_criterion_seq = iter(range(1, 10**9))


def criterion(
    *,
    organization=None,
    code=None,
    title="Krav om reservedeler",
    category=None,
    group=None,
    theme=None,
    kind="kravspesifikasjon",
    levels=("basis",),
    text="Leverandøren skal levere reservedeler i [antall] år.",
    publish=True,
    **meta,
):
    """A criterion made through the services, so its revision and search fields are right."""
    from criteria import services

    variants = [
        services.VariantData(level=level, text=f"{text} ({level})", documentation="Produktdatablad.")
        for level in levels
    ]
    data = services.CriterionData(
        code=code or f"TEST-KRAV-{next(_criterion_seq):03d}",
        title=title,
        category=category or CategoryFactory(slug="ikt-utstyr", name="IKT-utstyr"),
        group=group,
        theme=theme or ThemeFactory(slug="forlenge-levetid", name="Forlenge levetid"),
        kind=kind,
        variants=variants,
        **meta,
    )
    created = services.create_criterion(data=data, organization=organization, user=None)
    if publish:
        created = services.publish_criterion(criterion=created, user=None)
    return created


# ---------------------------------------------------------------- procurement


def procurement(*, organization, user=None, category=None, **fields):
    """A draft made through the service, so it has a real reference number."""
    from procurement import services

    data = {
        "title": "Elektriske busser",
        "kind": "varer",
        "buyer_type": "annen",
        "estimated_value": 120_000_000,
        "category": category or CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport"),
        **fields,
    }
    return services.create_procurement(organization=organization, user=user, data=data)


def requirement(procurement, **fields):
    from procurement.models import Requirement

    data = {"section": "kravspesifikasjon", "title": "Eget krav", "text": "Bussene skal ha plass til 80 passasjerer."}
    data.update(fields)
    position = procurement.requirements.filter(section=data["section"]).count() + 1
    return Requirement.objects.create(procurement=procurement, position=position, **data)


# ---------------------------------------------------------------- suppliers: register and contracts

_supplier_seq = iter(range(1, 10**9))


def supplier(*, organization=None, name=None, **fields):
    """A Norwegian supplier with a valid organisasjonsnummer, in `organization`'s register when given."""
    from suppliers.models import Supplier

    n = next(_supplier_seq)
    data = {"name": name or f"Leverandør {n} AS", "orgnr": _orgnr(500_000 + n), **fields}
    if data.get("foreign_id"):
        data["orgnr"] = fields.get("orgnr", "")
    created = Supplier.objects.create(**data)
    if organization is not None:
        created.registered_by.add(organization)
    return created


def contract(*, organization, suppliers=None, category=None, **fields):
    from datetime import date

    from suppliers.models import Contract

    data = {
        "title": "Leasing av elbiler",
        "category": category or CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport"),
        "start_date": date(2024, 1, 1),
        "end_date": date(2099, 12, 31),
        **fields,
    }
    created = Contract.objects.create(organization=organization, **data)
    created.suppliers.set(suppliers or [supplier(organization=organization)])
    return created


def case(*, contract, **fields):
    from suppliers.models import Case

    return Case.objects.create(
        organization=contract.organization,
        contract=contract,
        supplier=contract.suppliers.first(),
        title=fields.pop("title", "Oppfølging av batterikjeden"),
        **fields,
    )


def raw_request(case, **fields):
    """A request row as given, without the letter-template machinery (for lists and counts)."""
    from suppliers.models import DueDiligenceRequest

    data = {"request_type": "forventningsbrev", "subject": "Forventningsbrev", "body": "Vi forventer svar.", **fields}
    return DueDiligenceRequest.objects.create(case=case, **data)


# ---------------------------------------------------------------- battery chains (chain maps and reference data)

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

    return Product.objects.create(
        organization=organization, name=name or f"Modell {next(_battery_seq)}", kind=kind, maker="Produsent", **fields
    )


def battery_pack(product, kwh="40.0", **fields):
    from battery_chain.models import BatteryPack

    return BatteryPack.objects.create(product=product, capacity_kwh=kwh, **fields)


def sourcing_line(pack, material=None, mine_country="CD", **fields):
    from battery_chain.models import SourcingLine

    return SourcingLine.objects.create(
        pack=pack, material=material or raw_material(), mine_country=mine_country, source="saq", **fields
    )


# ---------------------------------------------------------------- follow-up cases (letters, answers, deviations)

_case_seq = iter(range(1, 10**6))


def case_supplier(**fields):
    from suppliers.models import Supplier

    n = next(_case_seq)
    data = {"name": f"Leasing AS {n}", "orgnr": _orgnr(50_000 + n)}
    data.update(fields)
    return Supplier.objects.create(**data)


def case_contract(organization, supplier, **fields):
    import datetime

    from suppliers.models import Contract, Obligation

    data = {
        "title": "Leasing av elbiler",
        "category": CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport"),
        "start_date": datetime.date(2020, 1, 1),
        "end_date": datetime.date(2021, 6, 30),
    }
    data.update(fields)
    contract = Contract.objects.create(organization=organization, **data)
    contract.suppliers.add(supplier)
    Obligation.objects.create(
        contract=contract, number="7.1", title="Grunnleggende menneskerettigheter i leverandørkjeden", human_rights=True
    )
    return contract


def follow_up_case(organization, *, user=None, supplier=None, contract=True, **fields):
    """A case of the organisation about a supplier, by default on a contract with one obligation."""
    from suppliers.follow_up import services as follow_up_services

    supplier = supplier or case_supplier()
    contract_obj = case_contract(organization, supplier) if contract is True else contract or None
    return follow_up_services.create_case(
        organization=organization,
        user=user,
        supplier=supplier,
        contract=contract_obj,
        title=fields.pop("title", "Batterikjeden i leasede elbiler"),
    )


def supplier_contact(organization, supplier, **fields):
    from suppliers.models import SupplierContact

    data = {"name": "Kari Kontakt", "role": "Bærekraftsansvarlig", "email": "kari@leverandor.example"}
    data.update(fields)
    return SupplierContact.objects.create(organization=organization, supplier=supplier, **data)


def dd_request(case, *, user=None, request_type="apenhetsloven", sent_on=None, deadline=None, **fields):
    """A request from the national template of the type; sent on `sent_on` when given."""
    from suppliers.follow_up import due_diligence
    from suppliers.follow_up.letter_seed import ensure_national_templates
    from suppliers.models import LetterTemplate

    ensure_national_templates()
    template = LetterTemplate.objects.filter(organization__isnull=True, request_type=request_type).first()
    req = due_diligence.create_request(case=case, user=user, template=template, **fields)
    if sent_on:
        req = due_diligence.send_request(req=req, user=user, sent_on=sent_on, deadline=deadline)
    return req


# ---------------------------------------------------------------- battery chain: minerals-report import

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
    """A battery product with `packs` battery packs."""
    from battery_chain.models import BatteryPack, Product

    product = Product.objects.create(organization=organization, name=name, kind="buss", maker="Solaris")
    for i in range(packs):
        BatteryPack.objects.create(product=product, capacity_kwh=300 + 100 * i, maker="CATL")
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
