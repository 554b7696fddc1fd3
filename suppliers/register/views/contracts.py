"""Contracts: registered directly or from an awarded procurement, their obligations, priority and follow-up plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import has_capability, organization_required
from core.concurrency import save_or_conflict
from core.dates import add_months
from core.http import attempt, confirm, refuse
from core.roles import Capability
from procurement.access import procurement_for
from procurement.evaluation.models import AwardDecision
from suppliers.models import PriorityAssessment
from suppliers.register import priority, selectors, services
from suppliers.register.access import contract_for, obligation_for, register_suppliers, require_follow_up
from suppliers.register.forms import ContractForm, ObligationForm, PlanForm, PriorityForm, SignedContractForm


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
            "end_date": add_months(today, procurement.contract_months),
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
        {"form": form, "contract": None, "procurement": None, "awarded": selectors.awarded_procurements(request)[:20]},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_from_procurement(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
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
    assessment = selectors.assessment_of(contract)
    return render(
        request,
        "suppliers/contract_detail.html",
        {
            "contract": contract,
            "suppliers": contract.suppliers.all(),
            "obligations": contract.obligations.all(),
            "result": priority.score_assessment(assessment, contract.category) if assessment else None,
            "assessment": assessment,
            "cases": selectors.contract_cases(request, contract),
            "suggested": priority.suggested_followups(contract.priority, services.contract_months(contract)),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_edit(request, contract_id):
    contract = contract_for(request, contract_id, write=True)
    form = _contract_form(request, instance=contract)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            # Keep what this follower typed, show what the other saved; saving again overwrites on purpose.
            outcome = save_or_conflict(
                form,
                lambda: services.update_contract(
                    contract=contract,
                    user=request.user,
                    data=form.data_dict(),
                    suppliers=form.cleaned_data["suppliers"],
                    version=form.submitted_version(),
                ),
                organization=request.organization,
                supplier_queryset=form.fields["suppliers"].queryset,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if outcome.conflict is None:
                messages.success(request, _("Endringene er lagret."))
                return redirect("suppliers:contract_detail", contract_id=contract.pk)
            form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "suppliers/contract_form.html",
        {"form": form, "contract": contract, "procurement": None, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_priority(request, contract_id):
    """Bergen's eight factors; saving stores the priority and shows the reasons on the same page."""
    contract = contract_for(request, contract_id, write=request.method == "POST")
    assessment = selectors.assessment_of(contract)
    # Unsaved until the first save: version 0, so two followers' first assessments are checked too.
    form = PriorityForm(request.POST or None, instance=assessment or PriorityAssessment(contract=contract, version=0))
    conflict = None
    if request.method == "POST" and form.is_valid():
        outcome = save_or_conflict(
            form,
            lambda: services.assess_priority(
                contract=contract, user=request.user, data=form.data_dict(), version=form.submitted_version()
            ),
        )
        if outcome.conflict is None:
            result = outcome.result
            messages.success(
                request,
                _("Prioriteringen er lagret: %(priority)s (%(score)s poeng).")
                % {"priority": result.priority_label, "score": result.score},
            )
            return redirect("suppliers:contract_priority", contract_id=contract.pk)
        form, conflict = outcome.form, outcome.conflict
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
            "conflict": conflict,
        },
    )


@organization_required
@require_POST
def contract_priority_preview(request, contract_id):
    """htmx: the score and reasons for the factors ticked so far, nothing saved."""
    contract = contract_for(request, contract_id)
    form = PriorityForm(request.POST)
    form.is_valid()
    ticked = {name: bool(form.cleaned_data.get(name)) for name in priority.FACTORS}
    result = priority.score(ticked, high_risk_category=contract.category.high_risk, labels=priority.factor_labels())
    return render(request, "suppliers/contract_priority_preview.html", {"result": result, "contract": contract})


@organization_required
@require_http_methods(["GET", "POST"])
def contract_plan(request, contract_id):
    contract = contract_for(request, contract_id, write=request.method == "POST")
    months = services.contract_months(contract)
    suggested = priority.suggested_followups(contract.priority, months)
    initial = {"planned_followups": suggested} if not contract.planned_followups and not contract.followup_plan else {}
    form = PlanForm(request.POST or None, instance=contract, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        outcome = save_or_conflict(
            form,
            lambda: services.save_plan(
                contract=contract,
                user=request.user,
                planned_followups=form.cleaned_data["planned_followups"],
                followup_plan=form.cleaned_data["followup_plan"],
                version=form.submitted_version(),
            ),
        )
        if outcome.conflict is None:
            messages.success(request, _("Oppfølgingsplanen er lagret."))
            return redirect("suppliers:contract_detail", contract_id=contract.pk)
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "suppliers/contract_plan.html",
        {"contract": contract, "form": form, "suggested": suggested, "months": months, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def obligation_create(request, contract_id):
    contract = contract_for(request, contract_id, write=True)
    form = ObligationForm(request.POST or None, initial={"number": str(contract.obligations.count() + 1)})
    if request.method == "POST" and form.is_valid():
        services.add_obligation(contract=contract, user=request.user, data=form.data_dict())
        messages.success(request, _("Forpliktelsen er lagt til."))
        return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return render(request, "suppliers/contract_obligation_form.html", {"contract": contract, "form": form})


@organization_required
@require_http_methods(["GET", "POST"])
def obligation_delete(request, obligation_id):
    obligation = obligation_for(request, obligation_id, write=True)
    contract = obligation.contract
    if request.method == "POST":
        try:
            services.delete_obligation(obligation=obligation, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:contract_detail", contract_id=contract.pk)
        messages.success(request, _("Forpliktelsen er slettet."))
        return redirect("suppliers:contract_detail", contract_id=contract.pk)
    return confirm(
        request,
        title=_("Slette forpliktelsen %(name)s?") % {"name": obligation},
        question=_("Forpliktelsen fjernes fra kontrakten %(contract)s.") % {"contract": contract.title},
        confirm_label=_("Slett"),
        cancel_url=reverse("suppliers:contract_detail", args=[contract.pk]),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def contract_from_award(request, procurement_id):
    """'Kontrakt signert': the officer who ran the award (or a follower) records the signed contract."""
    procurement = procurement_for(request, procurement_id)
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
            "end_date": add_months(today, procurement.contract_months),
            "option_months": procurement.option_months,
            "value": int(decision.winner.price),  # contracts hold whole kroner
            "responsible": procurement.responsible or request.user,
        },
    )
    contract = None
    if request.method == "POST" and form.is_valid():
        contract = attempt(
            form,
            lambda: services.sign_awarded_contract(
                organization=request.organization,
                user=request.user,
                procurement=procurement,
                signed_on=form.cleaned_data["signed_on"],
                data=form.data_dict(),
            ),
        )
        if contract is not None:
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
