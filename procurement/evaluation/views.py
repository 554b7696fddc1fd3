"""The evaluation pages: scoring model, bids, own scores, consensus, ranking and the award decision.

Thin: objects come through procurement_for (another organisation's procurement
is a 404) and bid_for (a bid of another procurement is a 404); writes go
through evaluation.services.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import organization_required
from core.concurrency import StaleEdit, conflict_rows, data_with_version
from core.http import attempt, show_refusal
from procurement.access import procurement_for, require_write
from procurement.evaluation import award_letter as award_letter_pdf
from procurement.evaluation import directory, selectors, services
from procurement.evaluation.forms import (
    AwardDecisionForm,
    BidForm,
    ConsensusForm,
    OwnScoresForm,
    ScoringModelForm,
)
from procurement.evaluation.models import AwardDecision, Bid


def bid_for(procurement, bid_id) -> Bid:
    return get_object_or_404(Bid, pk=bid_id, procurement=procurement)


def decision_of(procurement) -> AwardDecision | None:
    return AwardDecision.objects.filter(procurement=procurement).select_related("winner").first()


@organization_required
@require_GET
def overview(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    evaluation = selectors.evaluation(procurement)
    decision = decision_of(procurement)
    return render(
        request,
        "procurement/evaluation/overview.html",
        {
            "procurement": procurement,
            "evaluation": evaluation,
            "decision": decision,
            "can_register": procurement.status in services.BID_STATUSES and decision is None,
            "today": timezone.localdate(),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def scoring_model(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    criteria = selectors.award_criteria(procurement)

    def initial(c):
        return {
            "version": selectors.model_version(c.model),
            "method": c.model.method,
            "max_points": c.model.max_points,
            "linear_zero_percent": c.model.linear_zero_percent,
            "scale_description": c.model.scale_description,
            "fuel_classes": "\n".join(f"{fc.name}; {fc.points.normalize():f}" for fc in c.classes),
        }

    data = request.POST if request.method == "POST" else None
    forms = [ScoringModelForm(data, criterion=c, prefix=f"c{c.pk}", initial=initial(c)) for c in criteria]
    conflict = False
    if request.method == "POST":
        require_write(request)
        if all(f.is_valid() for f in forms):
            rows = [
                services.ModelRow(
                    criterion=f.criterion,
                    method=f.cleaned_data["method"],
                    max_points=f.cleaned_data["max_points"],
                    linear_zero_percent=f.cleaned_data["linear_zero_percent"],
                    scale_description=f.cleaned_data["scale_description"],
                    fuel_classes=tuple(f.cleaned_data["fuel_classes"]),
                    version=f.cleaned_data["version"],
                )
                for f in forms
            ]
            try:
                services.save_scoring_model(procurement=procurement, user=request.user, rows=rows)
            except StaleEdit:
                # Keep what was typed, now carrying the saved versions: saving again overwrites on purpose.
                conflict, criteria, data = True, selectors.award_criteria(procurement), request.POST.copy()
                for c in criteria:
                    data[f"c{c.pk}-version"] = selectors.model_version(c.model)
                forms = [ScoringModelForm(data, criterion=c, prefix=f"c{c.pk}", initial=initial(c)) for c in criteria]
            except ValidationError as exc:
                show_refusal(request, exc)
            else:
                messages.success(request, _("Poengmodellen er lagret."))
                return redirect("procurement:evaluation:model", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/evaluation/model.html",
        {"procurement": procurement, "forms": forms, "editable": procurement.is_editable, "conflict": conflict},
    )


def _bid_form(request, procurement, instance=None, data=None):
    criteria = selectors.award_criteria(procurement)
    return BidForm(
        data if data is not None else request.POST if request.method == "POST" else None,
        instance=instance,
        known_tenderers=directory.known_tenderers(request.organization),
        qualification_requirements=selectors.qualification_requirements(procurement),
        fuel_classes=[fc for c in criteria for fc in c.classes],
    )


def _bid_data(form) -> services.BidData:
    return services.BidData(
        fields=form.bid_fields(), qualifications=form.qualifications(), fleet=form.fleet(), promises=form.promises()
    )


@organization_required
@require_http_methods(["GET", "POST"])
def bid_form(request, procurement_id, bid_id=None):
    """Register a received bid (no bid_id) or change one."""
    procurement = procurement_for(request, procurement_id)
    bid = bid_for(procurement, bid_id) if bid_id is not None else None
    form = _bid_form(request, procurement, instance=bid)
    conflict = None
    if request.method == "POST":
        require_write(request)

        def save():
            if bid is None:
                return services.register_bid(procurement=procurement, user=request.user, data=_bid_data(form))
            return services.update_bid(
                bid=bid, user=request.user, data=_bid_data(form), version=form.submitted_version()
            )

        try:
            saved = attempt(form, save) if form.is_valid() else None
        except StaleEdit as stale:
            # Show what the other saved next to what this officer typed; saving again overwrites on purpose.
            conflict, saved = conflict_rows(form, stale.current), None
            form = _bid_form(
                request, procurement, instance=stale.current, data=data_with_version(form, stale.current.version)
            )
            form.is_valid()
        if saved is not None:
            if bid is None:
                messages.success(request, _("Tilbudet fra %(name)s er registrert.") % {"name": saved.tenderer_name})
            else:
                messages.success(request, _("Tilbudet er lagret."))
            return redirect("procurement:evaluation:overview", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/evaluation/bid_form.html",
        {"procurement": procurement, "form": form, "bid": bid, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def bid_delete(request, procurement_id, bid_id):
    procurement = procurement_for(request, procurement_id)
    bid = bid_for(procurement, bid_id)
    require_write(request)
    back = reverse("procurement:evaluation:overview", args=[procurement.pk])
    if request.method == "POST":
        try:
            services.delete_bid(bid=bid, user=request.user)
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Tilbudet er slettet."))
        return redirect(back)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Slette tilbudet?"),
            "question": _("Tilbudet fra %(name)s og alle poengene det har fått, slettes.")
            % {"name": bid.tenderer_name},
            "confirm_label": _("Slett tilbudet"),
            "cancel_url": back,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def bid_scores(request, procurement_id, bid_id):
    """The current user's own points for one bid, given without seeing the others' (until consensus)."""
    procurement = procurement_for(request, procurement_id)
    bid = bid_for(procurement, bid_id)
    judged = [c for c in selectors.award_criteria(procurement) if c.judged]

    def scores_form(data):
        return OwnScoresForm(
            data,
            criteria=judged,
            existing=selectors.my_scores(bid, request.user),
            initial={"version": selectors.own_scores_version(bid, request.user)},
        )

    form = scores_form(request.POST if request.method == "POST" else None)
    conflict = False
    if request.method == "POST":
        require_write(request)
        if form.is_valid():
            rows = [
                services.ScoreRow(c, form.cleaned_data[p.name], form.cleaned_data[e.name], form.cleaned_data[m.name])
                for c, p, e, m in form.rows
            ]
            version = form.cleaned_data["version"]
            try:
                saved = attempt(
                    form, lambda: services.save_own_scores(bid=bid, evaluator=request.user, rows=rows, version=version)
                )
            except StaleEdit as stale:
                # Saved from another tab meanwhile: keep what was typed here; saving again overwrites on purpose.
                conflict, saved = True, None
                form = scores_form(data_with_version(form, stale.current.version))
                form.is_valid()
            if saved:
                messages.success(request, _("Dine poeng for %(name)s er lagret.") % {"name": bid.tenderer_name})
                return redirect("procurement:evaluation:overview", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/evaluation/scores.html",
        {
            "procurement": procurement,
            "bid": bid,
            "form": form,
            "promises": list(bid.promises.all()),
            "conflict": conflict,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def consensus(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    evaluation = selectors.evaluation(procurement)

    def consensus_form(data, evaluation):
        rows = selectors.consensus_rows(procurement, evaluation.criteria, evaluation.admitted)
        return ConsensusForm(data, rows=rows, initial={"version": procurement.evaluation_version})

    form = consensus_form(request.POST if request.method == "POST" else None, evaluation)
    conflict = False
    if request.method == "POST":
        require_write(request)
        if form.is_valid():
            data = [
                services.ConsensusRowData(row.bid, row.criterion, form.cleaned_data[p.name], form.cleaned_data[n.name])
                for row, p, n in form.rows
            ]
            version = form.cleaned_data["version"]
            try:
                saved = attempt(
                    form,
                    lambda: services.save_consensus(
                        procurement=procurement, user=request.user, rows=data, version=version
                    ),
                )
            except StaleEdit as stale:
                # The other save's points are in the evaluators' columns and the ranking; what was typed
                # here stays in the form, and saving again overwrites on purpose.
                conflict, saved, evaluation = True, None, selectors.evaluation(stale.current)
                form = consensus_form(data_with_version(form, stale.current.evaluation_version), evaluation)
                form.is_valid()
            if saved:
                messages.success(request, _("De omforente poengene er lagret."))
                return redirect("procurement:evaluation:overview", procurement_id=procurement.pk)
    return render(
        request,
        "procurement/evaluation/consensus.html",
        {"procurement": procurement, "evaluation": evaluation, "form": form, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def award(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    evaluation = selectors.evaluation(procurement)
    decision = decision_of(procurement)
    leader = evaluation.leaders[0].bid.key if len(evaluation.leaders) == 1 else None
    initial = {"winner": leader, "decided_on": timezone.localdate(), "version": procurement.evaluation_version}
    form = AwardDecisionForm(
        request.POST if request.method == "POST" else None, admitted=evaluation.admitted, initial=initial
    )
    conflict = False
    if request.method == "POST":
        require_write(request)
        try:
            decided = form.is_valid() and attempt(
                form, lambda: services.decide_award(procurement=procurement, user=request.user, **form.cleaned_data)
            )
        except StaleEdit as stale:
            # The ranking changed since the page was opened: show the new one, keep the reasons typed,
            # and let a second submit decide on purpose.
            conflict, decided, evaluation = True, False, selectors.evaluation(stale.current)
            data = data_with_version(form, stale.current.evaluation_version)
            form = AwardDecisionForm(data, admitted=evaluation.admitted, initial=initial)
            form.is_valid()
        if decided:
            messages.success(request, _("Tildelingen er besluttet. Last ned brevet til leverandørene."))
            return redirect("procurement:evaluation:award", procurement_id=procurement.pk)
    standstill = services.standstill_for(procurement, decision.decided_on if decision else timezone.localdate())
    return render(
        request,
        "procurement/evaluation/award.html",
        {
            "procurement": procurement,
            "evaluation": evaluation,
            "decision": decision,
            "form": form,
            "conflict": conflict,
            "standstill": standstill,
            "today": timezone.localdate(),
            "can_sign": decision is not None
            and not decision.contract_signed_on
            and (decision.standstill_end is None or decision.standstill_end < timezone.localdate()),
        },
    )


@organization_required
@require_POST
def award_letter(request, procurement_id):
    """Order the award decision letter to all tenderers; the worker renders it, the job page polls it."""
    procurement = procurement_for(request, procurement_id)
    if decision_of(procurement) is None:
        messages.error(request, _("Brevet kan lages når tildelingen er besluttet."))
        return redirect("procurement:evaluation:award", procurement_id=procurement.pk)
    job = award_letter_pdf.order(request, procurement)
    return redirect("core:document_job", job_id=job.pk)
