from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from suppliers.access import case_for
from suppliers.models import Case, Deviation, DueDiligenceRequest

CASE_RELATED = ("organization", "supplier", "contract", "contract__responsible")


def case_of(request, case_id: int, *, write: bool = False, closed_ok: bool = False) -> Case:
    """The case for this organisation (404 otherwise); for writes also open, unless the write reopens it."""
    case = case_for(request, case_id, write=write, queryset=Case.objects.select_related(*CASE_RELATED))
    if write and not closed_ok and case.status == Case.Status.LUKKET:
        raise PermissionDenied(_("Saken er lukket. Gjenåpne den for å gjøre endringer."))
    return case


def request_in(case: Case, request_id: int) -> DueDiligenceRequest:
    return get_object_or_404(
        DueDiligenceRequest.objects.select_related("contact", "template", "created_by"), case=case, pk=request_id
    )


def deviation_in(case: Case, deviation_id: int) -> Deviation:
    return get_object_or_404(Deviation.objects.select_related("obligation"), case=case, pk=deviation_id)


def refuse(request, exc, to: str, **kwargs):
    """Show a service's refusal as messages and go back."""
    for message in exc.messages:
        messages.error(request, message)
    return redirect(to, **kwargs)


def add_errors(form, exc) -> None:
    """A service's refusal shown on the form, so what was typed is kept."""
    for message in exc.messages:
        form.add_error(None, message)


def attempt(form, call):
    """Run a service call; a refusal goes onto the form (what was typed is kept) and None comes back."""
    try:
        return call()
    except ValidationError as exc:
        add_errors(form, exc)
        return None
