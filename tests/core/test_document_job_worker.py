"""A real Celery worker on Redis renders PDFs ordered from a page (here the KPI report and the award letter)."""

import pytest

from core import documents
from core.models import DocumentJob
from reporting import report_pdf
from tests.core.test_celery_worker import _wait_for, celery_worker_on_redis  # noqa: F401 - the fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_renders_an_ordered_kpi_report(celery_worker_on_redis, org, users):  # noqa: F811
    job = documents.order_document(
        organization=org, user=None, kind=report_pdf.KIND, params={"query": ""}, title="Indikatorer", filename="i.pdf"
    )  # commits, then enqueues on Redis

    def finished():
        job.refresh_from_db()
        return job.is_finished

    assert _wait_for(finished, seconds=60), f"the worker never finished the job (status {job.status})"
    assert job.status == DocumentJob.Status.READY, job.error
    with job.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
