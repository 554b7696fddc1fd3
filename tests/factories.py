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
