from django.contrib import messages
from django.shortcuts import redirect

from core.access import get_for_org, require_capability
from core.roles import Capability
from procurement.models import Procurement


def procurement_for(request, procurement_id: int) -> Procurement:
    return get_for_org(
        request, Procurement.objects.select_related("category", "responsible", "main_cpv"), pk=procurement_id
    )


def require_write(request) -> None:
    require_capability(request, Capability.EDIT_PROCUREMENTS)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def refuse(request, exc, to: str, procurement: Procurement):
    """Show a service's refusal as a message and go back to the page."""
    for message in exc.messages:
        messages.error(request, message)
    return redirect(to, procurement_id=procurement.pk)
