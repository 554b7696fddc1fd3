"""Read queries on procurements that more than one page uses."""

from django.db.models import Count

from core.access import scoped
from procurement.models import Procurement

HOME_PANEL_SIZE = 5
OPEN_STATUSES = (
    Procurement.Status.UTKAST,
    Procurement.Status.PUBLISERT,
    Procurement.Status.EVALUERING,
    Procurement.Status.TILDELT,
)


def my_procurements_panel(request) -> dict:
    """The officer's own open procurements, newest first, for the start page."""
    mine = scoped(request, Procurement).filter(responsible=request.user, status__in=OPEN_STATUSES)
    return {
        "procurements": list(
            mine.select_related("category").annotate(requirement_count=Count("requirements"))[:HOME_PANEL_SIZE]
        ),
        "total": mine.count(),
    }
