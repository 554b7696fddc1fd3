"""Sending a letter by e-mail: build the message once, store it, send it from a task after commit.

`send_by_email` registers the letter as sent (the same service as «Registrer
som sendt») and queues one e-mail to the chosen contacts with the final PDF and
a fresh answer-page link. `resend_by_email` queues the same letter again as a
new recorded event (a failed send, a new contact) without changing the state.

Delivery (`deliver`) is idempotent: it locks the row, does nothing unless it is
still queued, and sends exactly the stored bytes, so a task that runs twice
sends once. SMTP errors propagate to the task, which retries them; after the
last retry `mark_failed` leaves the row visibly failed.
"""

import email
import email.policy
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from suppliers.follow_up import due_diligence, letter_pdf
from suppliers.follow_up.answer_page import tokens
from suppliers.follow_up.letters import format_date
from suppliers.models import LetterSend

logger = logging.getLogger(__name__)

LANGUAGES = ("nb", "en")


class StoredMessage(EmailMessage):
    """An EmailMessage whose MIME form is the stored bytes, so any Django backend sends exactly them."""

    def __init__(self, row: LetterSend):
        super().__init__(subject=row.subject, to=row.recipients, reply_to=[row.reply_to] if row.reply_to else None)
        self.raw = bytes(row.message)

    def message(self, *, policy=email.policy.compat32):
        # The parsed form answers header questions; as_bytes gives the stored bytes themselves,
        # with the line endings the backend asks for (SMTP wants CRLF; they are stored with LF).
        parsed = email.message_from_bytes(self.raw, policy=policy)
        raw = self.raw

        def as_bytes(unixfrom=False, linesep="\n", **_kwargs):
            return raw if linesep == "\n" else raw.replace(b"\n", linesep.encode("ascii"))

        parsed.as_bytes = as_bytes
        return parsed


def _recipients(contacts) -> list[str]:
    addresses = [c.email for c in contacts if c.email]
    if not addresses:
        raise ValidationError(_("Velg minst én kontaktperson med e-postadresse."))
    return sorted(set(addresses))


def _reply_to(user) -> str:
    return getattr(user, "email", "") or ""


def _build(*, req, user, recipients: list[str], language: str, answer_url: str) -> tuple[bytes, str]:
    pdf = letter_pdf.render_letter(req, language=language)
    with translation.override(language):
        body = render_to_string(
            "suppliers/answer_page/letter_email.txt",
            {
                "req": req,
                "organization": req.case.organization,
                "answer_url": answer_url,
                "deadline": format_date(req.deadline),
                "signatory": user.get_full_name() or user.username if user else "",
            },
        )
        subject = req.subject
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[_reply_to(user)] if _reply_to(user) else None,
        headers={"X-Var-Ref": letter_pdf.our_reference(req)},
    )
    message.attach(letter_pdf.filename(req), pdf.content, "application/pdf")
    raw = message.message().as_bytes()
    return raw, subject


def _queue(*, req, user, contacts, language: str, url_for_token) -> LetterSend:
    if language not in LANGUAGES:
        raise ValidationError(_("Ukjent språk for brevet."))
    recipients = _recipients(contacts)
    row = LetterSend.objects.create(
        request=req,
        recipients=recipients,
        reply_to=_reply_to(user),
        subject=req.subject[:250],
        language=language,
        message=b"",
        sha256="",
        created_by=user,
    )
    link, token = tokens.issue(req=req, language=language, mail=row)
    raw, subject = _build(req=req, user=user, recipients=recipients, language=language, answer_url=url_for_token(token))
    row.message, row.sha256, row.subject = raw, hashlib.sha256(raw).hexdigest(), subject[:250]
    row.save(update_fields=["message", "sha256", "subject"])
    from suppliers.tasks import send_letter_mail

    transaction.on_commit(lambda: send_letter_mail.delay(row.pk))
    return row


@transaction.atomic
def send_by_email(
    *, req, user, contacts, language: str, sent_on, deadline=None, comment: str = "", url_for_token
) -> LetterSend:
    """Register the letter as sent and queue the e-mail; one transaction, so a refusal queues nothing."""
    current = due_diligence.send_request(req=req, user=user, sent_on=sent_on, deadline=deadline, comment=comment)
    return _queue(req=current, user=user, contacts=contacts, language=language, url_for_token=url_for_token)


@transaction.atomic
def resend_by_email(*, req, user, contacts, language: str, url_for_token) -> LetterSend:
    if req.status not in due_diligence.AWAITING | {due_diligence.S.OVERDUE}:
        raise ValidationError(_("Brevet kan bare sendes på e-post igjen mens dere venter på svar."))
    return _queue(req=req, user=user, contacts=contacts, language=language, url_for_token=url_for_token)


def answer_url_builder(request):
    return lambda token: request.build_absolute_uri(reverse("answer_page:answer", args=[token]))


def deliver(send_id: int) -> str:
    """Send the stored bytes once. Returns the row's status; SMTP errors propagate (the task retries them).

    The row stays locked while the SMTP server takes the message, so a second
    run of the task waits and then finds it sent.
    """
    failure = None
    with transaction.atomic():
        row = LetterSend.objects.select_for_update().filter(pk=send_id).first()
        if row is None or row.status != LetterSend.Status.QUEUED:
            return row.status if row else "missing"
        row.attempts += 1
        try:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([StoredMessage(row)])
        except Exception as exc:  # noqa: BLE001 - kept on the row, then re-raised for the task to judge
            # Commit the attempt and its reason, so the request page shows it while retries run.
            failure = exc
            row.error = f"{type(exc).__name__}: {exc}"[:2000]
            row.save(update_fields=["attempts", "error"])
        else:
            row.status, row.sent_at, row.error = LetterSend.Status.SENT, timezone.now(), ""
            row.save(update_fields=["status", "sent_at", "error", "attempts"])
            return row.status
    raise failure


def mark_failed(send_id: int, reason: str) -> None:
    LetterSend.objects.filter(pk=send_id, status=LetterSend.Status.QUEUED).update(
        status=LetterSend.Status.FAILED, error=reason[:2000]
    )


@transaction.atomic
def revoke_link(*, link, user) -> None:
    from suppliers.models import AnswerLink

    current = AnswerLink.objects.select_for_update().get(pk=link.pk)
    if current.revoked_at:
        raise ValidationError(_("Lenken er allerede trukket tilbake."))
    current.revoked_at, current.revoked_by = timezone.now(), user
    current.save(update_fields=["revoked_at", "revoked_by"])
