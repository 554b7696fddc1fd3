"""Due-diligence requests inside a case: make from a template, edit the draft, send, change state."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from suppliers import requests as dd
from suppliers.case_views.cases import case_context
from suppliers.case_views.common import attempt, case_of, refuse, request_in
from suppliers.follow_up.answer_page import selectors as answer_page_selectors
from suppliers.forms_cases import RequestCreateForm, RequestDraftForm, SendForm, TransitionForm

S = dd.S
# Targets with their own form: sending sets the dates, an answer is logged on its own page.
MANUAL_TARGETS_EXCLUDED = {S.SENDT, S.BESVART}


def manual_targets(req) -> list[tuple[str, str]]:
    targets = dd.TRANSITIONS.get(req.status, set()) - MANUAL_TARGETS_EXCLUDED
    return [(s.value, s.label) for s in S if s in targets]


@organization_required
@require_http_methods(["GET", "POST"])
def request_create(request, case_id):
    case = case_of(request, case_id, write=True)
    form = RequestCreateForm(request.POST or None, case=case, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        req = attempt(
            form,
            lambda: dd.create_request(
                case=case,
                user=request.user,
                template=data["template"],
                contact=data["contact"],
                co_signers=data["co_signers"],
                remind_supplier=data["remind_supplier"],
                deadline=data["deadline"],
            ),
        )
        if req is not None:
            messages.success(request, _("Utkastet er laget. Les gjennom brevet og send det."))
            return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(request, "suppliers/request_form.html", {**case_context(request, case), "form": form})


@organization_required
@require_GET
def request_detail(request, case_id, request_id):
    case = case_of(request, case_id)
    req = request_in(case, request_id)
    events = list(req.events.select_related("user"))
    for event in events:
        event.to_label = S(event.to_status).label if event.to_status in S.values else event.to_status
    return render(
        request,
        "suppliers/request_detail.html",
        {
            **case_context(request, case),
            "req": req,
            "co_signers": req.co_signers.order_by("name"),
            "events": events,
            "responses": req.responses.select_related("logged_by").prefetch_related("attachments"),
            "reminders": req.reminders.order_by("sent_at"),
            "targets": manual_targets(req),
            "may_send": req.status in dd.SENDABLE,
            "may_answer": req.status in dd.ANSWERABLE,
            "may_email": req.status in dd.SENDABLE | dd.AWAITING | {S.FORFALT},
            **answer_page_selectors.request_panel(req),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def request_edit(request, case_id, request_id):
    case = case_of(request, case_id, write=True)
    req = request_in(case, request_id)
    if req.status != S.UTKAST:
        messages.error(request, _("Bare utkast kan endres. Brevet er allerede sendt."))
        return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    form = RequestDraftForm(request.POST or None, instance=req, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: dd.update_draft(
                req=req, user=request.user, data={f: form.cleaned_data[f] for f in form.Meta.fields}
            ),
        )
        if saved is not None:
            messages.success(request, _("Utkastet er lagret."))
            return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(request, "suppliers/request_edit.html", {**case_context(request, case), "req": req, "form": form})


@organization_required
@require_http_methods(["GET", "POST"])
def request_send(request, case_id, request_id):
    case = case_of(request, case_id, write=True)
    req = request_in(case, request_id)
    today = timezone.localdate()
    fresh = dd.default_deadline(req.request_type, today)
    # A draft keeps the deadline it was made with unless that has become too short; a new round starts afresh.
    initial_deadline = req.deadline if req.status == S.UTKAST and req.deadline and req.deadline > today else fresh
    form = SendForm(request.POST or None, initial={"sent_on": today, "deadline": initial_deadline})
    if request.method == "POST" and form.is_valid():
        sent = attempt(
            form,
            lambda: dd.send_request(
                req=req,
                user=request.user,
                sent_on=form.cleaned_data["sent_on"],
                deadline=form.cleaned_data["deadline"],
                comment=form.cleaned_data["comment"],
            ),
        )
        if sent is not None:
            messages.success(request, _("Forespørselen er registrert som sendt."))
            return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(
        request,
        "suppliers/request_send.html",
        {**case_context(request, case), "req": req, "form": form, "default_deadline": fresh},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def request_transition(request, case_id, request_id):
    case = case_of(request, case_id, write=True)
    req = request_in(case, request_id)
    targets = manual_targets(req)
    if not targets:
        messages.error(request, _("Forespørselen kan ikke endre status herfra."))
        return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    # Every status is a valid choice, so an impossible one gets the service's own explanation.
    form = TransitionForm(
        request.POST or None, choices=[(s.value, s.label) for s in S], initial={"to_status": targets[0][0]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["to_status"] in MANUAL_TARGETS_EXCLUDED:
                raise ValidationError(_("Bruk «Send» for å sende brevet og «Registrer svar» for å registrere et svar."))
            dd.transition(
                req=req,
                to_status=form.cleaned_data["to_status"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:request_detail", case_id=case.pk, request_id=req.pk)
        messages.success(request, _("Status er endret til «%(status)s».") % {"status": req.get_status_display()})
        return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(
        request,
        "suppliers/request_transition.html",
        {**case_context(request, case), "req": req, "form": form, "targets": targets},
    )
