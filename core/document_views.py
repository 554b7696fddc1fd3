"""PDFs ordered from a page (letters, reports): made in the background, polled, downloaded, retried.

The app's own view orders the job (core.documents.order_document) and sends the
user here; this page polls the row until the file is ready or the job failed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import documents
from core.access import document_job_for, organization_required
from core.http import refuse


def _context(job) -> dict:
    return {"job": job, "back": documents.kind_of(job).back(job)}


@organization_required
@require_GET
def document_job(request, job_id):
    job = document_job_for(request, job_id)
    return render(request, "core/document_job.html", _context(job))


@organization_required
@require_GET
def document_job_status(request, job_id):
    """htmx: the status part; it keeps polling itself until the job is finished."""
    job = document_job_for(request, job_id)
    return render(request, "core/_document_job.html", _context(job))


@organization_required
@require_GET
def document_job_download(request, job_id):
    job = document_job_for(request, job_id)
    response = documents.download_response(job, job.filename)
    response["Cache-Control"] = "private, no-store"
    return response


@organization_required
@require_POST
def document_job_retry(request, job_id):
    job = document_job_for(request, job_id)
    try:
        documents.retry_document(job=job, user=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "core:document_job", job_id=job.pk)
    messages.success(request, _("Dokumentet er lagt i køen igjen."))
    return redirect("core:document_job", job_id=job.pk)
