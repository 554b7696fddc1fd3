"""The tender document: versions of the PDF, made in the background, polled and downloaded."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import organization_required
from core.documents import download_response
from core.http import refuse
from procurement.access import document_for, procurement_for
from procurement.tender_document import jobs


@organization_required
@require_GET
def document_list(request, procurement_id):
    procurement = procurement_for(request, procurement_id)
    versions = list(procurement.documents.select_related("requested_by"))
    for version in versions:
        version.procurement = procurement  # the rows' links and file names need no query of their own
    return render(request, "procurement/documents.html", {"procurement": procurement, "versions": versions})


@organization_required
@require_POST
def document_create(request, procurement_id):
    procurement = procurement_for(request, procurement_id, write=True)
    try:
        document = jobs.request_document(procurement=procurement, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Versjon %(n)s av dokumentet er bestilt.") % {"n": document.number})
    return redirect("procurement:documents", procurement_id=procurement.pk)


@organization_required
@require_GET
def document_status(request, procurement_id, document_id):
    """htmx: one row of the list; it keeps polling itself until the job is finished."""
    document = document_for(request, document_id, procurement_id=procurement_id)
    return render(request, "procurement/_document_row.html", {"procurement": document.procurement, "d": document})


@organization_required
@require_GET
def document_download(request, procurement_id, document_id):
    document = document_for(request, document_id, procurement_id=procurement_id)
    return download_response(document, document.filename)


@organization_required
@require_POST
def document_retry(request, procurement_id, document_id):
    document = document_for(request, document_id, procurement_id=procurement_id, write=True)
    try:
        jobs.retry_document(document=document, user=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "procurement:documents", procurement_id=document.procurement.pk)
    messages.success(request, _("Versjon %(n)s er lagt i køen igjen.") % {"n": document.number})
    return redirect("procurement:documents", procurement_id=document.procurement.pk)
