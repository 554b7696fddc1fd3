"""The criteria library: themes, categories, groups and criteria (made through the services)."""

import factory


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
