"""Read queries about follow-up cases used outside the case pages."""

from django.utils import timezone

from suppliers.access import editable_cases
from suppliers.models import DueDiligenceRequest
from suppliers.requests import REMINDED

HOME_PANEL_SIZE = 8


def deadlines_panel(request) -> dict:
    """Requests still waiting for the supplier in cases we work on, nearest deadline first, for the start page."""
    waiting = DueDiligenceRequest.objects.filter(
        case__in=editable_cases(request), status__in=REMINDED, deadline__isnull=False
    )
    return {
        "requests": list(waiting.select_related("case__supplier").order_by("deadline", "pk")[:HOME_PANEL_SIZE]),
        "total": waiting.count(),
        "today": timezone.localdate(),
    }
