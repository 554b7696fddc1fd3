"""PDFs ordered from a page (letters, risk and KPI reports, the award letter): made by the worker, polled, retried.

The page that orders one sends the user to the job's page; while the job is queued
or rendering, that page polls itself (htmx); a ready job offers the download, a
failed one says so and offers a retry. The stuck-job sweeper covers these jobs too.
"""

import dataclasses
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core import documents
from core.models import DocumentJob
from core.roles import Role
from core.tasks import fail_stuck_documents, render_document_job
from reporting import report_pdf
from suppliers.models import CaseShare
from tests.conftest import client_for
from tests.factories import dd_request, follow_up_case, member
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
Status = DocumentJob.Status


def _kpi_url():
    return reverse("reporting:report_pdf")


def _job_from(response) -> DocumentJob:
    assert response.status_code == 302, response.status_code
    return DocumentJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.fixture
def sent_to_broker(monkeypatch):
    """A broker is configured: the order is sent to the worker, which has not run it yet."""
    sent = []
    monkeypatch.setattr(render_document_job, "delay", lambda pk: sent.append(pk))
    return sent


def test_with_a_broker_the_page_shows_being_generated_and_polls(
    officer_client, sent_to_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _job_from(officer_client.post(_kpi_url()))
    assert sent_to_broker == [job.pk], "the render went to the worker, not into the request"
    assert job.status == Status.QUEUED and job.kind == report_pdf.KIND

    page = officer_client.get(reverse("core:document_job", args=[job.pk])).content.decode()
    status_url = reverse("core:document_job_status", args=[job.pk])
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 2s"' in page
    assert "I kø" in page and "Venter på tur" in page
    assert officer_client.get(reverse("core:document_job_download", args=[job.pk])).status_code == 404

    DocumentJob.objects.filter(pk=job.pk).update(status=Status.RENDERING, started_at=timezone.now())
    part = officer_client.get(status_url).content.decode()
    assert "Genereres" in part and "hx-trigger" in part


@pytest.mark.usefixtures("eager_tasks")
def test_a_failed_render_ends_failed_with_a_retry_that_renders(
    officer_client, monkeypatch, django_capture_on_commit_callbacks
):
    kind = documents._kinds[report_pdf.KIND]

    def broken(job):
        raise RuntimeError("skriveren er tom")

    monkeypatch.setitem(documents._kinds, report_pdf.KIND, dataclasses.replace(kind, render=broken))
    with django_capture_on_commit_callbacks(execute=True):
        job = _job_from(officer_client.post(_kpi_url()))
    job.refresh_from_db()
    assert job.status == Status.FAILED and "skriveren er tom" in job.error

    page = officer_client.get(reverse("core:document_job", args=[job.pk])).content.decode()
    retry_url = reverse("core:document_job_retry", args=[job.pk])
    assert "Feilet" in page and "Dokumentet kunne ikke lages" in page and retry_url in page
    assert "hx-trigger" not in page, "a finished job stops polling"

    monkeypatch.setitem(documents._kinds, report_pdf.KIND, kind)
    with django_capture_on_commit_callbacks(execute=True):
        assert officer_client.post(retry_url).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (Status.READY, 2, "")
    download = officer_client.get(reverse("core:document_job_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def _rendering(org, **fields) -> DocumentJob:
    """A KPI report a worker claimed (and maybe died on)."""
    return DocumentJob.objects.create(
        organization=org, kind=report_pdf.KIND, title="Indikatorer", filename="i.pdf", status=Status.RENDERING, **fields
    )


def test_the_sweeper_fails_an_ordered_pdf_stuck_rendering(org):
    job = _rendering(org, started_at=timezone.now() - documents.stale_after() - timedelta(minutes=1))
    assert fail_stuck_documents() == 1
    job.refresh_from_db()
    assert job.status == Status.FAILED and "Prøv igjen" in job.error


def test_a_redelivered_task_takes_over_its_own_ordered_pdf(org):
    job = _rendering(org, started_at=timezone.now(), task_id="levering-1")
    render_document_job.apply(args=[job.pk], task_id="levering-1")
    job.refresh_from_db()
    assert job.status == Status.READY and job.attempts == 1


def test_ordering_again_while_it_is_being_made_gives_the_same_job(officer_client, sent_to_broker):
    first = _job_from(officer_client.post(_kpi_url()))
    again = _job_from(officer_client.post(_kpi_url()))
    assert first.pk == again.pk and DocumentJob.objects.count() == 1


def test_a_read_only_member_may_order_a_report(reader_client, sent_to_broker):
    assert _job_from(reader_client.post(_kpi_url())).status == Status.QUEUED


def test_a_letter_job_is_gone_once_the_case_is_no_longer_shared(org, other_org, sent_to_broker):
    case = follow_up_case(org)
    req = dd_request(case)
    share = CaseShare.objects.create(case=case, organization=other_org)
    _user, partner = follower_of(other_org)
    job = _job_from(partner.post(reverse("suppliers:request_pdf", args=[case.pk, req.pk])))
    assert job.organization == other_org
    page = reverse("core:document_job", args=[job.pk])
    assert partner.get(page).status_code == 200
    share.delete()
    assert partner.get(page).status_code == 404
    assert partner.get(reverse("core:document_job_download", args=[job.pk])).status_code == 404


def test_another_organisations_member_gets_404_on_the_job(org, other_org, officer_client, sent_to_broker):
    job = _job_from(officer_client.post(_kpi_url()))
    outsider = client_for(member(other_org, Role.BUYER))
    for name in ("core:document_job", "core:document_job_status", "core:document_job_download"):
        assert outsider.get(reverse(name, args=[job.pk])).status_code == 404
    assert outsider.post(reverse("core:document_job_retry", args=[job.pk])).status_code == 404
