"""Contracts: registered directly or from an awarded procurement, their obligations, priority and follow-up plan."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import get_for_org, has_capability, organization_required, scoped
from core.roles import Capability
from procurement.evaluation.models import AwardDecision
from procurement.models import Procurement
from suppliers import priority
from suppliers import services_register as services
from suppliers.forms_register import ContractForm, ObligationForm, PlanForm, PriorityForm, SignedContractForm
from suppliers.models import Case, Obligation, PriorityAssessment
from suppliers.selectors_register import contract_for, register_suppliers
from suppliers.views.register_helpers import refuse, require_follow_up


def _assessment(contract) -> PriorityAssessment | None:
    try:
        return contract.assessment
    except PriorityAssessment.DoesNotExist:
        return None


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _contract_form(request, *, procurement=None, instance=None):
    initial = {"responsible": request.user}
    if procurement is not None:
        today = timezone.localdate()
        initial |= {
            "title": procurement.title,
            "value": procurement.estimated_value,
            "option_months": procurement.option_months,
            "responsible": procurement.responsible or request.user,
            "start_date": today,
            "end_date": _add_months(today, procurement.contract_months),
        }
    return ContractForm(
        request.POST or None,
        instance=instance,
        organization=request.organization,
        supplier_queryset=register_suppliers(request).order_by("name"),
        procurement=procurement,
        initial=initial if instance is None else None,
    )


def _create(request, form, procurement=None):
    """The new contract, or None when there is nothing to save yet or the service refused (errors on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return services.create_contract(
            organization=request.organization,
            user=request.user,
            data=form.data_dict(),
            suppliers=form.cleaned_data["suppliers"],
            procurement=procurement,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def _awarded_procurements(request):
    return (
        scoped(request, Procurement)
        .filter(status__in=services.AWARDED)
        .select_related("category")
        .order_by("-year", "-sequence")
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_create(request):
    """Register an older contract directly; awarded procurements are offered as the other way in."""
    require_follow_up(request)
    form = _contract_form(request)
    contract = _create(request, form)
    if contract is not None:
        messages.success(request, _("Kontrakten er registrert. Vurder prioriteringen neste."))
        return redirect("suppliers:contract_priority", contract_id=contract.pk)
    return render(
        request,
        "suppliers/contract_form.html",
        {"form": form, "contract": None, "procurement": None, "awarded": _awarded_procurements(request)[:20]},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_from_procurement(request, procurement_id):
    procurement = get_for_org(request, Procurement.objects.select_related("category", "responsible"), pk=procurement_id)
    require_follow_up(request)
    try:
        services.check_awarded(procurement, request.organization)
    except ValidationError as exc:
        return refuse(request, exc, "suppliers:contract_create")
    form = _contract_form(request, procurement=procurement)
    contract = _create(request, form, procurement)
    if contract is not None:
        messages.success(
            request,
            _("Kontrakten er registrert med %(n)s forpliktelser fra kontraktsvilkårene. Vurder prioriteringen neste.")
            % {"n": contract.obligations.count()},
        )
        return redirect("suppliers:contract_priority", contract_id=contract.pk)
    clauses = services.contract_clauses(procurement)
    return render(
        request,
        "suppliers/contract_form.html",
        {"form": form, "contract": None, "procurement": procurement, "clauses": clauses},
    )


@organization_required
@require_GET
def contract_detail(request, contract_id):
    contract = contract_for(request, contract_id)
    assessment = _assessment(contract)
    return render(
        request,
        "suppliers/contract_detail.html",
        {
            "contract": contract,
            "suppliers": contract.suppliers.all(),
            "obligations": contract.obligations.all(),
            "result": priority.score_assessment(assessment, contract.category) if assessment else None,
            "assessment": assessment,
            "cases": Case.objects.filter(organization=request.organization, contract=contract).select_related(
                "supplier"
            ),
            "suggested": priority.suggested_followups(contract.priority, services.contract_months(contract)),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_edit(request, contract_id):
    contract = contract_for(request, contract_id)
    require_follow_up(request)
    form = _contract_form(request, instance=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contract(
                contract=contract, user=request.user, data=form.data_dict(), suppliers=form.cleaned_data["suppliers"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(request, "suppliers/contract_form.html", {"form": form, "contract": contract, "procurement": None})


@organization_required
@require_http_methods(["GET", "POST"])
def contract_priority(request, contract_id):
    """Bergen's eight factors; saving stores the priority and shows the reasons on the same page."""
    contract = contract_for(request, contract_id)
    assessment = _assessment(contract)
    form = PriorityForm(request.POST or None, instance=assessment)
    if request.method == "POST":
        require_follow_up(request)
        if form.is_valid():
            result = services.assess_priority(contract=contract, user=request.user, data=form.data_dict())
            messages.success(
                request,
                _("Prioriteringen er lagret: %(priority)s (%(score)s poeng).")
                % {"priority": result.priority_label, "score": result.score},
            )
            return redirect("suppliers:contract_priority", contract_id=contract.pk)
    return render(
        request,
        "suppliers/contract_priority.html",
        {
            "contract": contract,
            "form": form,
            "assessment": assessment,
            "result": priority.score_assessment(assessment, contract.category) if assessment else None,
            "high_from": priority.HIGH_FROM,
            "medium_from": priority.MEDIUM_FROM,
            "category_points": priority.HIGH_RISK_CATEGORY_POINTS,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_plan(request, contract_id):
    contract = contract_for(request, contract_id)
    months = services.contract_months(contract)
    suggested = priority.suggested_followups(contract.priority, months)
    initial = {"planned_followups": suggested} if not contract.planned_followups and not contract.followup_plan else {}
    form = PlanForm(request.POST or None, instance=contract, initial=initial)
    if request.method == "POST":
        require_follow_up(request)
        if form.is_valid():
            services.save_plan(
                contract=contract,
                user=request.user,
                planned_followups=form.cleaned_data["planned_followups"],
                followup_plan=form.cleaned_data["followup_plan"],
            )
            messages.success(request, _("Oppfølgingsplanen er lagret."))
            return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(
        request,
        "suppliers/contract_plan.html",
        {"contract": contract, "form": form, "suggested": suggested, "months": months},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def obligation_create(request, contract_id):
    contract = contract_for(request, contract_id)
    require_follow_up(request)
    form = ObligationForm(request.POST or None, initial={"number": str(contract.obligations.count() + 1)})
    if request.method == "POST" and form.is_valid():
        services.add_obligation(contract=contract, user=request.user, data=form.data_dict())
        messages.success(request, _("Forpliktelsen er lagt til."))
        return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(request, "suppliers/contract_obligation_form.html", {"contract": contract, "form": form})


@organization_required
@require_http_methods(["GET", "POST"])
def obligation_delete(request, obligation_id):
    obligation = get_object_or_404(
        Obligation.objects.select_related("contract"),
        pk=obligation_id,
        contract__organization=request.organization,
    )
    contract = obligation.contract
    require_follow_up(request)
    if request.method == "POST":
        try:
            services.delete_obligation(obligation=obligation, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:contract_detail", contract_id=contract.pk)
        messages.success(request, _("Forpliktelsen er slettet."))
        return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Slette forpliktelsen %(name)s?") % {"name": obligation},
            "question": _("Forpliktelsen fjernes fra kontrakten %(contract)s.") % {"contract": contract.title},
            "confirm_label": _("Slett"),
            "cancel_url": reverse("suppliers:contract_detail", args=[contract.pk]),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_from_award(request, procurement_id):
    """'Kontrakt signert': the officer who ran the award (or a follower) records the signed contract."""
    procurement = get_for_org(request, Procurement.objects.select_related("category", "responsible"), pk=procurement_id)
    if not (
        has_capability(request, Capability.EDIT_PROCUREMENTS) or has_capability(request, Capability.FOLLOW_UP_CONTRACTS)
    ):
        require_follow_up(request)
    decision = AwardDecision.objects.filter(procurement=procurement).select_related("winner").first()
    if decision is None:
        messages.error(request, _("Anskaffelsen har ingen tildelingsbeslutning ennå."))
        return redirect("procurement:evaluation:award", procurement_id=procurement.pk)
    today = timezone.localdate()
    form = SignedContractForm(
        request.POST or None,
        organization=request.organization,
        initial={
            "signed_on": today,
            "start_date": today,
            "end_date": _add_months(today, procurement.contract_months),
            "option_months": procurement.option_months,
            "value": int(decision.winner.price),  # contracts hold whole kroner
            "responsible": procurement.responsible or request.user,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.sign_awarded_contract(
                organization=request.organization,
                user=request.user,
                procurement=procurement,
                signed_on=form.cleaned_data["signed_on"],
                data=form.data_dict(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Kontrakten med %(name)s er registrert med %(n)s forpliktelser.")
                % {"name": decision.winner.tenderer_name, "n": contract.obligations.count()},
            )
            return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(
        request,
        "suppliers/contract_signed_form.html",
        {
            "form": form,
            "procurement": procurement,
            "decision": decision,
            "clauses": services.contract_clauses(procurement),
            "promises": list(decision.winner.promises.all()),
        },
    )
