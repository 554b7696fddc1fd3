"""What a supplier does on the answer page: save a draft, add and remove files, give notice of the longer
§ 6 deadline, refuse on one of the law's grounds, submit.

Every function takes the AnswerLink (already found from the token by the view)
and refuses anything unless the link is open. Files go through the same checks
as the follower's own answer form (suppliers.follow_up.uploads.check_upload); minerals
workbooks additionally through the minerals import's checks. A submit turns
the draft into an ordinary Response (suppliers.follow_up.due_diligence.log_response), marked
as received via the answer page; the request moves to «Besvart».
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suppliers.follow_up import due_diligence
from suppliers.follow_up.answer_page import workbooks
from suppliers.follow_up.uploads import Upload, check_upload
from suppliers.models import AnswerFile, AnswerLink, AnswerLinkVisit, AnswerSubmission, DueDiligenceRequest

MAX_FILES = 10
A = AnswerLinkVisit.Action


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def log(request, link: AnswerLink | None, action: str, detail: str = "") -> None:
    AnswerLinkVisit.objects.create(
        link=link,
        action=action,
        detail=detail[:200],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:250],
    )


def _locked_open(link: AnswerLink) -> AnswerLink:
    current = AnswerLink.objects.select_for_update().select_related("request").get(pk=link.pk)
    if current.state != "open":
        raise ValidationError(_("Lenken kan ikke brukes lenger."))
    if current.request.status not in due_diligence.ANSWERABLE:
        raise ValidationError(_("Forespørselen tar ikke imot svar nå."))
    return current


def opened(request, link: AnswerLink) -> None:
    if link.first_opened_at is None:
        AnswerLink.objects.filter(pk=link.pk, first_opened_at__isnull=True).update(first_opened_at=timezone.now())
    log(request, link, A.VIEW)


def _answers_for(req, answers: list[str]) -> list[str]:
    return [(answers[i] if i < len(answers) else "")[:20000] for i in range(len(req.questions))]


@transaction.atomic
def save_draft(*, link: AnswerLink, answers: list[str], text: str) -> AnswerLink:
    current = _locked_open(link)
    current.draft_answers, current.draft_text = _answers_for(current.request, answers), text[:50000]
    current.save(update_fields=["draft_answers", "draft_text"])
    return current


@transaction.atomic
def add_file(*, link: AnswerLink, uploaded, kind: str) -> AnswerFile:
    """Check and keep one uploaded file; a refused file leaves no row and no file behind."""
    current = _locked_open(link)
    if current.files.count() >= MAX_FILES:
        raise ValidationError(_("Dere kan legge ved høyst %(n)s filer.") % {"n": MAX_FILES})
    checked = check_upload(uploaded)
    if kind == AnswerFile.Kind.WORKBOOK:
        if checked.extension != ".xlsx":
            raise ValidationError(_("En mineralrapport må være en Excel-fil (.xlsx) fra CMRT- eller EMRT-malen."))
        uploaded.seek(0)
        workbooks.check(uploaded.read())
    elif kind != AnswerFile.Kind.ATTACHMENT:
        raise ValidationError(_("Ukjent filtype."))
    name = default_storage.generate_filename(f"private/answer_page/{uuid.uuid4().hex}{checked.extension}")
    uploaded.seek(0)
    stored = default_storage.save(name, uploaded)
    try:
        return AnswerFile.objects.create(
            link=current,
            kind=kind,
            file=stored,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size_bytes=checked.size,
            sha256=checked.sha256,
        )
    except Exception:
        default_storage.delete(stored)
        raise


@transaction.atomic
def remove_file(*, link: AnswerLink, file_id: int) -> None:
    current = _locked_open(link)
    answer_file = current.files.filter(pk=file_id).first()
    if answer_file is None:
        raise ValidationError(_("Filen finnes ikke."))
    name = answer_file.file.name
    answer_file.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def request_extension(*, link: AnswerLink, reason: str) -> AnswerLink:
    """Åpenhetsloven § 6: the supplier's notice that it answers within the longer period, given today.

    Recorded on the request itself (due_diligence.record_extension), which refuses a notice after
    the ordinary deadline and moves the deadline; the link keeps when and why it was given there.
    """
    current = _locked_open(link)
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor dere trenger mer tid, og når dere kan svare."))
    if current.extension_requested_at or current.request.extension_notified_on:
        raise ValidationError(_("Dere har allerede varslet utsatt frist."))
    due_diligence.record_extension(
        req=current.request,
        user=None,
        notified_on=timezone.localdate(),
        reason=reason,
        source=DueDiligenceRequest.ExtensionSource.ANSWER_PAGE,
    )
    current.extension_requested_at, current.extension_reason = timezone.now(), reason.strip()[:5000]
    current.save(update_fields=["extension_requested_at", "extension_reason"])
    return current


def _spend(current: AnswerLink) -> None:
    """The link has done its work: drafts and waiting files go, and it cannot be used again."""
    names = [f.file.name for f in current.files.all()]
    current.submitted_at = timezone.now()
    current.draft_answers, current.draft_text = [], ""
    current.save(update_fields=["submitted_at", "draft_answers", "draft_text"])
    current.files.all().delete()
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


@transaction.atomic
def refuse_request(*, link: AnswerLink, ground: str, note: str):
    """Åpenhetsloven § 6: the supplier refuses the request on one of the law's grounds, today."""
    current = _locked_open(link)
    refused = due_diligence.record_refusal(
        req=current.request, user=None, refused_on=timezone.localdate(), ground=ground, note=note
    )
    _spend(current)
    return refused


@transaction.atomic
def submit(*, link: AnswerLink, answers: list[str], text: str):
    """The answer, its files and its workbooks become one Response; the link is spent. All or nothing."""
    current = _locked_open(link)
    files = list(current.files.all())
    handles = []
    try:
        uploads = []
        for f in files:
            # A File of its own (not the FieldFile), so renaming it for the upload leaves the stored name alone.
            handle = File(default_storage.open(f.file.name, "rb"), name=f.original_name)
            handles.append(handle)
            uploads.append(
                Upload(
                    file=handle,
                    original_name=f.original_name,
                    content_type=f.content_type,
                    size=f.size_bytes,
                    sha256=f.sha256,
                    extension="." + f.file.name.rsplit(".", 1)[-1],
                )
            )
        response = due_diligence.log_response(
            req=current.request,
            user=None,
            received_on=timezone.localdate(),
            answers=_answers_for(current.request, answers),
            text=text[:50000],
            uploads=uploads,
        )
    finally:
        for handle in handles:
            handle.close()
    submission = AnswerSubmission.objects.create(link=current, response=response)
    # Attachments are created in the order of the uploads; match workbooks by hash and name.
    workbook_keys = {(f.sha256, f.original_name) for f in files if f.kind == AnswerFile.Kind.WORKBOOK}
    submission.workbooks.set([a for a in response.attachments.all() if (a.sha256, a.original_name) in workbook_keys])
    _spend(current)
    return response
