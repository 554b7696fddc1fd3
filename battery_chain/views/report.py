"""The product risk report as PDF: ordered here, made by the worker, polled and downloaded in core."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from battery_chain import report_pdf
from battery_chain.access import product_for
from core.access import organization_required


@organization_required
@require_POST
def product_report(request, product_id):
    product = product_for(request, product_id)
    job = report_pdf.order(request, product)
    return redirect("core:document_job", job_id=job.pk)
