"""The case list, a new case, the case page, its timeline and sharing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import capability_required, has_capability, organization_required
from core.roles import Capability
from suppliers import requests as dd
from suppliers import services_cases, timeline
from suppliers.access import editable_cases, is_owner, visible_cases
from suppliers.case_views.common import attempt, case_of, refuse
from suppliers.forms_cases import CaseFilterForm, CaseForm, ShareForm
from suppliers.models import Case, CaseShare, Deviation, DueDiligenceRequest

PAGE_SIZE = 25


def _count(model, status_filter: Q):
    rows = (
        model.objects.filter(status_filter, case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


@organization_required
@require_GET
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    my_share = CaseShare.objects.filter(case=OuterRef("pk"), organization=request.organization).values("access")[:1]
    qs = (
        visible_cases(request)
        .select_related("organization", "supplier", "contract")
        .annotate(
            share_access=Subquery(my_share),
            open_requests=_count(DueDiligenceRequest, ~Q(status=DueDiligenceRequest.Status.LUKKET)),
            overdue_requests=_count(DueDiligenceRequest, Q(status=DueDiligenceRequest.Status.FORFALT)),
            open_deviations=_count(Deviation, Q(status=Deviation.Status.AAPEN)),
        )
    )
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            qs = qs.filter(
                Q(title__icontains=q)
                | Q(supplier__name__icontains=q)
                | Q(supplier__orgnr=q)
                | Q(contract__title__icontains=q)
            )
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    page = Paginator(qs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "suppliers/case_list.html",
        {
            "form": form,
            "page": page,
            "cases": page.object_list,
            "query": query.urlencode(),
            "filtered": bool(request.GET.dict().keys() - {"side"}),
        },
    )


@capability_required(Capability.FOLLOW_UP_CONTRACTS)
@require_http_methods(["GET", "POST"])
def case_create(request):
    form = CaseForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        case = attempt(
            form,
            lambda: services_cases.create_case(
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


def case_context(request, case: Case) -> dict:
    may_change = (
        has_capability(request, Capability.FOLLOW_UP_CONTRACTS) and editable_cases(request).filter(pk=case.pk).exists()
    )
    return {
        "case": case,
        "is_owner": is_owner(request, case),
        "may_edit": case.status == Case.Status.AAPEN and may_change,
        "may_reopen": case.status == Case.Status.LUKKET and may_change and is_owner(request, case),
    }


@organization_required
@require_GET
def case_detail(request, case_id):
    case = case_of(request, case_id)
    context = case_context(request, case)
    context.update(
        {
            "requests": case.requests.order_by("-created_at"),
            "deviations": case.deviations.select_related("obligation").annotate(
                action_count=Count("actions"),
                open_actions=Count("actions", filter=Q(actions__status="apen")),
            ),
            "escalations": case.escalations.order_by("-date", "-pk"),
            "shares": case.shares.select_related("organization").order_by("organization__name")
            if context["is_owner"]
            else (),
            "transitions": dd.TRANSITIONS,
        }
    )
    return render(request, "suppliers/case_detail.html", context)


@organization_required
@require_GET
def case_timeline(request, case_id):
    case = case_of(request, case_id)
    return render(request, "suppliers/timeline.html", {**case_context(request, case), "entries": timeline.build(case)})


def _owner_only(request, case: Case, message: str = "") -> None:
    if not is_owner(request, case):
        raise PermissionDenied(message or _("Bare organisasjonen som eier saken kan dele den."))


@organization_required
@require_http_methods(["GET", "POST"])
def case_status(request, case_id):
    case = case_of(request, case_id, write=True, closed_ok=True)
    _owner_only(request, case, _("Bare organisasjonen som eier saken kan lukke eller gjenåpne den."))
    target = Case.Status.AAPEN if case.status == Case.Status.LUKKET else Case.Status.LUKKET
    if request.method == "POST":
        services_cases.set_case_status(case=case, user=request.user, status=target)
        messages.success(request, _("Saken er %(status)s.") % {"status": target.label.lower()})
        return redirect("suppliers:case_detail", case_id=case.pk)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Lukk saken") if target == Case.Status.LUKKET else _("Gjenåpne saken"),
            "question": _("Vil du sette saken «%(case)s» til %(status)s?")
            % {"case": case.title, "status": target.label.lower()},
            "confirm_label": _("Lukk saken") if target == Case.Status.LUKKET else _("Gjenåpne saken"),
            "confirm_class": "btn-primary",
            "cancel_url": reverse("suppliers:case_detail", args=[case.pk]),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def case_share(request, case_id):
    case = case_of(request, case_id, write=True)
    _owner_only(request, case)
    form = ShareForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        share = attempt(
            form,
            lambda: services_cases.share_case(
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
        {**case_context(request, case), "form": form, "shares": case.shares.select_related("organization")},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def case_unshare(request, case_id, share_id):
    case = case_of(request, case_id, write=True, closed_ok=True)
    _owner_only(request, case)
    share = get_object_or_404(CaseShare.objects.select_related("organization"), case=case, pk=share_id)
    if request.method == "POST":
        try:
            services_cases.unshare_case(share=share, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "suppliers:case_detail", case_id=case.pk)
        messages.success(request, _("%(org)s har ikke lenger tilgang til saken.") % {"org": share.organization.name})
        return redirect("suppliers:case_detail", case_id=case.pk)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Fjern deling"),
            "question": _("Vil du fjerne %(org)s sin tilgang til saken «%(case)s»? De vil ikke lenger se saken.")
            % {"org": share.organization.name, "case": case.title},
            "confirm_label": _("Fjern delingen"),
            "cancel_url": reverse("suppliers:case_detail", args=[case.pk]),
        },
    )
