"""Deviations (avvik) with corrective actions, and escalation steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import organization_required
from core.concurrency import save_or_conflict
from core.http import attempt, confirm, refuse
from suppliers.follow_up import services
from suppliers.follow_up.access import action_for, case_for, deviation_for
from suppliers.follow_up.forms import ActionForm, ActionStatusForm, DeviationForm, EscalationForm
from suppliers.follow_up.selectors import case_context


@organization_required
@require_http_methods(["GET", "POST"])
def deviation_create(request, case_id):
    case = case_for(request, case_id, write=True)
    form = DeviationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        deviation = attempt(
            form, lambda: services.create_deviation(case=case, user=request.user, data=form.cleaned_data)
        )
        if deviation is not None:
            messages.success(request, _("Avviket er registrert. Legg til korrigerende tiltak."))
            return redirect("suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
    return render(request, "suppliers/deviation_form.html", {**case_context(request, case), "form": form})


def _detail(request, deviation, action_form=None, status=200):
    return render(
        request,
        "suppliers/deviation_detail.html",
        {
            **case_context(request, deviation.case),
            "deviation": deviation,
            "actions": deviation.actions.all(),
            "action_form": action_form or ActionForm(),
        },
        status=status,
    )


@organization_required
@require_GET
def deviation_detail(request, case_id, deviation_id):
    return _detail(request, deviation_for(request, deviation_id, case_id=case_id))


@organization_required
@require_POST
def action_create(request, case_id, deviation_id):
    deviation = deviation_for(request, deviation_id, case_id=case_id, write=True)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.add_action(deviation=deviation, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:deviation_detail", case_id=case_id, deviation_id=deviation.pk)
        messages.success(request, _("Tiltaket er lagt til."))
        return redirect("suppliers:deviation_detail", case_id=case_id, deviation_id=deviation.pk)
    return _detail(request, deviation, action_form=form, status=400)


@organization_required
@require_http_methods(["GET", "POST"])
def action_status(request, case_id, deviation_id, action_id):
    action = action_for(request, action_id, case_id=case_id, deviation_id=deviation_id, write=True)
    deviation = action.deviation
    form = ActionStatusForm(
        request.POST or None,
        initial={"status": action.status, "waiver_reason": action.waiver_reason, "version": action.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        outcome = save_or_conflict(
            form,
            lambda: attempt(
                form,
                lambda: services.set_action_status(
                    action=action,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    waiver_reason=form.cleaned_data["waiver_reason"],
                    version=form.cleaned_data["version"],
                ),
            ),
        )
        if outcome.result is not None:
            messages.success(request, _("Tiltaket er oppdatert."))
            return redirect("suppliers:deviation_detail", case_id=case_id, deviation_id=deviation.pk)
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "suppliers/deviation_action.html",
        {
            **case_context(request, deviation.case),
            "deviation": deviation,
            "action": action,
            "form": form,
            "conflict": conflict,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def deviation_close(request, case_id, deviation_id):
    deviation = deviation_for(request, deviation_id, case_id=case_id, write=True)
    back = reverse("suppliers:deviation_detail", args=[case_id, deviation.pk])
    if request.method == "POST":
        try:
            services.close_deviation(deviation=deviation, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, back)
        messages.success(request, _("Avviket er lukket."))
        return redirect(back)
    return confirm(
        request,
        title=_("Lukk avviket"),
        question=_("Vil du lukke avviket «%(title)s»? Alle tiltak må være utført eller frafalt med begrunnelse.")
        % {"title": deviation.title},
        confirm_label=_("Lukk avviket"),
        cancel_url=back,
        danger=False,
    )


@organization_required
@require_http_methods(["GET", "POST"])
def escalation_create(request, case_id):
    case = case_for(request, case_id, write=True)
    form = EscalationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_escalation(case=case, user=request.user, data=form.cleaned_data)
        messages.success(request, _("Steget er registrert."))
        return redirect("suppliers:case_detail", case_id=case.pk)
    return render(request, "suppliers/escalation_form.html", {**case_context(request, case), "form": form})
