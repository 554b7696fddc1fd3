"""Tender document jobs and downloads under the failures an operator meets."""

import pytest
from django.urls import reverse

from procurement.models import TenderDocument
from tests.factories import procurement as make_procurement

pytestmark = pytest.mark.django_db
Status = TenderDocument.Status


def _ready_document(tender, name="private/documents/finnes-ikke.pdf") -> TenderDocument:
    return TenderDocument.objects.create(
        procurement=tender, number=1, document_version=1, status=Status.READY, file=name, size_bytes=10
    )


def test_download_of_a_document_whose_file_is_missing_is_404(org, officer_client):
    tender = make_procurement(organization=org)
    document = _ready_document(tender)
    officer_client.raise_request_exception = False
    response = officer_client.get(reverse("procurement:document_download", args=[tender.pk, document.pk]))
    assert response.status_code == 404


# ---------------------------------------------------------------- jobs recover without beat


def _rendering_under(tender, task_id) -> TenderDocument:
    """A version whose worker died mid-render: still 'rendering' under `task_id`, just started."""
    from django.utils import timezone

    return TenderDocument.objects.create(
        procurement=tender,
        number=1,
        document_version=1,
        status=Status.RENDERING,
        started_at=timezone.now(),
        attempts=1,
        task_id=task_id,
    )


def test_a_redelivery_of_the_same_task_takes_the_job_over_at_once(org, eager_tasks):
    from procurement.tender_document.tasks import render_tender_document

    tender = make_procurement(organization=org)
    document = _rendering_under(tender, "levering-1")
    render_tender_document.apply(args=[document.pk], task_id="levering-1")
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.READY, 2)


def test_another_task_leaves_a_job_that_is_rendering_alone(org, eager_tasks):
    from procurement.tender_document.tasks import render_tender_document

    tender = make_procurement(organization=org)
    document = _rendering_under(tender, "levering-1")
    render_tender_document.apply(args=[document.pk], task_id="en-annen")
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.RENDERING, 1)


def test_versions_per_procurement_are_rate_limited(org, officer_client, settings, django_capture_on_commit_callbacks):
    settings.TENDER_VERSIONS_PER_HOUR = 2
    tender = make_procurement(organization=org)
    url = reverse("procurement:document_create", args=[tender.pk])
    for _ in range(3):
        response = officer_client.post(url, follow=True)
    assert TenderDocument.objects.filter(procurement=tender).count() == 2
    assert "Vent litt før du lager en ny" in response.content.decode()
    other = make_procurement(organization=org)
    officer_client.post(reverse("procurement:document_create", args=[other.pk]))
    assert TenderDocument.objects.filter(procurement=other).count() == 1, "the cap is per procurement"
