"""Demo procurements in several states (loaded by `manage.py load_demo` after the library)."""

import re
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.models import Organization
from criteria.models import Category, Criterion, Level
from procurement import services
from procurement.evaluation import demo as evaluation_demo
from procurement.models import Procurement
from procurement.signals import procurements_written

BERGEN, VESTLAND = "964338531", "821311632"
OFFICER = "innkjoper@bergen.example"

# What a demo officer writes into the library texts' [placeholders].
FILLED = {"antall": "4", "prosent": "80", "år": "2030"}


def _fill(text: str) -> str:
    def value(match):
        inner = match.group(1).strip().lower()
        return inner if inner.isdigit() else FILLED.get(inner, "2")

    return re.sub(r"\[([^\[\]\n]{1,80})\]", value, text)


def _add(procurement, user, codes, level):
    for code in codes:
        criterion = Criterion.objects.select_related("theme").get(organization=None, code=code)
        wanted = Level.ADVANCED if level == Level.ADVANCED and criterion.has_avansert else Level.BASIC
        if wanted == Level.BASIC and not criterion.has_basis:
            wanted = Level.ADVANCED
        requirement = services.add_from_library(procurement=procurement, criterion=criterion, level=wanted, user=user)
        if requirement.placeholders():
            requirement.text, requirement.documentation = _fill(requirement.text), _fill(requirement.documentation)
            requirement.save(update_fields=["text", "documentation"])


def _award(procurement, user, rows):
    procurement.refresh_from_db()
    services.save_award(
        procurement=procurement,
        user=user,
        rows=[services.AwardRow(**row) for row in rows],
        method=Procurement.AwardMethod.WEIGHTED,
        exception="",
        justification="",
        version=procurement.version,
    )


NEEDS_HIGH = {"impact": "hoy", "size": "hoy", "market": "hoy", "cost": "middels", "alternatives": "hoy"}
NEEDS_MEDIUM = {"impact": "middels", "size": "middels", "market": "lav", "cost": "middels", "alternatives": "hoy"}

PRICE = {
    "name": "Pris",
    "is_price": True,
    "scoring": "Laveste totalpris for kontraktsperioden gis 10 poeng; de andre får poeng forholdsmessig.",
}


def _buses(org, user):
    p = services.create_procurement(
        organization=org,
        user=user,
        data={
            "title": "Elektriske busser for bybusstrafikken",
            "description": (
                "Kjøp av 40 elektriske leddbusser med ladeutstyr, service og tilbaketaking av batterier "
                "til Skyss' bybusstrafikk i Bergen."
            ),
            "category": Category.objects.get(slug="kjoretoy-og-transport"),
            "kind": "varer",
            "buyer_type": "annen",
            "estimated_value": Decimal(120_000_000),
            "contract_months": 96,
            "option_months": 24,
            "procedure": Procurement.Procedure.NEGOTIATED,
            "responsible": user,
        },
    )
    services.save_needs(
        procurement=p,
        user=user,
        data={**NEEDS_HIGH},
        need_step="kjop_nytt",
        need_comment="Dieselbussene er utslitt.",
        version=0,
    )
    _add(p, user, ["BUSS-BATT-01", "BUSS-BATT-02", "BUSS-BATT-03", "BUSS-BATT-04", "BUSS-BATT-05"], Level.ADVANCED)
    _add(p, user, ["GEN-MIL-01", "KJT-MR-01", "GEN-APEN-01", "BUSS-KLIM-01"], Level.BASIC)
    climate = p.requirements.get(criterion__code="BUSS-KLIM-01")
    _award(
        p,
        user,
        [
            {**PRICE, "weight": 60},
            {
                "name": "Klima og miljø",
                "weight": 40,
                "is_environmental": True,
                "sub_criteria": "Klimaavtrykk for buss og batteri gjennom livsløpet.",
                "scoring": "Lavest klimagassutslipp per kjøretøykilometer gis 10 poeng.",
                "requirement_ids": (climate.pk,),
            },
        ],
    )
    evaluation_demo.bus_scoring_model(p, user)
    services.publish(procurement=p, user=user)
    _published_days_ago(p, BUS_PUBLISHED_DAYS_AGO, deadline_after=BUS_TENDER_DAYS)
    return p


# The bus tender was published months ago: published, deadline six weeks later, then
# evaluation, award and standstill (procurement.evaluation.demo.evaluate_buses, run by the
# suppliers demo just before it signs) and the contract from the first of the month after
# the signature. Dates in that order, whatever day the demo is loaded.
BUS_PUBLISHED_DAYS_AGO, BUS_TENDER_DAYS = 120, 45


def _published_days_ago(procurement, days: int, *, deadline_after: int) -> None:
    """Move a freshly published demo tender back in time; its log and deadline move with it."""
    published = timezone.now() - timedelta(days=days)
    Procurement.objects.filter(pk=procurement.pk).update(
        published_at=published, tender_deadline=timezone.localdate(published) + timedelta(days=deadline_after)
    )
    procurement.events.filter(to_status=Procurement.Status.PUBLISHED).update(created_at=published)
    procurements_written.send(sender=Procurement, pks=[procurement.pk])  # the year of publication may move
    procurement.refresh_from_db()


def _computers(org, user):
    p = services.create_procurement(
        organization=org,
        user=user,
        data={
            "title": "PC-er og skjermer til skolene",
            "description": "Rammeavtale om bærbare PC-er, skjermer og tilbehør til grunnskolene.",
            "category": Category.objects.get(slug="ikt-utstyr"),
            "kind": "varer",
            "buyer_type": "annen",
            "estimated_value": Decimal(18_000_000),
            "contract_months": 24,
            "option_months": 24,
            "responsible": user,
        },
    )
    services.save_needs(
        procurement=p, user=user, data={**NEEDS_MEDIUM}, need_step="forleng_levetid", need_comment="", version=0
    )
    # The basis IT set; placeholders left for the officer, so the publish gate has something to say.
    _add(p, user, ["IKT-LEV-02", "IKT-BATT-01", "IKT-OMB-02", "IKT-ENE-01", "IKT-MR-01"], Level.BASIC)
    services.add_from_library(
        procurement=p,
        criterion=Criterion.objects.select_related("theme").get(organization=None, code="IKT-LEV-01"),
        level=Level.BASIC,
        user=user,
    )
    _award(
        p,
        user,
        [
            {**PRICE, "weight": 70},
            {"name": "Reparerbarhet og levetid", "weight": 30, "is_environmental": True},
        ],
    )
    return p


def _simple(org, user, title, slug, value, kind="varer", **fields):
    return services.create_procurement(
        organization=org,
        user=user,
        data={
            "title": title,
            "category": Category.objects.get(slug=slug),
            "kind": kind,
            "estimated_value": Decimal(value),
            "responsible": user,
            **fields,
        },
    )


@transaction.atomic
def load(out) -> dict:
    bergen = Organization.objects.filter(orgnr=BERGEN).first()
    user = get_user_model().objects.filter(username=OFFICER).first()
    if bergen is None or user is None or Procurement.objects.filter(organization=bergen).exists():
        return {"procurements": 0}
    vestland = Organization.objects.filter(orgnr=VESTLAND).first()
    # City buses are the county's business (Vestland fylkeskommune buys for Skyss), not the municipality's.
    made = [_buses(vestland, user)] if vestland is not None else []
    made.append(_computers(bergen, user))

    furniture = _simple(bergen, user, "Kontormøbler til rådhuset", "mobler", 800_000)
    services.save_needs(
        procurement=furniture,
        user=user,
        data={**NEEDS_MEDIUM},
        need_step="gjenbruk_egne",
        need_comment="Kartlegg møblene vi har, før vi kjøper brukt.",
        version=0,
    )
    made.append(furniture)

    cleaning = _simple(
        bergen,
        user,
        "Renholdstjenester for barnehager",
        "renhold-mykpapir-og-engangsprodukter",
        4_500_000,
        kind="tjenester",
    )
    _add(cleaning, user, ["REN-MIL-01", "REN-KJEM-01"], Level.BASIC)
    _award(
        cleaning,
        user,
        [
            {
                "name": "Pris",
                "is_price": True,
                "weight": 50,
                "scoring": "Lineær modell: laveste pris gir 10 poeng, en pris 50 % over laveste gir 0 poeng.",
            },
            {"name": "Kvalitet i renholdet", "weight": 15},
            {
                "name": "Miljø i tjenesteutførelsen",
                "weight": 35,
                "is_environmental": True,
                "scoring": "Drivstoffmatrise: poeng per kjøretøyklasse vektet med klassens andel av bilparken.",
            },
        ],
    )
    evaluation_demo.cleaning_scoring_model(cleaning, user)
    services.publish(procurement=cleaning, user=user)
    # Evaluated and awarded through the evaluation; the suppliers demo signs the contract after the standstill.
    evaluation_demo.evaluate_cleaning(cleaning, user)
    made.append(cleaning)

    small = _simple(bergen, user, "Kaffemaskin til kantinen", "kontorrekvisita", 90_000)
    made.append(small)

    clothes = _simple(bergen, user, "Arbeidstøy til uteseksjonen", "tekstiler-og-arbeidstoy", 1_200_000)
    services.change_status(
        procurement=clothes, user=user, to_status=Procurement.Status.CANCELLED, note="Behovet dekkes av fylkets avtale."
    )
    made.append(clothes)

    if vestland is not None:
        made.append(_simple(vestland, user, "Hurtigbåter med batteridrift", "kjoretoy-og-transport", 300_000_000))
    return {"procurements": len(made)}
