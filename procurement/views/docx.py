"""The tender document as DOCX, made on request (python-docx writes it in well under a second)."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from core.access import organization_required
from procurement.access import procurement_for
from procurement.tender_docx import render_tender_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@organization_required
@require_GET
def document_docx(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    response = HttpResponse(render_tender_docx(procurement), content_type=DOCX)
    name = f"konkurransegrunnlag-{procurement.reference.replace('/', '-')}-v{procurement.document_version}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
