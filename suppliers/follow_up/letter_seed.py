"""The national letter templates the product ships with, one per kind of due-diligence request.

Loaded after every migrate (and after a test flush) by a post_migrate handler in
suppliers/apps.py: a template is created only when no national template of that
kind exists, so editors' changes are kept. Texts are stored as data; they are
Norwegian on purpose (they are letters to Norwegian suppliers) and editable in
the UI by library editors.
"""

NATIONAL_TEMPLATES = [
    {
        "request_type": "forventningsbrev",
        "name": "Forventningsbrev om aktsomhet i leverandørkjeden",
        "subject": "Forventninger til oppfølging av leverandørkjeden – {kontrakt}",
        "body": (
            "Til {leverandor}\n\n"
            "{oppdragsgiver} har inngått kontrakten «{kontrakt}» med dere. Kontrakten inneholder krav om "
            "grunnleggende menneskerettigheter og anstendige arbeidsforhold i hele leverandørkjeden.\n\n"
            "Vi forventer at dere kartlegger kjeden for produktene dere leverer til oss, vurderer risikoen for brudd, "
            "og setter inn tiltak der risikoen er høy, i tråd med OECDs veileder for aktsomhetsvurderinger. "
            "Opplysninger om underleverandører og brudd i kjeden er som hovedregel ikke forretningshemmeligheter.\n\n"
            "Vi ber om svar på spørsmålene nedenfor innen {frist}. Konkrete opplysninger er mer verdifulle for oss "
            "enn generelle rutiner.\n\n"
            "Med vennlig hilsen\n{avsendere}"
        ),
        "questions": [
            "Hvilke produsenter og underleverandører står bak produktene dere leverer til oss?",
            "Hvilke land kommer råvarene fra, så langt dere kjenner dem?",
            "Hvilke risikoer for brudd på menneskerettigheter har dere funnet, og hva gjør dere med dem?",
            "Hvem hos dere er ansvarlig for oppfølgingen, og hvordan rapporterer dere på den?",
        ],
    },
    {
        "request_type": "egenerklaering",
        "name": "Egenerklæringsskjema (SAQ)",
        "subject": "Egenerklæring om samfunnsansvar – {leverandor}",
        "body": (
            "Til {kontaktperson}, {leverandor}\n\n"
            "Som ledd i oppfølgingen av kontrakten «{kontrakt}» ber {oppdragsgiver} dere fylle ut egenerklæringen "
            "(self-assessment questionnaire) om arbeidsforhold, miljø og antikorrupsjon i egen virksomhet og hos "
            "underleverandører.\n\n"
            "Svar på hvert spørsmål, og legg ved dokumentasjon der det finnes. Frist: {frist}.\n\n"
            "Med vennlig hilsen\n{avsendere}"
        ),
        "questions": [
            "Har dere en skriftlig policy for menneskerettigheter og arbeidstakerrettigheter? Legg den ved.",
            "Hvilke underleverandører bruker dere, og i hvilke land produseres varene?",
            "Hvordan følger dere opp arbeidsforholdene hos underleverandørene (revisjoner, sertifiseringer)?",
            "Har dere avdekket brudd de siste tre årene? Beskriv dem og hva som ble gjort.",
        ],
    },
    {
        "request_type": "apenhetsloven",
        "name": "Informasjonskrav etter åpenhetsloven § 6",
        "subject": "Informasjonskrav etter åpenhetsloven § 6",
        "body": (
            "Til {leverandor}\n\n"
            "{oppdragsgiver} ber med dette om informasjon etter åpenhetsloven § 6 om hvordan dere håndterer "
            "faktiske og potensielle negative konsekvenser for grunnleggende menneskerettigheter og anstendige "
            "arbeidsforhold, knyttet til varene og tjenestene dere leverer under kontrakten «{kontrakt}».\n\n"
            "Etter loven skal et skriftlig svar gis innen tre uker fra kravet er mottatt, altså innen {frist}. "
            "Svaret skal være skriftlig, tilstrekkelig og forståelig.\n\n"
            "Med vennlig hilsen\n{avsendere}"
        ),
        "questions": [
            "Hvilke negative konsekvenser for menneskerettigheter har dere identifisert i kjeden for disse varene?",
            "Hvilke tiltak har dere iverksatt eller planlagt for å stanse, forebygge eller begrense dem?",
            "Hvordan vurderer dere om tiltakene virker?",
        ],
    },
    {
        "request_type": "kontraktskrav",
        "name": "Dokumentasjon av kontraktskrav om samfunnsansvar",
        "subject": "Dokumentasjon av kontraktskravene om samfunnsansvar – {kontrakt}",
        "body": (
            "Til {leverandor}\n\n"
            "Kontrakten «{kontrakt}» krever at dere dokumenterer hvordan dere oppfyller kravene om "
            "samfunnsansvar, enten ved kontraktsstart eller senest seks måneder etter. Vi ber om egenrapporteringen "
            "(for eksempel DFØs skjema for egenrapportering) med vedlegg innen {frist}.\n\n"
            "Med vennlig hilsen\n{avsendere}"
        ),
        "questions": [
            "Legg ved utfylt egenrapportering om samfunnsansvar.",
            "Hvilke produkter i kontrakten har høy risiko, og hvordan følger dere dem opp?",
            "Hvilke avvik har dere funnet, og hvilke korrigerende tiltak er satt i gang?",
        ],
    },
    {
        "request_type": "mineralrapport",
        "name": "Forespørsel om mineralrapport (CMRT/EMRT)",
        "subject": "Mineralrapport for produkter levert til {oppdragsgiver}",
        "body": (
            "Til {leverandor}\n\n"
            "For å kartlegge opprinnelsen til mineraler i produktene under kontrakten «{kontrakt}» ber vi om "
            "utfylte rapportmaler fra Responsible Minerals Initiative: Conflict Minerals Reporting Template (CMRT) "
            "for tinn, tantal, wolfram og gull, og Extended Minerals Reporting Template (EMRT) for blant annet "
            "kobolt, litium, nikkel og grafitt. Oppgi smelteverk og raffinerier så langt dere kjenner dem.\n\n"
            "Frist: {frist}.\n\n"
            "Med vennlig hilsen\n{avsendere}"
        ),
        "questions": [
            "Legg ved utfylt CMRT (siste versjon).",
            "Legg ved utfylt EMRT (siste versjon).",
            "Hvilke smelteverk eller raffinerier er ikke revidert etter RMAP, og hva gjør dere med dem?",
        ],
    },
]


def ensure_national_templates(letter_template_model=None) -> int:
    """Create the national templates that are missing; returns how many were made."""
    if letter_template_model is None:
        from suppliers.models import LetterTemplate as letter_template_model
    have = set(letter_template_model.objects.filter(organization__isnull=True).values_list("request_type", flat=True))
    made = 0
    for data in NATIONAL_TEMPLATES:
        if data["request_type"] not in have:
            letter_template_model.objects.create(organization=None, **data)
            made += 1
    return made
