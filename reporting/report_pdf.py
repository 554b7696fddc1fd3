"""The KPI report as PDF: ordered from the dashboard with its filters, made by the worker (core.documents)."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from core import documents
from core.pdf import RenderedPdf, render_pdf
from reporting.forms import ReportFilterForm
from reporting.report import build_report

KIND = "reporting.kpi_report"


def _filters(query: QueryDict) -> str:
    """The dashboard's filters only (what the report is made from), as a query string."""
    kept = QueryDict(mutable=True)
    for name in ReportFilterForm.base_fields:
        if name in query:
            kept.setlist(name, query.getlist(name)[:50])
    return kept.urlencode()


def order(request):
    organization = request.organization
    return documents.order_document(
        organization=organization,
        user=request.user,
        kind=KIND,
        params={"query": _filters(request.GET)},
        title=_("Indikatorer for %(org)s") % {"org": organization.name},
        filename=f"indikatorer-{organization.orgnr}.pdf",
    )


def _render_job(job) -> RenderedPdf:
    query = job.params.get("query", "")
    form = ReportFilterForm(QueryDict(query) if query else None)
    report = build_report(job.organization, **form.report_kwargs())
    return render_pdf(
        "pdf/kpi_report.html",
        {"report": report, "document_title": _("Indikatorer for %(org)s") % {"org": job.organization.name}},
    )


def _check(request, job) -> None:
    """The dashboard is open to every member of the organisation (the job is already scoped to it)."""


def _back(job) -> str:
    query = job.params.get("query", "")
    return reverse("reporting:dashboard") + (f"?{query}" if query else "")


DOCUMENT_KIND = documents.Kind(KIND, _render_job, _check, _back)
