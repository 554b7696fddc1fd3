"""Tender document versions: order, render in the background, poll, download, fail visibly, retry."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.tasks import fail_stuck_documents
from procurement.models import TenderDocument
from procurement.tender_document import build, jobs
from procurement.tender_document.tasks import render_tender_document
from tests.factories import procurement as make_procurement
from tests.procurement.helpers import full_tender

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]
Status = TenderDocument.Status


@pytest.fixture
def tender(org):
    return full_tender(org, per_section=2)


def _url(name, tender, document=None):
    args = [tender.pk] if document is None else [tender.pk, document.pk]
    return reverse(f"procurement:{name}", args=args)


def _queued(tender, user=None) -> TenderDocument:
    """A version in the queue whose task has not run yet."""
    return jobs.request_document(procurement=tender, user=user)


def _stored_files() -> list[Path]:
    return [p for p in (Path(settings.MEDIA_ROOT) / "private" / "documents").glob("*") if p.is_file()]


def test_lag_dokument_renders_a_version_that_downloads_as_attachment(
    tender, officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(_url("document_create", tender))
    assert response.status_code == 302
    document = TenderDocument.objects.get(procurement=tender)
    assert (document.status, document.number, document.attempts) == (Status.READY, 1, 1)
    assert document.page_count >= 7 and document.size_bytes > 0 and len(document.sha256) == 64
    assert document.render_seconds is not None and document.requested_by is not None

    page = officer_client.get(_url("documents", tender)).content.decode()
    assert "Klar" in page and _url("document_download", tender, document) in page

    download = officer_client.get(_url("document_download", tender, document))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    reference = tender.reference.replace("/", "-")
    assert download["Content-Disposition"] == f'attachment; filename="konkurransegrunnlag-{reference}-v1.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_documents_page_is_linked_from_the_procurement_pages(tender, officer_client):
    page = officer_client.get(reverse("procurement:detail", args=[tender.pk])).content.decode()
    assert f'href="{_url("documents", tender)}"' in page


def test_running_the_task_twice_stores_one_file(tender, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        document = _queued(tender)
    render_tender_document(document.pk)
    first = TenderDocument.objects.get(pk=document.pk)
    render_tender_document(document.pk)  # a second delivery of the same message
    second = TenderDocument.objects.get(pk=document.pk)
    assert first.status == second.status == Status.READY
    assert (second.file.name, second.attempts, second.finished_at) == (first.file.name, 1, first.finished_at)
    assert len(_stored_files()) == 1
    assert TenderDocument.objects.filter(procurement=tender).count() == 1


def test_identical_versions_have_the_same_hash_and_both_stay_downloadable(
    tender, officer_client, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            officer_client.post(_url("document_create", tender))
    second, first = TenderDocument.objects.filter(procurement=tender)
    assert (first.number, second.number) == (1, 2)
    assert first.sha256 == second.sha256 and first.file.name != second.file.name
    for document in (first, second):
        assert officer_client.get(_url("document_download", tender, document)).status_code == 200


def test_a_failing_render_ends_as_feilet_on_the_page_and_retry_renders_it(
    tender, officer_client, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(document):
        raise RuntimeError("Malen kunne ikke leses")

    monkeypatch.setattr(build, "render_document", broken)
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(_url("document_create", tender))
    document = TenderDocument.objects.get(procurement=tender)
    assert document.status == Status.FAILED and not document.file
    assert document.error == "RuntimeError: Malen kunne ikke leses"

    page = officer_client.get(_url("documents", tender)).content.decode()
    assert "Feilet" in page and "Dokumentet kunne ikke lages" in page and "Malen kunne ikke leses" in page
    assert _url("document_retry", tender, document) in page
    assert officer_client.get(_url("document_download", tender, document)).status_code == 404

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(_url("document_retry", tender, document))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.error, document.attempts) == (Status.READY, "", 2)


def test_a_template_error_also_ends_as_feilet(tender, settings, django_capture_on_commit_callbacks):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "broken_templates"]}]
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "TemplateSyntaxError" in document.error


def test_retry_is_refused_for_a_document_that_did_not_fail(tender, officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    response = officer_client.post(_url("document_retry", tender, document), follow=True)
    assert "Bare dokumenter som har feilet, kan prøves på nytt." in response.content.decode()
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.READY, 1)


def test_a_broker_that_refuses_the_job_leaves_it_feilet_not_queued(
    tender, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis svarer ikke")

    monkeypatch.setattr(render_tender_document, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.error.startswith("Jobben kunne ikke sendes til køen")


def test_the_row_polls_while_the_job_runs_and_stops_when_it_is_done(
    tender, officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = _queued(tender)
    status_url = _url("document_status", tender, document)
    queued = officer_client.get(status_url).content.decode()
    assert 'hx-trigger="every 2s"' in queued and f'hx-get="{status_url}"' in queued and "I kø" in queued

    TenderDocument.objects.filter(pk=document.pk).update(status=Status.RENDERING, started_at=timezone.now())
    assert "Genereres" in officer_client.get(status_url).content.decode()

    render_tender_document(document.pk)  # another worker is on it: this delivery leaves it alone
    assert TenderDocument.objects.get(pk=document.pk).status == Status.RENDERING
    TenderDocument.objects.filter(pk=document.pk).update(status=Status.QUEUED, started_at=None)
    render_tender_document(document.pk)
    done = officer_client.get(status_url).content.decode()
    assert "hx-trigger" not in done and "Klar" in done
    assert _url("document_download", tender, document) in done


def test_the_sweeper_fails_a_stuck_tender_document(tender, django_capture_on_commit_callbacks):
    assert "fail-stuck-documents" in settings.CELERY_BEAT_SCHEDULE
    with django_capture_on_commit_callbacks(execute=False):
        document = _queued(tender)
    TenderDocument.objects.filter(pk=document.pk).update(
        status=Status.RENDERING, started_at=timezone.now() - timedelta(hours=1)
    )
    assert fail_stuck_documents() == 1
    document.refresh_from_db()
    assert document.status == Status.FAILED and "Prøv igjen" in document.error


def test_the_sweeper_fails_a_job_no_worker_picked_up(tender, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        fresh, lost = _queued(tender), _queued(tender)
    TenderDocument.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - timedelta(hours=2))
    assert fail_stuck_documents() == 1
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == Status.FAILED and "Prøv igjen" in lost.error
    assert fresh.status == Status.QUEUED, "a job waiting a short while is left in the queue"


def test_outsider_gets_404_on_every_document_url(tender, outsider_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    for name in ("documents", "document_status", "document_download"):
        url = _url(name, tender) if name == "documents" else _url(name, tender, document)
        assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(_url("document_create", tender)).status_code == 404
    assert outsider_client.post(_url("document_retry", tender, document)).status_code == 404
    assert TenderDocument.objects.count() == 1


def test_a_document_of_another_procurement_is_404_even_in_the_same_organisation(
    org, tender, officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    other = make_procurement(organization=org, title="Annen anskaffelse")
    url = reverse("procurement:document_download", args=[other.pk, document.pk])
    assert officer_client.get(url).status_code == 404


def test_read_only_member_may_download_but_not_order_or_retry(
    tender, reader_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _queued(tender)
    TenderDocument.objects.filter(pk=document.pk).update(status=Status.FAILED)
    page = reader_client.get(_url("documents", tender)).content.decode()
    assert _url("document_create", tender) not in page and _url("document_retry", tender, document) not in page
    assert reader_client.post(_url("document_create", tender)).status_code == 403
    assert reader_client.post(_url("document_retry", tender, document)).status_code == 403
    TenderDocument.objects.filter(pk=document.pk).update(status=Status.READY)
    assert reader_client.get(_url("document_download", tender, document)).status_code == 200


def test_contract_follower_without_edit_rights_gets_403_on_ordering(tender, users):
    from core.roles import Role
    from tests.conftest import client_for

    follower = client_for(users[Role.CONTRACT_FOLLOWER])
    assert follower.post(_url("document_create", tender)).status_code == 403
    assert not TenderDocument.objects.exists()


@pytest.mark.parametrize("versions", [1, 12])
def test_documents_page_query_count_does_not_grow_with_versions(
    versions, tender, officer_client, django_assert_max_num_queries
):
    for number in range(1, versions + 1):
        TenderDocument.objects.create(
            procurement=tender,
            number=number,
            document_version=1,
            status=Status.READY if number % 2 else Status.FAILED,
            requested_by=tender.created_by,
        )
    # session, user, memberships (middleware), procurement (+ category, responsible), versions (+ requested_by)
    with django_assert_max_num_queries(5):
        response = officer_client.get(_url("documents", tender))
    assert response.status_code == 200
    assert response.content.decode().count('id="dokument-') == versions
