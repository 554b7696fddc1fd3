"""Procurements and their requirements (made through the services)."""

from tests.factories.criteria import CategoryFactory


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
