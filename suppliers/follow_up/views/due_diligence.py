"""Due-diligence requests inside a case: make from a template, edit the draft, send, change state."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from core.concurrency import save_or_conflict
from core.forms import service_data
from core.http import attempt, refuse
from suppliers.follow_up import due_diligence, selectors, transparency_act
from suppliers.follow_up.access import case_for, request_for
from suppliers.follow_up.forms import RequestCreateForm, RequestDraftForm, SendForm, TransitionForm

S = due_diligence.S


@organization_required
@require_http_methods(["GET", "POST"])
def request_create(request, case_id):
    case = case_for(request, case_id, write=True)
    form = RequestCreateForm(request.POST or None, case=case, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        req = attempt(
            form,
            lambda: due_diligence.create_request(
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
    return render(request, "suppliers/request_form.html", {**selectors.case_context(request, case), "form": form})


@organization_required
@require_GET
def request_detail(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id)
    return render(request, "suppliers/request_detail.html", selectors.request_page(request, req))


@organization_required
@require_http_methods(["GET", "POST"])
def request_edit(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    if req.status != S.DRAFT:
        messages.error(request, _("Bare utkast kan endres. Brevet er allerede sendt."))
        return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    form = RequestDraftForm(request.POST or None, instance=req, organization=request.organization)
    conflict = None
    if request.method == "POST" and form.is_valid():
        outcome = save_or_conflict(
            form,
            lambda: attempt(
                form,
                lambda: due_diligence.update_draft(
                    req=req, user=request.user, data=service_data(form), version=form.submitted_version()
                ),
            ),
            organization=request.organization,
        )
        if outcome.result is not None:
            messages.success(request, _("Utkastet er lagret."))
            return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "suppliers/request_edit.html",
        {**selectors.case_context(request, req.case), "req": req, "form": form, "conflict": conflict},
    )


def _shown_deadline(form):
    raw = form["deadline"].value()
    try:
        return form.fields["deadline"].to_python(raw) if isinstance(raw, str) else raw
    except ValidationError:
        return None


@organization_required
@require_http_methods(["GET", "POST"])
def request_send(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    today = timezone.localdate()
    proposed = due_diligence.proposed_deadline(req, today)
    data = request.POST.copy() if request.method == "POST" else None
    only_check = data is not None and ("move" in data or "check" in data)
    if only_check and "move" in data:
        # One click: the deadline moves to the next working day; nothing is sent yet.
        flag = transparency_act.flag_for(_shown_deadline(SendForm(data)))
        if flag:
            data["deadline"] = flag.next_working_day.isoformat()
            data["proposed_deadline"] = ""
    form = SendForm(data, initial={"sent_on": today, "deadline": proposed, "proposed_deadline": proposed})
    if data is not None and not only_check and form.is_valid():
        deadline = form.cleaned_data["deadline"]
        if deadline == form.cleaned_data.get("proposed_deadline"):
            # Untouched: count from the day typed as sent (back-dated, or a draft sent later).
            deadline = due_diligence.default_deadline(req.request_type, form.cleaned_data["sent_on"])
        sent = attempt(
            form,
            lambda: due_diligence.send_request(
                req=req,
                user=request.user,
                sent_on=form.cleaned_data["sent_on"],
                deadline=deadline,
                comment=form.cleaned_data["comment"],
            ),
        )
        if sent is not None:
            messages.success(request, _("Forespørselen er registrert som sendt."))
            return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    return render(
        request,
        "suppliers/request_send.html",
        {
            **selectors.case_context(request, req.case),
            "req": req,
            "form": form,
            "default_deadline": due_diligence.default_deadline(req.request_type, today),
            "deadline_flag": transparency_act.flag_for(_shown_deadline(form)),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def request_transition(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    targets = due_diligence.manual_targets(req)
    if not targets:
        messages.error(request, _("Forespørselen kan ikke endre status herfra."))
        return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    # Every status is a valid choice, so an impossible one gets the service's own explanation.
    form = TransitionForm(
        request.POST or None, choices=[(s.value, s.label) for s in S], initial={"to_status": targets[0][0]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            due_diligence.check_manual_target(form.cleaned_data["to_status"])
            due_diligence.transition(
                req=req,
                to_status=form.cleaned_data["to_status"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:request_detail", case_id=case_id, request_id=req.pk)
        messages.success(request, _("Status er endret til «%(status)s».") % {"status": req.get_status_display()})
        return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    return render(
        request,
        "suppliers/request_transition.html",
        {**selectors.case_context(request, req.case), "req": req, "form": form, "targets": targets},
    )
