"""The KPI dashboard, its drill-down and exports, and the values an administrator enters."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import capability_required, organization_required
from core.concurrency import save_or_conflict
from core.http import confirm, paginate, query_without_page
from core.roles import Capability
from reporting import exports, follow_up, indicators, selectors, services
from reporting import report_pdf as reporting_pdf
from reporting.access import entered_value_for
from reporting.facts import facts
from reporting.forms import EnteredValueForm, ReportFilterForm
from reporting.report import build_report
from reporting.table import table

PAGE_SIZE = 50


def _report(request):
    form = ReportFilterForm(request.GET or None)
    return form, build_report(request.organization, **form.report_kwargs())


@organization_required
@require_GET
def dashboard(request):
    form, report = _report(request)
    query = request.GET.urlencode()
    return render(
        request,
        "reporting/dashboard.html",
        {"form": form, "report": report, "query": query, "table": table(report, links=True, query=query)},
    )


def _filename(request, suffix: str) -> str:
    return f"indikatorer-{request.organization.orgnr}.{suffix}"


@organization_required
@require_GET
def export(request, fmt):
    _form, report = _report(request)
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(report), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    elif fmt == "pdf":
        # The PDF is made by the worker: ordered with POST (report_pdf below), kept for the old link.
        return redirect(reverse("reporting:dashboard") + (f"?{request.GET.urlencode()}" if request.GET else ""))
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, fmt)}"'
    return response


@organization_required
@require_POST
def report_pdf(request):
    """Order the KPI report as PDF with the dashboard's filters; the job page polls it."""
    job = reporting_pdf.order(request)
    return redirect("core:document_job", job_id=job.pk)


@organization_required
@require_GET
def drill_down(request, key, year):
    """The procurements (or contracts, requests, products) behind one number of the dashboard."""
    form = ReportFilterForm(request.GET or None)
    part = "nevner" if request.GET.get("del") == "nevner" else "teller"
    org = request.organization
    value_label = ""
    if key in indicators.BY_KEY:
        indicator = indicators.BY_KEY[key]
        kwargs = form.report_kwargs()
        rows = facts(
            org,
            category_id=kwargs["category_id"],
            kind=kwargs["kind"],
            cpv_division=kwargs["cpv_division"],
            years=[year],
        )
        chosen = indicator.members(rows, part)
        procurements = selectors.procurements_in(request, [f.pk for f in chosen])
        page = paginate(request, procurements, PAGE_SIZE)["page"]
        title, definition, members = indicator.title, indicator.definition, None
        if indicator.average_of is not None:
            # An average's drill-down shows what each procurement adds to it.
            values = {f.pk: indicator.average_of(f) for f in chosen}
            for p in page.object_list:
                p.indicator_value = values.get(p.pk)
            value_label = indicator.value_label
    else:
        other = follow_up.other_indicator(key)
        if other is None:
            raise Http404
        members = follow_up.members(org, other, year)
        page, title, definition = None, other.title, other.definition
    filters = request.GET.copy()
    for name in ("del", "side"):
        filters.pop(name, None)
    return render(
        request,
        "reporting/drill_down.html",
        {
            "title": title,
            "definition": definition,
            "year": year,
            "part": part,
            "page": page,
            "members": members,
            "value_label": value_label,
            "back": reverse("reporting:dashboard") + (f"?{filters.urlencode()}" if filters else ""),
            "filters": filters.urlencode(),
            "query": query_without_page(request),
        },
    )


@capability_required(Capability.ENTER_INDICATORS)
@require_GET
def entered_list(request):
    values = selectors.entered_values(request)
    listing = paginate(request, values, PAGE_SIZE)
    return render(request, "reporting/entered_list.html", {"values": listing["page"].object_list, **listing})


@capability_required(Capability.ENTER_INDICATORS)
@require_http_methods(["GET", "POST"])
def entered_edit(request, value_id=None):
    instance = entered_value_for(request, value_id, write=True) if value_id else None
    form = EnteredValueForm(request.POST or None, instance=instance, organization=request.organization)
    conflict = None
    if request.method == "POST" and form.is_valid():
        outcome = save_or_conflict(
            form,
            lambda: services.save_entered_value(
                organization=request.organization,
                user=request.user,
                data=form.data_dict(),
                instance=instance,
                version=form.submitted_version(),
            ),
            organization=request.organization,
        )
        if outcome.conflict is None:
            messages.success(request, _("Verdien er lagret."))
            return redirect("reporting:entered_list")
        form, conflict = outcome.form, outcome.conflict
    return render(request, "reporting/entered_form.html", {"form": form, "value": instance, "conflict": conflict})


@capability_required(Capability.ENTER_INDICATORS)
@require_http_methods(["GET", "POST"])
def entered_delete(request, value_id):
    value = entered_value_for(request, value_id, write=True)
    if request.method == "POST":
        services.delete_entered_value(value=value, user=request.user)
        messages.success(request, _("Verdien er slettet."))
        return redirect("reporting:entered_list")
    return confirm(
        request,
        title=_("Slette verdien?"),
        question=str(value),
        confirm_label=_("Slett"),
        cancel_url=reverse("reporting:entered_list"),
    )
