"""DFØ's five assessments turned into a recommendation, and "need, not solution" steps per category."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from criteria.models import Level

# (field, question, what "høy" means here). For cost, a high rating argues for
# less ambition, so it counts the other way round.
ASSESSMENTS = (
    ("impact", _("Hvor stor miljøpåvirkning har anskaffelsen, og hvor mye kan forbedres?"), False),
    ("size", _("Er anskaffelsen stor, eller er kontrakten lang?"), False),
    ("market", _("Hvor mye kan anskaffelsen påvirke markedet?"), False),
    ("cost", _("Hva koster kravene for oppdragsgiver og leverandør?"), True),
    ("alternatives", _("Finnes det grønnere alternativer eller ferdige kriteriesett?"), False),
)
POINTS = {"lav": 0, "middels": 1, "hoy": 2}


@dataclass(frozen=True)
class Recommendation:
    score: int
    ambition: str  # "hoy", "middels", "lav"
    level: str
    summary: str

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)


def recommend(needs) -> Recommendation | None:
    """Score 0–10 from the five ratings; high scores push climate and environment hard."""
    if needs is None:
        return None
    score = 0
    for field, _question, inverted in ASSESSMENTS:
        points = POINTS.get(getattr(needs, field), 0)
        score += (2 - points) if inverted else points
    if score >= 7:
        return Recommendation(
            score,
            "hoy",
            Level.ADVANCED,
            str(_("Stort potensial: start fra avansert nivå og vekt klima og miljø høyere enn minstekravet på 30 %.")),
        )
    if score >= 4:
        return Recommendation(
            score,
            "middels",
            Level.BASIC,
            str(_("Middels potensial: start fra basisnivå og bruk avansert på de kravene som betyr mest.")),
        )
    return Recommendation(
        score,
        "lav",
        Level.BASIC,
        str(_("Begrenset potensial: basisnivå holder; bruk innsatsen på enkle krav som er lette å følge opp.")),
    )


# Category slug -> ordered alternatives to buying new, best first.
NEED_STEPS = {
    "mobler": (
        ("gjenbruk_egne", _("Gjenbruke egne møbler (ombruk internt, omtrekk, reparasjon)")),
        ("kjop_brukt", _("Kjøpe brukte møbler")),
        ("kjop_nytt", _("Kjøpe nye møbler")),
    ),
    "ikt-utstyr": (
        ("forleng_levetid", _("Forlenge levetiden til utstyret vi har (reparasjon, oppgradering)")),
        ("kjop_brukt", _("Kjøpe refurbished utstyr")),
        ("kjop_nytt", _("Kjøpe nytt utstyr")),
    ),
    "kjoretoy-og-transport": (
        ("deling", _("Dele kjøretøy eller bruke bildeling og kollektivtransport")),
        ("leie", _("Leie eller lease i stedet for å eie")),
        ("kjop_nytt", _("Kjøpe nye kjøretøy")),
    ),
    "tekstiler-og-arbeidstoy": (
        ("reparasjon", _("Reparere og gjenbruke tekstiler vi har")),
        ("leie", _("Leie arbeidstøy med vask og reparasjon")),
        ("kjop_nytt", _("Kjøpe nytt")),
    ),
}


def need_steps_for(category) -> tuple:
    return NEED_STEPS.get(getattr(category, "slug", ""), ())
