"""The first national library, and one local criterion to show how local ones work."""

from pathlib import Path

from django.db import transaction

from core.models import Organization
from criteria import library_io, services
from criteria.models import Category, CategoryGroup, Criterion, Kind, Level, Theme

FIRST_LIBRARY = Path(__file__).parent / "data" / "first_library.json"
BERGEN_ORGNR = "964338531"


def load_first_library() -> library_io.ImportResult:
    return library_io.import_bytes(FIRST_LIBRARY.read_bytes(), filename=FIRST_LIBRARY.name)


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
    return created
