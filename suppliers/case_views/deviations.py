"""Deviations (avvik) with corrective actions, and escalation steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import organization_required
from suppliers import services_cases
from suppliers.case_views.cases import case_context
from suppliers.case_views.common import attempt, case_of, deviation_in, refuse
from suppliers.forms_cases import ActionForm, ActionStatusForm, DeviationForm, EscalationForm
from suppliers.models import CorrectiveAction


@organization_required
@require_http_methods(["GET", "POST"])
def deviation_create(request, case_id):
    case = case_of(request, case_id, write=True)
    form = DeviationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        deviation = attempt(
            form, lambda: services_cases.create_deviation(case=case, user=request.user, data=form.cleaned_data)
        )
        if deviation is not None:
            messages.success(request, _("Avviket er registrert. Legg til korrigerende tiltak."))
            return redirect("suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
    return render(request, "suppliers/deviation_form.html", {**case_context(request, case), "form": form})


def _detail(request, case, deviation, action_form=None, status=200):
    return render(
        request,
        "suppliers/deviation_detail.html",
        {
            **case_context(request, case),
            "deviation": deviation,
            "actions": deviation.actions.all(),
            "action_form": action_form or ActionForm(),
        },
        status=status,
    )


@organization_required
@require_GET
def deviation_detail(request, case_id, deviation_id):
    case = case_of(request, case_id)
    return _detail(request, case, deviation_in(case, deviation_id))


@organization_required
@require_POST
def action_create(request, case_id, deviation_id):
    case = case_of(request, case_id, write=True)
    deviation = deviation_in(case, deviation_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services_cases.add_action(deviation=deviation, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
        messages.success(request, _("Tiltaket er lagt til."))
        return redirect("suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
    return _detail(request, case, deviation, action_form=form, status=400)


@organization_required
@require_http_methods(["GET", "POST"])
def action_status(request, case_id, deviation_id, action_id):
    case = case_of(request, case_id, write=True)
    deviation = deviation_in(case, deviation_id)
    action = get_object_or_404(CorrectiveAction, deviation=deviation, pk=action_id)
    form = ActionStatusForm(
        request.POST or None, initial={"status": action.status, "waiver_reason": action.waiver_reason}
    )
    if request.method == "POST" and form.is_valid():
        updated = attempt(
            form,
            lambda: services_cases.set_action_status(
                action=action,
                user=request.user,
                status=form.cleaned_data["status"],
                waiver_reason=form.cleaned_data["waiver_reason"],
            ),
        )
        if updated is not None:
            messages.success(request, _("Tiltaket er oppdatert."))
            return redirect("suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
    return render(
        request,
        "suppliers/deviation_action.html",
        {**case_context(request, case), "deviation": deviation, "action": action, "form": form},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def deviation_close(request, case_id, deviation_id):
    case = case_of(request, case_id, write=True)
    deviation = deviation_in(case, deviation_id)
    back = reverse("suppliers:deviation_detail", args=[case.pk, deviation.pk])
    if request.method == "POST":
        try:
            services_cases.close_deviation(deviation=deviation, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:deviation_detail", case_id=case.pk, deviation_id=deviation.pk)
        messages.success(request, _("Avviket er lukket."))
        return redirect(back)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Lukk avviket"),
            "question": _("Vil du lukke avviket «%(title)s»? Alle tiltak må være utført eller frafalt med begrunnelse.")
            % {"title": deviation.title},
            "confirm_label": _("Lukk avviket"),
            "confirm_class": "btn-primary",
            "cancel_url": back,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def escalation_create(request, case_id):
    case = case_of(request, case_id, write=True)
    form = EscalationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services_cases.add_escalation(case=case, user=request.user, data=form.cleaned_data)
        messages.success(request, _("Steget er registrert."))
        return redirect("suppliers:case_detail", case_id=case.pk)
    return render(request, "suppliers/escalation_form.html", {**case_context(request, case), "form": form})
