"""Åpenhetsloven § 6 on a sent information request: the day it was received, the supplier's extension
notice, and a refusal on one of the law's grounds. Each recomputes or closes through due_diligence."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.access import organization_required
from core.http import attempt, show_refusal
from suppliers.follow_up import due_diligence, selectors
from suppliers.follow_up.access import request_for
from suppliers.follow_up.forms import ExtensionNoticeForm, ReceivedForm, RefusalForm
from suppliers.follow_up.letters import format_date


def _record(request, case_id, request_id, *, form_class, allowed, initial, save, done, texts):
    """Fetch, check, validate, call the service, and say what happened: the three pages' one shape."""
    req = request_for(request, request_id, case_id=case_id, write=True)
    back = redirect("suppliers:request_detail", case_id=req.case_id, request_id=req.pk)
    try:
        due_diligence.check_transparency_request(req, allowed)
    except ValidationError as exc:
        show_refusal(request, exc)
        return back
    form = form_class(request.POST or None, request_obj=req, initial=initial(req))
    if request.method == "POST" and form.is_valid():
        saved = attempt(form, lambda: save(req, request.user, form.cleaned_data))
        if saved is not None:
            messages.success(request, done(saved))
            return back
    heading, intro, submit_label = texts
    context = {"req": req, "form": form, "heading": heading, "intro": intro, "submit_label": submit_label}
    return render(
        request,
        "suppliers/request_transparency_form.html",
        {**selectors.case_context(request, req.case), **context},
    )


def _new_deadline(message):
    return lambda saved: message % {"d": format_date(saved.deadline)}


@organization_required
@require_http_methods(["GET", "POST"])
def request_received(request, case_id, request_id):
    return _record(
        request,
        case_id,
        request_id,
        form_class=ReceivedForm,
        allowed=due_diligence.ANSWERABLE,
        initial=lambda req: {"received_on": req.received_on or req.sent_on},
        save=lambda req, user, data: due_diligence.set_received_on(req=req, user=user, received_on=data["received_on"]),
        done=_new_deadline(_("Mottatt dato er lagret. Ny svarfrist er %(d)s.")),
        texts=(
            gettext_lazy("Når mottok leverandøren forespørselen?"),
            gettext_lazy("Svarfristen etter åpenhetsloven § 6 regnes fra dagen leverandøren mottok forespørselen."),
            gettext_lazy("Lagre mottatt dato"),
        ),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def request_extension(request, case_id, request_id):
    return _record(
        request,
        case_id,
        request_id,
        form_class=ExtensionNoticeForm,
        allowed=due_diligence.EXTENDABLE,
        initial=lambda req: {"notified_on": timezone.localdate()},
        save=lambda req, user, data: due_diligence.record_extension(
            req=req, user=user, notified_on=data["notified_on"], reason=data["reason"]
        ),
        done=_new_deadline(_("Varselet er registrert. Ny svarfrist er %(d)s.")),
        texts=(
            gettext_lazy("Registrer varsel om utsatt frist"),
            gettext_lazy(
                "Leverandøren kan svare innen den lengre fristen i åpenhetsloven § 6 hvis den varsler innen den "
                "ordinære svarfristen og sier hvorfor og når svaret kommer."
            ),
            gettext_lazy("Registrer varselet"),
        ),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def request_refusal(request, case_id, request_id):
    return _record(
        request,
        case_id,
        request_id,
        form_class=RefusalForm,
        allowed=due_diligence.ANSWERABLE,
        initial=lambda req: {"refused_on": timezone.localdate()},
        save=lambda req, user, data: due_diligence.record_refusal(
            req=req, user=user, refused_on=data["refused_on"], ground=data["ground"], note=data["note"]
        ),
        done=lambda saved: _("Avslaget er registrert, og forespørselen har status «Avslått»."),
        texts=(
            gettext_lazy("Registrer avslag"),
            gettext_lazy(
                "Leverandøren kan bare avslå et informasjonskrav på et av grunnlagene i åpenhetsloven § 6. Et avslag "
                "er leverandørens svar, ikke et manglende svar. Dere kan be leverandøren om en nærmere begrunnelse "
                "for avslaget."
            ),
            gettext_lazy("Registrer avslaget"),
        ),
    )
