"""Attachments on an answer: allowed types, magic bytes, size, empty files, all-or-nothing, private storage."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from suppliers.models import Attachment, DueDiligenceRequest, Response
from tests.conftest import client_for
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import JPG, PNG, TINY_PDF, follower_of, office_zip, plain_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org):
    case = follow_up_case(org)
    req = dd_request(case, sent_on=timezone.localdate())
    user, client = follower_of(org)
    return case, req, client


def _post(client, case, req, *files, **extra):
    data = {"received_on": timezone.localdate().isoformat(), "text": "Se vedlegg.", **extra}
    data["attachments"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(reverse("suppliers:response_create", args=[case.pk, req.pk]), data)


def _stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("rapport.pdf", TINY_PDF, "application/pdf"),
        ("bilde.png", PNG, "image/png"),
        ("foto.JPG", JPG, "image/jpeg"),
        ("foto.jpeg", JPG, "image/jpeg"),
        ("cmrt.xlsx", office_zip("xl"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("policy.docx", office_zip("word"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_allowed_files_are_stored_privately_under_generated_names(setup, name, content, content_type):
    case, req, client = setup
    response = _post(client, case, req, (name, content))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == name and attachment.content_type == content_type
    assert attachment.size_bytes == len(content) and attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.file.name.startswith("private/attachments/")
    assert Path(attachment.file.name).stem not in name  # a generated name, not the supplier's
    assert Path(attachment.file.path).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("svar.pdf", plain_zip(), "«svar.pdf» har PDF-navn, men innholdet er en ZIP-fil."),
        ("svar.pdf", office_zip("word"), "«svar.pdf» har PDF-navn, men innholdet er en DOCX-fil."),
        ("ark.xlsx", office_zip("word"), "«ark.xlsx» har XLSX-navn, men innholdet er en DOCX-fil."),
        ("ark.xlsx", plain_zip(), "«ark.xlsx» har XLSX-navn, men innholdet er en ZIP-fil."),
        ("bilde.png", JPG, "«bilde.png» har PNG-navn, men innholdet er en JPG-fil."),
        ("bilde.jpg", b"GIF89a....", "«bilde.jpg» har JPG-navn, men innholdet er ukjent."),
        ("broken.docx", b"PK\x03\x04not really a zip", "«broken.docx» har DOCX-navn, men innholdet er ukjent."),
        ("tom.pdf", b"", "«tom.pdf» er tom."),
        ("skript.exe", b"MZ....", "«skript.exe» har en filtype som ikke er tillatt."),
        ("uten-endelse", TINY_PDF, "«uten-endelse» har en filtype som ikke er tillatt."),
    ],
)
def test_refused_files_store_nothing_and_say_why(setup, name, content, message):
    case, req, client = setup
    response = _post(client, case, req, (name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists() and not Attachment.objects.exists() and _stored_files() == []
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.SENT


def test_too_large_is_refused(setup, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    case, req, client = setup
    response = _post(client, case, req, ("stor.pdf", TINY_PDF + b"0" * 2000))
    assert "«stor.pdf» er for stor" in response.content.decode()
    assert "Største tillatte størrelse er 1,0\xa0KB" in response.content.decode()
    assert not Response.objects.exists() and _stored_files() == []


def test_default_limit_is_twenty_megabytes():
    assert settings.ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024


def test_one_bad_file_refuses_the_whole_answer(setup):
    case, req, client = setup
    response = _post(client, case, req, ("ok.pdf", TINY_PDF), ("feil.pdf", plain_zip()))
    assert response.status_code == 200
    assert "«feil.pdf» har PDF-navn, men innholdet er en ZIP-fil." in response.content.decode()
    assert not Response.objects.exists() and not Attachment.objects.exists() and _stored_files() == []


def test_a_failure_after_storing_removes_the_stored_files(setup, monkeypatch):
    from suppliers.follow_up import due_diligence

    case, req, client = setup

    def boom(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(due_diligence, "transition", boom)
    with pytest.raises(RuntimeError):
        _post(client, case, req, ("ok.pdf", TINY_PDF), ("ok2.png", PNG))
    assert _stored_files() == []


def test_download_is_permission_checked_with_the_original_name(setup, org, outsider, users):
    case, req, client = setup
    _post(client, case, req, ('Svar "fra" «leverandør».pdf', TINY_PDF))
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Svar_fra_leverandør.pdf"
    url = reverse("suppliers:attachment_download", args=[case.pk, attachment.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Svar_fra_leverand%C3%B8r.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == TINY_PDF

    assert client_for(outsider).get(url).status_code == 404
    other_case = follow_up_case(org)
    assert client.get(reverse("suppliers:attachment_download", args=[other_case.pk, attachment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("given", "kept"),
    [("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\Users\\ola\\svar.pdf", "svar.pdf"), ("«».pdf", ".pdf")],
)
def test_original_names_are_sanitised(given, kept):
    from suppliers.follow_up.uploads import safe_name

    assert safe_name(given) == kept


def test_log_response_records_the_answer_with_its_attachment(setup):
    """The one service behind "record a supplier's answer with an attachment": answer, file and state together."""
    from suppliers.follow_up import due_diligence
    from suppliers.follow_up.uploads import check_upload

    case, req, _client = setup
    upload = check_upload(SimpleUploadedFile("svar.pdf", TINY_PDF))
    answer = due_diligence.log_response(
        req=req,
        user=None,
        received_on=timezone.localdate(),
        answers=["Vi har kartlagt kjeden."],
        text="Se vedlagt rapport.",
        uploads=[upload],
    )
    attachment = answer.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("svar.pdf", "application/pdf")
    assert Path(attachment.file.path).read_bytes() == TINY_PDF and len(_stored_files()) == 1
    assert answer.text == "Se vedlagt rapport." and answer.answers[0]["answer"] == "Vi har kartlagt kjeden."
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.ANSWERED
