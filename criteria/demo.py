"""The first national library, one local criterion per demo organisation, one pending proposal,
and Bergen's fuel matrix shared with Vestland fylkeskommune (read-only use there)."""

import json
from pathlib import Path

from django.db import transaction

from core.models import Organization
from criteria import library_io, services
from criteria.models import Category, CategoryGroup, Criterion, CriterionShare, Kind, Level, Theme

FIRST_LIBRARY = Path(__file__).parent / "data" / "first_library.json"
FIRST_LIBRARY_ENGLISH = Path(__file__).parent / "data" / "first_library.en.json"
BERGEN_ORGNR = "964338531"
BERGEN_EDITOR = "redaktor@bergen.example"
PROPOSED_CODE = "IKT-LEV-01"
SHARED_WITH_ORGNR = "821311632"  # Vestland fylkeskommune sees Bergen's fuel matrix

# (orgnr, code, title, category, theme, kind, text, documentation): a local criterion for each
# demo organisation besides Bergen's fuel matrix, so every editor has one of their own to try.
LOCAL_CRITERIA = [
    (
        "958935420",
        "OSLO-KLIM-01",
        "Utslippsfri anleggsplass i Oslo",
        "bygg-og-anlegg",
        "klimagassutslipp",
        "kravspesifikasjon",
        "Alle maskiner over [tonn] tonn på byggeplassen skal være utslippsfrie (elektriske eller hydrogen).",
        "Maskinliste med type, vekt og energibærer før oppstart, oppdatert ved hver endring.",
    ),
    (
        "821311632",
        "VLFK-MAT-01",
        "Sjømat fra sertifisert fiske i Vestland",
        "mat-og-maltider",
        "apenhet-i-leverandorkjeden",
        "kravspesifikasjon",
        "Minst [prosent] % av sjømaten skal komme fra fiske eller oppdrett med MSC- eller ASC-sertifikat.",
        "Oversikt over sjømatvarer med sertifikatnummer, og kvartalsvis rapport over andelen.",
    ),
]


def with_english(library: dict) -> dict:
    """The shipped library with the English taxonomy texts from first_library.en.json laid over it."""
    english = json.loads(FIRST_LIBRARY_ENGLISH.read_text(encoding="utf-8"))
    for theme in library["themes"]:
        if theme["slug"] in english["themes"]:
            theme["name_en"] = english["themes"][theme["slug"]]
    for category in library["categories"]:
        texts = english["categories"].get(category["slug"], {})
        category["name_en"] = texts.get("name", "")
        category["high_risk_note_en"] = texts.get("high_risk_note", "")
        for group in category.get("groups", []):
            group["name_en"] = texts.get("groups", {}).get(group["slug"], "")
    return library


def load_first_library() -> library_io.ImportResult:
    library = with_english(json.loads(FIRST_LIBRARY.read_text(encoding="utf-8")))
    return library_io.import_bytes(json.dumps(library).encode(), filename=FIRST_LIBRARY.name)


@transaction.atomic
def load(out) -> dict:
    result = load_first_library()
    created = {"criteria": result.criteria_created, "local criteria": 0}
    bergen = Organization.objects.filter(orgnr=BERGEN_ORGNR).first()
    if bergen and not Criterion.objects.filter(organization=bergen, code="BERGEN-DRIV-01").exists():
        category = Category.objects.get(slug="kjoretoy-og-transport")
        criterion = services.create_criterion(
            organization=bergen,
            user=None,
            data=services.CriterionData(
                code="BERGEN-DRIV-01",
                title="Drivstoffmatrise for kjøretøy i leveransene",
                category=category,
                group=CategoryGroup.objects.get(category=category, slug="varelevering"),
                theme=Theme.objects.get(slug="miljovennlig-transport"),
                kind=Kind.AWARD_CRITERION,
                purpose="Gi uttelling for leveranser med kjøretøy som slipper ut minst.",
                environmental=True,
                variants=[
                    services.VariantData(
                        level=Level.BASIC,
                        text=(
                            "Leverandøren får poeng etter kommunens drivstoffmatrise for kjøretøyene som skal brukes "
                            "i leveransene: nullutslipp (elektrisitet, hydrogen) [poeng] poeng, biogass [poeng] "
                            "poeng, avansert biodiesel [poeng] poeng, Euro VI diesel 0 poeng."
                        ),
                        documentation=(
                            "Liste over kjøretøy med registreringsnummer, drivstoff og Euro-klasse, og hvor stor "
                            "andel av leveransene hvert kjøretøy skal stå for."
                        ),
                        guidance="Matrisen er Bergens egen; juster poengene før kunngjøring.",
                        verification="Kontroller vognkortene stikkprøvevis i første kontraktsår.",
                    )
                ],
            ),
        )
        services.publish_criterion(criterion=criterion, user=None)
        created["local criteria"] += 1
    created["local criteria"] += _load_local_criteria()
    created["proposals"] = _load_proposal()
    created["shared criteria"] = _load_share()
    return created


def _load_share() -> int:
    shared = Criterion.objects.filter(organization__orgnr=BERGEN_ORGNR, code="BERGEN-DRIV-01").first()
    county = Organization.objects.filter(orgnr=SHARED_WITH_ORGNR).first()
    if (
        shared is None
        or county is None
        or CriterionShare.objects.filter(criterion=shared, organization=county).exists()
    ):
        return 0
    services.share_criterion(criterion=shared, organization=county, user=None)
    return 1


def _load_local_criteria() -> int:
    made = 0
    for orgnr, code, title, category, theme, kind, text, documentation in LOCAL_CRITERIA:
        owner = Organization.objects.filter(orgnr=orgnr).first()
        if owner is None or Criterion.objects.filter(organization=owner, code=code).exists():
            continue
        criterion = services.create_criterion(
            organization=owner,
            user=None,
            data=services.CriterionData(
                code=code,
                title=title,
                category=Category.objects.get(slug=category),
                theme=Theme.objects.get(slug=theme),
                kind=kind,
                environmental=True,
                variants=[services.VariantData(level="basis", text=text, documentation=documentation)],
            ),
        )
        services.publish_criterion(criterion=criterion, user=None)
        made += 1
    return made


def _load_proposal() -> int:
    """Bergen's editor proposes a longer spare-parts period; it waits for the national editors."""
    from django.contrib.auth import get_user_model

    bergen = Organization.objects.filter(orgnr=BERGEN_ORGNR).first()
    editor = get_user_model().objects.filter(username=BERGEN_EDITOR).first()
    criterion = Criterion.objects.filter(organization__isnull=True, code=PROPOSED_CODE).first()
    if bergen is None or editor is None or criterion is None or criterion.status != Criterion.Status.PUBLISHED:
        return 0
    if criterion.revisions.filter(proposed_at__isnull=False).exists():
        return 0
    current = criterion.current_revision
    variants = [
        services.VariantData(
            level=v.level,
            text=v.text.replace("[antall] år", "7 år")
            if "[antall] år" in v.text
            else f"{v.text} Gjelder i minst 7 år.",
            documentation=v.documentation,
            guidance=v.guidance,
            verification=v.verification,
            references=v.references,
            legal_requirement=v.legal_requirement,
        )
        for v in current.variants.all()
    ]
    services.update_criterion(
        criterion=criterion,
        data=services.CriterionData(
            code=criterion.code,
            title=criterion.title,
            category=criterion.category,
            group=criterion.group,
            theme=criterion.theme,
            kind=criterion.kind,
            purpose=criterion.purpose,
            environmental=criterion.environmental,
            social=criterion.social,
            variants=variants,
        ),
        user=editor,
        change_note=(
            "Bergen har hatt gode erfaringer med 7 års reservedelsgaranti i rammeavtalen for PC-er; "
            "markedet leverer dette i dag."
        ),
        organization=bergen,
    )
    return 1
