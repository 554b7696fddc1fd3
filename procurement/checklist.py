"""The sustainable purchasing guide's nine questions, answered per procurement."""

from django.utils.translation import gettext_lazy as _

QUESTIONS = (
    ("maal", _("Er anskaffelsen i tråd med organisasjonens bærekraftsmål?")),
    ("bibliotek", _("Er kriteriebiblioteket brukt til å velge krav?")),
    ("vekt30", _("Vektes bærekraft med 30 % eller mer?")),
    (
        "verdikjede",
        _(
            "Stilles det tydelige krav til verdikjeden (etiske retningslinjer etter ILO-kjernekonvensjonene og FNs Global Compact, medlemskap i for eksempel RBA)?"
        ),
    ),
    ("ikt_retur", _("Skal brukt IKT-utstyr leveres tilbake for sikker sletting og ombruk (målet er 100 %)?")),
    (
        "utslipp",
        _(
            "Blir leverandøren bedt om å kutte utslipp (for eksempel tredjepartsvurdering som EcoVadis, TCO Certified-produkter)?"
        ),
    ),
    ("design", _("Stilles det krav til design og materialer, for eksempel reparerbarhet som tildelingskriterium?")),
    (
        "transport",
        _(
            "Er transporten grønnere (jernbane eller skip framfor fly, elektrisk siste ledd, færre og samlede leveranser)?"
        ),
    ),
    ("emballasje", _("Er emballasjen redusert (mindre plast, resirkulert materiale, kan skilles for hånd)?")),
)
QUESTION_KEYS = tuple(key for key, _label in QUESTIONS)


def summary(answers) -> dict:
    """Share of 'ja' among the questions that apply; 'ikke relevant' does not count."""
    by_answer = {"ja": 0, "nei": 0, "ikke_relevant": 0}
    for a in answers:
        if a.question in QUESTION_KEYS:
            by_answer[a.answer] = by_answer.get(a.answer, 0) + 1
    relevant = by_answer["ja"] + by_answer["nei"]
    answered = sum(by_answer.values())
    return {
        **by_answer,
        "answered": answered,
        "total": len(QUESTIONS),
        "percent": round(100 * by_answer["ja"] / relevant) if relevant else None,
    }
