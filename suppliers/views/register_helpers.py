"""Small helpers the register, contract and portfolio views share."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect

from core.access import require_capability
from core.roles import Capability

PAGE_SIZE = 25


def require_follow_up(request) -> None:
    require_capability(request, Capability.FOLLOW_UP_CONTRACTS)


def refuse(request, exc, to: str, **kwargs):
    """Show a service's refusal as messages and go back to the page."""
    for message in exc.messages:
        messages.error(request, message)
    return redirect(to, **kwargs)


def paginate(request, qs, size: int = PAGE_SIZE) -> dict:
    """The page and the query string without the page number, for partials/pagination.html."""
    page = Paginator(qs, size).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return {"page": page, "query": query.urlencode(), "filtered": bool(request.GET.dict().keys() - {"side"})}
