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


def dd_request(case, **fields):
    from suppliers.models import DueDiligenceRequest

    data = {"request_type": "forventningsbrev", "subject": "Forventningsbrev", "body": "Vi forventer svar.", **fields}
    return DueDiligenceRequest.objects.create(case=case, **data)
