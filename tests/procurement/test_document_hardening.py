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
