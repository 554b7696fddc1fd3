"""The imported minerals reports: list, detail with the lines they created, delete."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from battery_chain.access import can_write, minerals_report_for
from battery_chain.minerals import selectors, services
from battery_chain.minerals.forms import ReportFilterForm
from battery_chain.minerals.problems import worded
from core.access import organization_required
from core.http import confirm, paginate

PAGE_SIZE = 25
LINES_PAGE_SIZE = 100
REPORTED_ROWS_SHOWN = 500


@organization_required
@require_GET
def report_list(request):
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.report_list(
        request, q=filters.get("q", ""), template=filters.get("template", ""), product_id=filters.get("produkt")
    )
    listing = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "battery_chain/minerals_list.html",
        {"form": form, "reports": listing["page"].object_list, **listing},
    )


@organization_required
@require_GET
def report_detail(request, report_id):
    report = minerals_report_for(request, report_id)
    lines = report.lines.select_related("material").order_by("material__position", "material__name", "pk")
    page = paginate(request, lines, LINES_PAGE_SIZE)["page"]
    stored = report.report or {}
    return render(
        request,
        "battery_chain/minerals_detail.html",
        {
            "minerals_report": report,
            "report": stored,
            "problems": worded(stored.get("problems", [])),
            "declaration_rows": selectors.declaration_rows(report.declaration or {}),
            "declaration": report.declaration or {},
            "page": page,
            "lines": page.object_list,
            "line_count": page.paginator.count,
            "can_write": can_write(request),
            "reported_smelters": (report.declaration or {}).get("smelter_list", [])[:REPORTED_ROWS_SHOWN],
            "reported_mines": (report.declaration or {}).get("mine_list", [])[:REPORTED_ROWS_SHOWN],
            "reported_rows_shown": REPORTED_ROWS_SHOWN,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def report_delete(request, report_id):
    report = minerals_report_for(request, report_id, write=True)
    if request.method == "POST":
        services.delete_report(report=report, user=request.user)
        messages.success(request, _("Rapporten og linjene fra den er slettet."))
        return redirect("battery_chain:minerals_list")
    return confirm(
        request,
        title=_("Slett mineralrapport"),
        question=_(
            "Vil du slette rapporten %(report)s og de %(count)s opprinnelseslinjene som ble importert fra den? "
            "Dette kan ikke angres."
        )
        % {"report": report, "count": report.lines.count()},
        confirm_label=_("Slett rapporten"),
        cancel_url=reverse("battery_chain:minerals_detail", args=[report.pk]),
    )
