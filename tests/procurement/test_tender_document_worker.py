"""A real Celery worker on Redis renders a tender document ordered through the service."""

import pytest

from procurement.models import TenderDocument
from procurement.tender_document import jobs
from tests.core.test_celery_worker import _wait_for, celery_worker_on_redis  # noqa: F401 - the fixture
from tests.procurement.helpers import full_tender

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_renders_a_tender_document_end_to_end(celery_worker_on_redis, org, users):  # noqa: F811
    tender = full_tender(org, per_section=2)
    document = jobs.request_document(procurement=tender, user=None)  # commits, then enqueues on Redis

    def finished():
        document.refresh_from_db()
        return document.is_finished

    assert _wait_for(finished, seconds=60), f"the worker never finished the job (status {document.status})"
    assert document.status == TenderDocument.Status.READY, document.error
    assert document.page_count >= 7
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
