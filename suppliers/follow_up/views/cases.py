"""The case list, a new case, the case page, its timeline and sharing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import capability_required, organization_required
from core.http import attempt, confirm, paginate, refuse
from core.roles import Capability
from suppliers.follow_up import selectors, services, timeline
from suppliers.follow_up.access import case_for, require_owner, share_for
from suppliers.follow_up.forms import CaseFilterForm, CaseForm, ShareForm
from suppliers.models import Case


@organization_required
@require_GET
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    pagination = paginate(request, form.filter(selectors.case_rows(request)).order_by("-created_at", "-pk"))
    return render(
        request,
        "suppliers/case_list.html",
        {"form": form, "cases": pagination["page"].object_list, **pagination},
    )


@capability_required(Capability.FOLLOW_UP_CONTRACTS)
@require_http_methods(["GET", "POST"])
def case_create(request):
    form = CaseForm(request.POST or None, organization=request.organization)
    if request.method == "GET":
        # "Start follow-up case" on a contract page: supplier and contract filled in.
        form.prefill(contract_id=request.GET.get("kontrakt"), supplier_id=request.GET.get("leverandor"))
    if request.method == "POST" and form.is_valid():
        case = attempt(
            form,
            lambda: services.create_case(
                organization=request.organization,
                user=request.user,
                supplier=form.cleaned_data["supplier"],
                contract=form.cleaned_data["contract"],
                title=form.cleaned_data["title"],
            ),
        )
        if case is not None:
            messages.success(request, _("Saken er opprettet. Lag den første forespørselen til leverandøren."))
            return redirect("suppliers:case_detail", case_id=case.pk)
    return render(
        request,
        "suppliers/case_form.html",
        {"form": form, "no_suppliers": not form.fields["supplier"].queryset.exists()},
    )


@organization_required
@require_GET
def case_detail(request, case_id):
    case = case_for(request, case_id)
    return render(request, "suppliers/case_detail.html", selectors.case_page(request, case))


@organization_required
@require_GET
def case_timeline(request, case_id):
    case = case_for(request, case_id)
    return render(
        request, "suppliers/timeline.html", {**selectors.case_context(request, case), "entries": timeline.build(case)}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def case_status(request, case_id):
    case = case_for(request, case_id, write=True, closed_ok=True)
    require_owner(request, case, _("Bare organisasjonen som eier saken kan lukke eller gjenåpne den."))
    target = Case.Status.OPEN if case.status == Case.Status.CLOSED else Case.Status.CLOSED
    status = 200
    if request.method == "POST":
        # The page says which status it asked to confirm: a confirmation that went stale
        # (someone else closed the case meanwhile) must not flip it back open.
        meant = request.POST.get("til")
        if meant == target:
            services.set_case_status(case=case, user=request.user, status=target)
            messages.success(request, _("Saken er %(status)s.") % {"status": target.label.lower()})
            return redirect("suppliers:case_detail", case_id=case.pk)
        if meant in Case.Status.values:
            messages.info(request, _("Saken er allerede %(status)s.") % {"status": case.get_status_display().lower()})
            return redirect("suppliers:case_detail", case_id=case.pk)
        messages.error(request, _("Skjemaet sa ikke hva saken skulle settes til. Bekreft på nytt."))
        status = 400
    label = _("Lukk saken") if target == Case.Status.CLOSED else _("Gjenåpne saken")
    return confirm(
        request,
        title=label,
        question=_("Vil du sette saken «%(case)s» til %(status)s?")
        % {"case": case.title, "status": target.label.lower()},
        confirm_label=label,
        cancel_url=reverse("suppliers:case_detail", args=[case.pk]),
        danger=False,
        status=status,
        hidden={"til": target},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def case_share(request, case_id):
    case = case_for(request, case_id, write=True)
    require_owner(request, case)
    form = ShareForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        share = attempt(
            form,
            lambda: services.share_case(
                case=case,
                user=request.user,
                organization=form.cleaned_data["organization"],
                access=form.cleaned_data["access"],
            ),
        )
        if share is not None:
            messages.success(
                request,
                _("Saken er delt med %(org)s (%(access)s).")
                % {"org": share.organization.name, "access": share.get_access_display().lower()},
            )
            return redirect("suppliers:case_detail", case_id=case.pk)
    return render(
        request,
        "suppliers/case_share.html",
        {**selectors.case_context(request, case), "form": form, "shares": case.shares.select_related("organization")},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def case_unshare(request, case_id, share_id):
    share = share_for(request, share_id, case_id=case_id, write=True)
    case = share.case
    if request.method == "POST":
        try:
            services.unshare_case(share=share, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:case_detail", case_id=case.pk)
        messages.success(request, _("%(org)s har ikke lenger tilgang til saken.") % {"org": share.organization.name})
        return redirect("suppliers:case_detail", case_id=case.pk)
    return confirm(
        request,
        title=_("Fjern deling"),
        question=_("Vil du fjerne %(org)s sin tilgang til saken «%(case)s»? De vil ikke lenger se saken.")
        % {"org": share.organization.name, "case": case.title},
        confirm_label=_("Fjern delingen"),
        cancel_url=reverse("suppliers:case_detail", args=[case.pk]),
    )
