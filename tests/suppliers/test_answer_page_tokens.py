"""The supplier answer page: what a token opens, and everything it must refuse.

An unknown, tampered, expired, revoked or spent token gets a page that says so
and shows nothing of the request; a token opens exactly one request; hostile
uploads leave no row and no file.
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from suppliers.follow_up.answer_page import tokens
from suppliers.models import AnswerFile, AnswerLink, AnswerLinkVisit, Attachment, Response
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import PNG, TINY_PDF, office_zip, plain_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(org):
    case = follow_up_case(org, title="Hemmelig sakstittel om batterier")
    req = dd_request(case, sent_on=timezone.localdate())
    link, token = tokens.issue(req=req, language="nb")
    return req, link, token


def url(token, name="answer_page:answer", **kwargs):
    return reverse(name, kwargs={"token": token, **kwargs})


def page(client, token):
    return client.get(url(token))


def test_the_token_opens_the_letter_of_its_request(sent):
    req, link, token = sent
    response = page(Client(), token)
    assert response.status_code == 200
    body = response.content.decode()
    assert req.subject in body and req.questions[0] in body
    # Nothing of the buyer's case beyond the letter: not the case title, not the internal log.
    assert "Hemmelig sakstittel" not in body
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_only_the_hash_of_the_token_is_stored(sent):
    _req, link, token = sent
    link.refresh_from_db()
    assert link.token_hash == tokens.hash_token(token) and token not in link.token_hash
    assert len(token) >= 40


@pytest.mark.parametrize("tamper", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:20], lambda t: "x"])
def test_a_tampered_token_gets_a_clear_404_and_no_data(sent, tamper):
    req, _link, token = sent
    response = page(Client(), tamper(token))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Lenken virker ikke" in body and req.subject not in body
    assert AnswerLinkVisit.objects.filter(link=None, action="avvist").exists()


def test_an_expired_token_gets_a_clear_page(sent):
    req, link, token = sent
    AnswerLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = page(Client(), token)
    assert response.status_code == 410
    assert "Lenken er utløpt" in response.content.decode() and req.subject not in response.content.decode()


def test_expiry_is_the_deadline_plus_30_days(sent):
    req, link, _token = sent
    assert timezone.localtime(link.expires_at).date() == req.deadline + datetime.timedelta(days=30)


def test_a_revoked_token_gets_a_clear_page_and_cannot_post(sent, org):
    from tests.suppliers.helpers import follower_of

    req, link, token = sent
    _user, follower = follower_of(org)
    revoke = reverse("suppliers:answer_link_revoke", args=[req.case_id, req.pk, link.pk])
    assert "Trekk tilbake lenken" in follower.get(revoke).content.decode()  # asks first
    follower.post(revoke)
    response = page(Client(), token)
    assert response.status_code == 410 and "trukket tilbake" in response.content.decode()
    post = Client().post(url(token), {"action": "submit", "answer_0": "svar"})
    assert post.status_code == 410
    assert Response.objects.count() == 0


def test_a_token_is_spent_once_the_answer_is_submitted(sent):
    req, _link, token = sent
    client = Client()
    response = client.post(url(token), {"action": "submit", "answer_0": "Vi har kartlagt smelteverkene."})
    assert response.status_code == 200 and "Takk for svaret" in response.content.decode()
    req.refresh_from_db()
    assert req.status == "besvart"
    answer = Response.objects.get()
    assert answer.answers[0]["answer"] == "Vi har kartlagt smelteverkene." and answer.submission
    again = page(Client(), token)
    assert again.status_code == 200
    body = again.content.decode()
    assert "Svaret er mottatt" in body and "smelteverkene" not in body and req.subject not in body
    assert client.post(url(token), {"action": "submit", "answer_0": "igjen"}).status_code == 200
    assert Response.objects.count() == 1


def test_a_token_of_one_request_cannot_touch_another(org, sent):
    req, _link, token = sent
    other = dd_request(follow_up_case(org), sent_on=timezone.localdate())
    other_link, _other_token = tokens.issue(req=other, language="nb")
    other_file = AnswerFile.objects.create(
        link=other_link,
        kind="vedlegg",
        file="private/answer_page/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size_bytes=1,
        sha256="0" * 64,
    )
    # Removing another link's file by its id through this token does nothing.
    Client().post(url(token, "answer_page:remove_file", file_id=other_file.pk))
    assert AnswerFile.objects.filter(pk=other_file.pk).exists()
    Client().post(url(token), {"action": "submit", "answer_0": "svar"})
    other.refresh_from_db()
    assert other.status == "sendt" and not other.responses.exists()


def test_draft_is_kept_and_the_view_is_logged(sent):
    req, link, token = sent
    client = Client(HTTP_USER_AGENT="Testleser")
    client.post(url(token), {"action": "save", "answer_0": "Halvferdig svar"})
    assert "Halvferdig svar" in page(client, token).content.decode()
    assert req.responses.count() == 0
    actions = list(AnswerLinkVisit.objects.filter(link=link).values_list("action", flat=True))
    assert actions == ["lagre", "vis"]
    assert AnswerLinkVisit.objects.filter(link=link, user_agent="Testleser").count() == 2
    link.refresh_from_db()
    assert link.first_opened_at is not None


def test_too_many_requests_from_one_address_are_refused(sent, settings):
    settings.ANSWER_PAGE_RATE_PER_MINUTE = 3
    _req, _link, token = sent
    client = Client(REMOTE_ADDR="10.9.8.7")
    codes = [page(client, token).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert AnswerLinkVisit.objects.filter(action="struper").count() == 1


def _files_on_disk(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("rapport.pdf", b"MZ\x90\x00 not a pdf", "vedlegg"),  # an executable named .pdf
        ("bilde.png", TINY_PDF, "vedlegg"),  # a PDF named .png
        ("skript.exe", b"MZ\x90\x00", "vedlegg"),  # a forbidden type
        ("tom.pdf", b"", "vedlegg"),  # empty
        ("arkiv.xlsx", plain_zip(), "vedlegg"),  # a ZIP posing as a workbook
        ("dokument.docx", office_zip("word"), "mineralrapport"),  # a Word file as a minerals report
        ("falsk.xlsx", office_zip("xl"), "mineralrapport"),  # looks like xlsx, is no CMRT/EMRT
        ("bilde.png", PNG, "mineralrapport"),
    ],
)
def test_a_hostile_upload_is_refused_with_no_row_and_no_file(sent, settings, name, content, kind):
    _req, _link, token = sent
    response = Client().post(
        url(token, "answer_page:upload"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert AnswerFile.objects.count() == 0 and Attachment.objects.count() == 0
    assert _files_on_disk(settings) == []
    assert AnswerLinkVisit.objects.filter(action="avvist_fil").count() == 1


def test_a_too_large_upload_is_refused(sent, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    _req, _link, token = sent
    big = SimpleUploadedFile("stor.pdf", TINY_PDF + b"0" * 200)
    response = Client().post(url(token, "answer_page:upload"), {"kind": "vedlegg", "file": big})
    assert response.status_code == 400 and "for stor" in response.content.decode()
    assert AnswerFile.objects.count() == 0 and _files_on_disk(settings) == []


def test_files_become_attachments_on_submit_and_the_temporary_copies_go(
    sent, settings, django_capture_on_commit_callbacks
):
    req, _link, token = sent
    client = Client()
    client.post(url(token, "answer_page:upload"), {"kind": "vedlegg", "file": SimpleUploadedFile("svar.pdf", TINY_PDF)})
    assert AnswerFile.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(token), {"action": "submit", "answer_0": "Se vedlegg"})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "svar.pdf" and attachment.file.read() == TINY_PDF
    assert AnswerFile.objects.count() == 0
    assert [p.parent.name for p in _files_on_disk(settings)] == ["attachments"]


def test_the_page_follows_the_letters_language(org):
    req = dd_request(follow_up_case(org), sent_on=timezone.localdate())
    _link, token = tokens.issue(req=req, language="en")
    body = page(Client(), token).content.decode()
    assert '<html lang="en">' in body


def test_extension_notice_is_shown_to_the_follower_at_once(sent, org):
    from tests.suppliers.helpers import follower_of

    req, _link, token = sent
    Client().post(url(token, "answer_page:extension"), {"reason": "Vi må innhente svar fra 40 underleverandører."})
    _user, follower = follower_of(org)
    body = follower.get(reverse("suppliers:request_detail", args=[req.case_id, req.pk])).content.decode()
    assert "Leverandøren varslet" in body and "40 underleverandører" in body


def test_one_answer_to_a_joint_letter_reaches_every_co_signer(org, other_org):
    from suppliers.models import CaseShare
    from tests.suppliers.helpers import follower_of

    case = follow_up_case(org)
    CaseShare.objects.create(case=case, organization=other_org, access=CaseShare.Access.READ)
    req = dd_request(case, sent_on=timezone.localdate(), co_signers=[other_org])
    _link, token = tokens.issue(req=req, language="nb")
    letter = page(Client(), token).content.decode()
    assert org.name in letter and other_org.name in letter  # the supplier sees who sent it together
    Client().post(url(token), {"action": "submit", "answer_0": "Felles svar til alle avsenderne"})
    for organisation in (org, other_org):
        _user, client = follower_of(organisation)
        body = client.get(reverse("suppliers:request_detail", args=[case.pk, req.pk])).content.decode()
        assert "Felles svar til alle avsenderne" in body and "mottatt via svarsiden" in body
