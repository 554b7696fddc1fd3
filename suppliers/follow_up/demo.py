"""Demo follow-up cases: Bergen's EV-leasing case as it happened (DOMAIN.md §4), and a case shared with Vestland.

Called by suppliers/demo.py when that exists (the register's demo), or directly.
Idempotent: the organisations, supplier and contract are found by orgnr and
title (so either demo may run first), and a case's story is written only when
the case is created.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.models import Organization
from criteria.models import Category
from suppliers.follow_up import due_diligence, services
from suppliers.follow_up.letter_seed import ensure_national_templates
from suppliers.models import (
    Case,
    CaseShare,
    Contract,
    CorrectiveAction,
    LetterTemplate,
    Obligation,
    Reminder,
    Supplier,
    SupplierContact,
)

BERGEN, VESTLAND = "964338531", "821311632"
FOLLOWER = "oppfolger@bergen.example"
LEASING_ORGNR = "915738206"  # valid by modulus 11; a made-up company
CONTRACT_TITLE = "Leasing av elbiler 2017–2021"
EV_CASE = "Batterikjeden i leasede elbiler"
SHARED_CASE = "Felles oppfølging av elbilleasing: batterienes råvarer"


def _org(orgnr, name, kind):
    org, _created = Organization.objects.get_or_create(orgnr=orgnr, defaults={"name": name, "kind": kind})
    return org


def _template(kind):
    return LetterTemplate.objects.filter(organization__isnull=True, request_type=kind).order_by("pk").first()


def _supplier_and_contract(bergen, follower):
    supplier, _created = Supplier.objects.get_or_create(
        orgnr=LEASING_ORGNR,
        defaults={
            "name": "Fjordbil Leasing AS",
            "address": "Kaigaten 12\n5015 Bergen",
            "transparency_act": "omfattet",
            "owner": bergen,
        },
    )
    category, _created = Category.objects.get_or_create(
        slug="kjoretoy-og-transport", defaults={"name": "Kjøretøy og transport"}
    )
    contract, created = Contract.objects.get_or_create(
        organization=bergen,
        title=CONTRACT_TITLE,
        defaults={
            "category": category,
            "reference": "2017/041",
            "start_date": date(2017, 7, 1),
            "end_date": date(2021, 6, 30),
            "responsible": follower,
            "planned_followups": 1,
        },
    )
    contract.suppliers.add(supplier)
    if created:
        Obligation.objects.create(
            contract=contract,
            number="9.2",
            title="Grunnleggende menneskerettigheter og arbeidstakerrettigheter i leverandørkjeden",
            text="Leverandøren skal sørge for at varene er produsert i tråd med grunnleggende menneskerettigheter "
            "og arbeidstakerrettigheter, og dokumentere oppfølgingen på forespørsel.",
            human_rights=True,
        )
    contact, _created = SupplierContact.objects.get_or_create(
        organization=bergen,
        supplier=supplier,
        name="Siri Haugland",
        defaults={"role": "Bærekraftsansvarlig", "email": "siri.haugland@fjordbil.example"},
    )
    return supplier, contract, contact


def _reminder(req, day, offset):
    when = timezone.make_aware(datetime.combine(day, time(7, 0)))
    Reminder.objects.get_or_create(
        request=req,
        offset_days=offset,
        recipient=Reminder.Recipient.FOLLOWER,
        defaults={"email": FOLLOWER, "sent_at": when},
    )


def _ev_story(case, contact, follower, counts):
    """June 2020 to July 2021, as Bergen told it."""
    first = due_diligence.create_request(
        case=case,
        user=follower,
        template=_template("forventningsbrev"),
        contact=contact,
        today=date(2020, 6, 10),
    )
    first = due_diligence.send_request(req=first, user=follower, sent_on=date(2020, 6, 12), deadline=date(2020, 10, 12))
    _reminder(first, date(2020, 10, 5), -7)
    _reminder(first, date(2020, 10, 12), 0)
    due_diligence.transition(
        req=first,
        to_status=due_diligence.S.OVERDUE,
        user=None,
        comment="Svarfristen gikk ut uten svar.",
        on=date(2020, 10, 13),
    )
    due_diligence.log_response(
        req=first,
        user=follower,
        received_on=date(2020, 10, 30),
        answers=[
            "Leasingselskapet viser til bilprodusentene, som kjøper battericellene av store celleprodusenter.",
            "Bare én bilprodusent oppga gruvenivå: LG Chem, celleleverandør til Renault Zoe, har kobolt fra "
            "DR Kongo, litium fra Chile og Australia og nikkel fra DR Kongo og Papua Ny-Guinea.",
            "Egenerklæringen (SAQ) dekket bare nikkel, kobolt og litium. Ingen konkrete tiltak ble beskrevet.",
            "Importørens bærekraftsansvarlige.",
        ],
        text="Svaret kom gjennom konsulentselskapet som sendte ut egenerklæringsskjemaet.",
        assessment="delvis",
        reasoning="Kartleggingen gjelder bare tre råvarer, og bare én produsent oppgir gruvenivå. "
        "Rutiner alene er ikke nok; vi trenger konkrete opplysninger om smelteverk og gruver.",
    )
    due_diligence.transition(
        req=first,
        to_status=due_diligence.S.FOLLOW_UP_REQUIRED,
        user=follower,
        comment="Sendes nytt brev med konkrete spørsmål.",
        on=date(2020, 11, 16),
    )
    counts["requests"] += 1

    deviation = services.create_deviation(
        case=case,
        user=follower,
        data={
            "title": "Manglende åpenhet om gruvenivå i batterikjeden",
            "description": "Leverandøren kan ikke dokumentere hvor kobolt, litium og nikkel i batteriene kommer fra.",
            "severity": "hoy",
            "obligation": case.contract.obligations.first(),
            "found_on": date(2020, 11, 16),
        },
    )
    action = services.add_action(
        deviation=deviation,
        user=follower,
        data={
            "description": "Innhente smelteverks- og gruveopplysninger fra alle bilprodusentene i avtalen.",
            "owner": "Fjordbil Leasing AS og importøren",
            "due_date": date(2021, 4, 14),
        },
    )
    counts["deviations"] += 1

    second = due_diligence.create_request(
        case=case, user=follower, template=_template("forventningsbrev"), contact=contact, today=date(2020, 12, 10)
    )
    due_diligence.update_draft(
        req=second,
        user=follower,
        data={
            "subject": "Nytt brev: konkrete opplysninger om batterienes råvarer",
            "questions": [
                "Hvilke smelteverk og raffinerier leverer kobolt, litium og nikkel til battericellene?",
                "Hvilke gruver kommer råvarene fra, for hver bilmodell i avtalen?",
                "Hvilke risikoer har dere funnet i gruvene, og hva gjør dere med dem?",
            ],
        },
    )
    second = due_diligence.send_request(
        req=second, user=follower, sent_on=date(2020, 12, 14), deadline=date(2021, 4, 14)
    )
    due_diligence.transition(
        req=first,
        to_status=due_diligence.S.CLOSED,
        user=follower,
        comment="Følges opp i det nye brevet.",
        on=date(2020, 12, 14),
    )
    counts["requests"] += 1

    steps = [
        ("mote", date(2021, 1, 20), "Fjordbil Leasing AS og bilimportøren", "Gjennomgang av svaret og det nye brevet."),
        (
            "varsel_klage",
            date(2021, 4, 20),
            "OECDs kontaktpunkt for ansvarlig næringsliv (NCP Norge); importøren",
            "Kontakt med NCP Norge om en mulig klage. Importøren ble varslet om at vi vurderer å klage.",
        ),
        ("mote", date(2021, 5, 18), "Importørens ledelse", "Importøren lovet å presse bilprodusenten på åpenhet."),
        (
            "mote",
            date(2021, 7, 7),
            "Bilprodusentens bærekraftsdirektør",
            "Kort møte. Kontrakten utløp i juni 2021. Lærdom: krev åpenhet, svarfrister og konsekvenser i kontrakten.",
        ),
    ]
    for kind, day, who, note in steps:
        services.add_escalation(
            case=case, user=follower, data={"kind": kind, "date": day, "with_whom": who, "note": note}
        )
    counts["escalation_steps"] += len(steps)

    due_diligence.transition(
        req=second,
        to_status=due_diligence.S.OVERDUE,
        user=None,
        comment="Svarfristen gikk ut uten svar.",
        on=date(2021, 4, 15),
    )
    due_diligence.transition(
        req=second,
        to_status=due_diligence.S.ESCALATED,
        user=follower,
        comment="Varsel om klage til NCP Norge.",
        on=date(2021, 4, 20),
    )
    due_diligence.transition(
        req=second,
        to_status=due_diligence.S.CLOSED,
        user=follower,
        comment="Kontrakten utløp 30. juni 2021.",
        on=date(2021, 7, 7),
    )
    services.set_action_status(
        action=action,
        user=follower,
        status=CorrectiveAction.Status.WAIVED,
        waiver_reason="Kontrakten utløp 30. juni 2021. Kravene om åpenhet, svarfrister og konsekvenser tas inn "
        "i neste konkurranse.",
        on=date(2021, 7, 7),
    )
    services.close_deviation(deviation=deviation, user=follower, on=date(2021, 7, 7))
    services.set_case_status(case=case, user=follower, status=Case.Status.CLOSED)


def _shared_story(case, contact, follower, vestland, counts):
    """An open case Bergen shares with Vestland, with a letter both sign."""
    CaseShare.objects.get_or_create(case=case, organization=vestland, defaults={"access": CaseShare.Access.EDIT})
    today = timezone.localdate()
    letter = due_diligence.create_request(
        case=case,
        user=follower,
        template=_template("forventningsbrev"),
        contact=contact,
        co_signers=[vestland],
        remind_supplier=True,
        today=today - timedelta(days=12),
    )
    due_diligence.send_request(req=letter, user=follower, sent_on=today - timedelta(days=10))
    counts["requests"] += 1
    # A § 6 request drafted today, ready to send: three weeks' deadline.
    due_diligence.create_request(
        case=case, user=follower, template=_template("apenhetsloven"), contact=contact, today=today
    )
    counts["requests"] += 1


@transaction.atomic
def load(out) -> dict:
    counts = {"cases": 0, "requests": 0, "deviations": 0, "escalation_steps": 0, "letter_templates": 0}
    counts["letter_templates"] = ensure_national_templates()
    bergen = _org(BERGEN, "Bergen kommune", Organization.Kind.MUNICIPALITY)
    vestland = _org(VESTLAND, "Vestland fylkeskommune", Organization.Kind.COUNTY)
    follower = get_user_model().objects.filter(username=FOLLOWER).first()
    supplier, contract, contact = _supplier_and_contract(bergen, follower)

    stories = [
        (EV_CASE, lambda case: _ev_story(case, contact, follower, counts)),
        (SHARED_CASE, lambda case: _shared_story(case, contact, follower, vestland, counts)),
    ]
    for title, tell in stories:
        case, created = Case.objects.get_or_create(
            organization=bergen,
            title=title,
            defaults={"supplier": supplier, "contract": contract, "created_by": follower},
        )
        if created:
            counts["cases"] += 1
            tell(case)
    return counts
