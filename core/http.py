"""View plumbing every app shares: refusals, service calls, pagination, htmx, the confirm page.

Views stay thin by leaning on these; a rule never lives here, only the way a
view shows what a service or form decided.
"""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import cached_property

PAGE_SIZE = 25
PAGE_PARAM = "side"

T = TypeVar("T")


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def show_refusal(request, exc: ValidationError) -> None:
    """A service's refusal as error messages on the next page."""
    for message in exc.messages:
        messages.error(request, message)


def refuse(request, exc: ValidationError, to: str, *args, **kwargs):
    """Show a service's refusal as messages and go back (``to`` is a URL name or a URL)."""
    show_refusal(request, exc)
    return redirect(to, *args, **kwargs)


def add_errors(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form, so what was typed is kept."""
    for message in exc.messages:
        form.add_error(None, message)


def attempt(form, call: Callable[[], T]) -> T | None:
    """Run a service call; a refusal goes onto the form (what was typed is kept) and None comes back."""
    try:
        return call()
    except ValidationError as exc:
        add_errors(form, exc)
        return None


def query_without_page(request) -> str:
    """The current query string without the page number, for links that keep the filters."""
    query = request.GET.copy()
    query.pop(PAGE_PARAM, None)
    return query.urlencode()


class _CountedPaginator(Paginator):
    """A Paginator whose total comes from the caller's cheaper query that counts the same rows."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int]):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def paginate(request, qs, size: int = PAGE_SIZE, *, count: Callable[[], int] | None = None) -> dict:
    """One page of ``qs`` (sliced in SQL) plus what core/_pagination.html needs.

    ``filtered`` says whether any filter besides the page number is set, so an
    empty list can tell "nothing matches" from "nothing yet". ``count``, when given,
    returns the number of rows of ``qs`` by a cheaper query than ``qs.count()``.
    """
    paginator = Paginator(qs, size) if count is None else _CountedPaginator(qs, size, count=count)
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    return {
        "page": page,
        "query": query_without_page(request),
        "filtered": bool(request.GET.dict().keys() - {PAGE_PARAM}),
    }


def confirm(
    request,
    *,
    title,
    question,
    confirm_label,
    cancel_url: str,
    danger: bool = True,
    status: int = 200,
    hidden: dict | None = None,
):
    """The one confirmation page every delete, close or retire action shows before its POST.

    ``hidden`` goes back with the POST: what the page asked to confirm, so a
    confirmation that went stale (someone else acted first) can be told apart.
    """
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "question": question,
            "confirm_label": confirm_label,
            "confirm_class": "btn-danger" if danger else "btn-primary",
            "cancel_url": cancel_url,
            "hidden": hidden or {},
        },
        status=status,
    )
