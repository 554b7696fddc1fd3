"""Following an ordered PDF (core.documents.order_document) from the page that ordered it to its download."""

from django.urls import reverse

from core.models import DocumentJob


def order_and_download(client, url, data=None, capture=None) -> tuple[DocumentJob, bytes]:
    """POST the order, follow to the job page, download the ready PDF; tasks must run eagerly."""
    with capture(execute=True):
        response = client.post(url, data or {})
    assert response.status_code == 302, response.status_code
    job = DocumentJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert response["Location"] == reverse("core:document_job", args=[job.pk])
    assert job.status == DocumentJob.Status.READY, job.error
    page = client.get(response["Location"]).content.decode()
    assert reverse("core:document_job_download", args=[job.pk]) in page
    download = client.get(reverse("core:document_job_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    return job, content
