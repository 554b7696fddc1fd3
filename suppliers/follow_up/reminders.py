"""Reminder e-mails before and after a request's answer deadline, and the daily task's work.

The daily task e-mails the contract follower (and the supplier's contact where
the request says so) REMINDER_OFFSETS days relative to the deadline. The mail
text is in templates/suppliers/email/. See `send_due_reminders` for how
"exactly once" is kept.
"""

import logging
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from suppliers.follow_up.due_diligence import REMINDED, mark_overdue, moment
from suppliers.follow_up.letters import format_date
from suppliers.models import DueDiligenceRequest, Reminder

logger = logging.getLogger(__name__)

# Days relative to the deadline at which reminders go out: a week before, on the day, a week after.
REMINDER_OFFSETS = (-7, 0, 7)


def due_offset(deadline: date, today: date, sent_on: date | None = None) -> int | None:
    """The latest reminder offset whose day has come, so a missed day is caught up once, not several times.

    Offsets that fall before the letter was sent (a short deadline) are skipped.
    """
    due = [
        offset
        for offset in REMINDER_OFFSETS
        if deadline + timedelta(days=offset) <= today
        and (sent_on is None or deadline + timedelta(days=offset) > sent_on)
    ]
    return max(due) if due else None


def _recipients(req: DueDiligenceRequest) -> list[tuple[str, str]]:
    follower = req.case.contract.responsible if req.case.contract_id and req.case.contract.responsible_id else None
    follower = follower or req.created_by
    out = []
    if follower and follower.email:
        out.append((Reminder.Recipient.FOLLOWER, follower.email))
    if req.remind_supplier and req.contact and req.contact.email:
        out.append((Reminder.Recipient.SUPPLIER, req.contact.email))
    return out


def reminder_mail(req: DueDiligenceRequest, offset: int, recipient: str) -> tuple[str, str]:
    """Subject and body of one reminder, from templates/suppliers/email/ (like the invitation mail)."""
    context = {
        "offset": offset,
        "subject": req.subject,
        "deadline": format_date(req.deadline),
        "org": req.case.organization.name,
        "case": req.case.title,
        "status": req.get_status_display(),
    }
    subject = " ".join(render_to_string("suppliers/email/reminder_subject.txt", context).split())
    body_template = "supplier" if recipient == Reminder.Recipient.SUPPLIER else "follower"
    body = render_to_string(f"suppliers/email/reminder_{body_template}.txt", context).strip()
    return subject, body


def send_due_reminders(today: date) -> int:
    """E-mail each due reminder exactly once, even when two runs overlap.

    For each reminder the Reminder row is inserted first, in its own
    transaction; the unique constraint on (request, offset, recipient) makes a
    second run (or a concurrent one, which waits on the index and then fails)
    skip it. The mail goes out only after that row is committed. If sending
    fails, the row is deleted again so the next run retries. The trade-off: a
    crash in the instant between the commit and the SMTP hand-off loses that
    one reminder (at most once) — we prefer a rare missed reminder to
    suppliers receiving duplicates from a public body. Must not be called
    inside an open transaction (the task does not).
    """
    sent = 0
    candidates = DueDiligenceRequest.objects.filter(status__in=REMINDED, deadline__isnull=False).select_related(
        "case__organization", "case__contract__responsible", "created_by", "contact"
    )
    for req in candidates:
        offset = due_offset(req.deadline, today, req.sent_on)
        if offset is None:
            continue
        for recipient, email in _recipients(req):
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        request=req, offset_days=offset, recipient=recipient, email=email, sent_at=moment(today)
                    )
            except IntegrityError:
                continue  # already sent by this or another run
            subject, body = reminder_mail(req, offset, recipient)
            try:
                send_mail(subject, body, None, [email])
            except Exception:
                logger.exception("Reminder %s could not be sent; it will be retried on the next run", reminder.pk)
                Reminder.objects.filter(pk=reminder.pk).delete()
                continue
            sent += 1
    return sent


def run_daily(today: date) -> dict[str, int]:
    """The daily task's work, with 'today' passed in so tests can choose the day."""
    return {"overdue": mark_overdue(today), "reminders": send_due_reminders(today)}
