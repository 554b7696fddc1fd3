"""Letters e-mailed from the request page: exact bytes stored and sent once, failures visible."""

import email
import hashlib
import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from suppliers.follow_up.mail import services
from suppliers.models import AnswerLink, LetterSend
from suppliers.tasks import send_letter_mail
from tests.core.jobs import order_and_download
from tests.factories import dd_request, follow_up_case, supplier_contact
from tests.suppliers.helpers import follower_of
from tests.suppliers.smtp_stub import smtp_server, use_smtp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


@pytest.fixture
def draft(org):
    case = follow_up_case(org)
    contact = supplier_contact(org, case.supplier, name="Siri Haugland", email="siri@leverandor.example")
    return dd_request(case, contact=contact), contact


def send(client, req, contact, **extra):
    return client.post(
        reverse("suppliers:request_send_email", args=[req.case_id, req.pk]),
        {"contacts": [contact.pk], "language": "nb", "deadline": req.deadline.isoformat(), **extra},
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_sending_by_email_marks_the_letter_sent_and_mails_the_final_pdf_and_link(
    org, draft, django_capture_on_commit_callbacks
):
    req, contact = draft
    user, client = follower_of(org)
    user.first_name, user.last_name, user.email = "Kari", "Nordmann", "kari@kommune.example"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, req, contact)
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "sendt" and req.sent_on is not None
    row = LetterSend.objects.get()
    assert row.status == "sendt" and row.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0].message().as_bytes()
    # What went out is byte for byte what is stored, and the hash shown on the request is of those bytes.
    assert sent == bytes(row.message) and hashlib.sha256(sent).hexdigest() == row.sha256
    parsed = email.message_from_bytes(sent)
    assert parsed["To"] == "siri@leverandor.example" and parsed["Reply-To"] == "kari@kommune.example"
    body = next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    link_url = next(word for word in body.split() if "/svar/" in word)
    token = link_url.rstrip("/").rsplit("/", 1)[-1]
    assert AnswerLink.objects.get(mail=row).token_hash == services.tokens.hash_token(token)
    pdf = next(p for p in parsed.walk() if p.get_content_type() == "application/pdf").get_payload(decode=True)
    text = pdf_text(pdf)
    assert "UTKAST" not in text and "Vår ref." in text and f"{req.case_id}-{req.pk}" in text
    assert "Kari Nordmann" in text
    page = client.get(reverse("suppliers:request_detail", args=[req.case_id, req.pk])).content.decode()
    assert row.sha256 in page and "siri@leverandor.example" in page


def test_the_pdf_downloaded_after_mark_as_sent_is_final(org, draft, django_capture_on_commit_callbacks):
    req, _contact = draft
    _user, client = follower_of(org)
    url = reverse("suppliers:request_pdf", args=[req.case_id, req.pk])
    assert "UTKAST" in pdf_text(order_and_download(client, url, capture=django_capture_on_commit_callbacks)[1])
    client.post(
        reverse("suppliers:request_send", args=[req.case_id, req.pk]),
        {"sent_on": req.created_at.date().isoformat(), "deadline": req.deadline.isoformat()},
    )
    text = pdf_text(order_and_download(client, url, capture=django_capture_on_commit_callbacks)[1])
    assert "UTKAST" not in text and "Dato" in text and "Vår ref." in text


def test_nothing_is_sent_twice_when_the_task_runs_twice(org, draft, django_capture_on_commit_callbacks):
    req, contact = draft
    _user, client = follower_of(org)
    with django_capture_on_commit_callbacks(execute=False):  # queue, but do not run
        send(client, req, contact)
    row = LetterSend.objects.get()
    send_letter_mail.apply(args=[row.pk])
    send_letter_mail.apply(args=[row.pk])
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == "sendt" and row.attempts == 1


def test_resending_is_a_new_recorded_event(org, draft, django_capture_on_commit_callbacks):
    req, contact = draft
    _user, client = follower_of(org)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, req, contact)
        client.post(
            reverse("suppliers:request_send_email", args=[req.case_id, req.pk]),
            {"contacts": [contact.pk], "language": "en"},
        )
    assert LetterSend.objects.count() == 2 and len(mail.outbox) == 2
    assert AnswerLink.objects.count() == 2
    req.refresh_from_db()
    assert req.events.filter(to_status="sendt").count() == 1


def test_a_contact_without_email_cannot_be_chosen(org, draft):
    req, _contact = draft
    no_mail = supplier_contact(org, req.case.supplier, name="Uten E-post", email="")
    _user, client = follower_of(org)
    response = send(client, req, no_mail)
    assert response.status_code == 200 and LetterSend.objects.count() == 0
    req.refresh_from_db()
    assert req.status == "utkast"


def test_an_smtp_refusal_is_retried_and_ends_visibly_failed(org, draft, settings, django_capture_on_commit_callbacks):
    settings.LETTER_MAIL_MAX_RETRIES, settings.LETTER_MAIL_RETRY_SECONDS = 2, 0
    req, contact = draft
    _user, client = follower_of(org)
    with smtp_server(refuse="451 4.3.0 Try again later") as server:
        use_smtp(settings, server)
        with django_capture_on_commit_callbacks(execute=True):
            send(client, req, contact)
        assert server.attempts == 3 and server.messages == []
    row = LetterSend.objects.get()
    assert row.status == "feilet" and row.attempts == 3 and "451" in row.error
    page = client.get(reverse("suppliers:request_detail", args=[req.case_id, req.pk])).content.decode()
    assert "Sendingen feilet" in page and "Feilet" in page


def test_the_smtp_backend_sends_the_stored_bytes(org, draft, settings, django_capture_on_commit_callbacks):
    req, contact = draft
    _user, client = follower_of(org)
    with smtp_server() as server:
        use_smtp(settings, server)
        with django_capture_on_commit_callbacks(execute=True):
            send(client, req, contact)
    row = LetterSend.objects.get()
    assert row.status == "sendt" and len(server.messages) == 1
    assert server.messages[0].replace(b"\r\n", b"\n").strip() == bytes(row.message).replace(b"\r\n", b"\n").strip()


def test_outsider_cannot_send_or_download(draft, outsider):
    from tests.conftest import client_for

    req, contact = draft
    client = client_for(outsider)
    assert send(client, req, contact).status_code == 404
    assert LetterSend.objects.count() == 0
