"""Reminder e-mails before and after a request's answer deadline, and the daily task's work.

The daily task e-mails the contract follower (and the supplier's contact where
the request says so) REMINDER_OFFSETS days relative to the deadline. The mail
text is in templates/suppliers/email/. See `send_due_reminders` for how
"exactly once" is kept.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

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


def _follow_up_members(requests) -> set[tuple[int, int]]:
    """(user, organisation) pairs that today hold a role with the follow-up capability; one query."""
    from core.models import Membership
    from core.roles import ROLE_CAPABILITIES, Capability

    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.FOLLOW_UP_CONTRACTS in caps]
    users = {
        u
        for req in requests
        for u in (req.created_by_id, req.case.contract.responsible_id if req.case.contract_id else None)
        if u
    }
    return set(Membership.objects.filter(user_id__in=users, role__in=roles).values_list("user_id", "organization_id"))


def _recipients(req: DueDiligenceRequest, members: set[tuple[int, int]]) -> list[tuple[str, str]]:
    follower = req.case.contract.responsible if req.case.contract_id and req.case.contract.responsible_id else None
    follower = follower or req.created_by
    out = []
    # Only someone who is still a member with the follow-up role: a removed member hears nothing more.
    if follower and follower.email and (follower.pk, req.case.organization_id) in members:
        out.append((Reminder.Recipient.FOLLOWER, follower.email))
    if req.remind_supplier and req.contact and req.contact.email:
        out.append((Reminder.Recipient.SUPPLIER, req.contact.email))
    return out


def _supplier_answer_url(req: DueDiligenceRequest) -> str:
    from suppliers.follow_up.answer_page import tokens

    latest = req.answer_links.order_by("-created_at").first()
    _link, token = tokens.issue(req=req, language=latest.language if latest else "nb")
    return settings.SITE_URL.rstrip("/") + reverse("answer_page:answer", args=[token])


def reminder_mail(req: DueDiligenceRequest, offset: int, recipient: str, answer_url: str = "") -> tuple[str, str]:
    """Subject and body of one reminder, from templates/suppliers/email/ (like the invitation mail)."""
    context = {
        "offset": offset,
        "subject": req.subject,
        "deadline": format_date(req.deadline),
        "org": req.case.organization.name,
        "case": req.case.title,
        "status": req.get_status_display(),
        "answer_url": answer_url,
    }
    subject = " ".join(render_to_string("suppliers/email/reminder_subject.txt", context).split())
    body_template = "supplier" if recipient == Reminder.Recipient.SUPPLIER else "follower"
    body = render_to_string(f"suppliers/email/reminder_{body_template}.txt", context).strip()
    return subject, body


def send_due_reminders(today: date) -> int:
    """E-mail each due reminder exactly once, even when two runs overlap.

    For each reminder the Reminder row is inserted first, in its own
    transaction; the unique constraint on (request, deadline, offset, recipient)
    makes a second run (or a concurrent one, which waits on the index and then
    fails) skip it, while a deadline moved later gets reminders of its own. The
    mail goes out only after that row is committed. If sending
    fails, the row is deleted again so the next run retries. The trade-off: a
    crash in the instant between the commit and the SMTP hand-off loses that
    one reminder (at most once) — we prefer a rare missed reminder to
    suppliers receiving duplicates from a public body. Must not be called
    inside an open transaction (the task does not).
    """
    sent = 0
    candidates = list(
        DueDiligenceRequest.objects.filter(status__in=REMINDED, deadline__isnull=False).select_related(
            "case__organization", "case__contract__responsible", "created_by", "contact"
        )
    )
    members = _follow_up_members(candidates)
    for req in candidates:
        offset = due_offset(req.deadline, today, req.sent_on)
        if offset is None:
            continue
        for recipient, email in _recipients(req, members):
            answer_url = ""
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        request=req,
                        deadline=req.deadline,
                        offset_days=offset,
                        recipient=recipient,
                        email=email,
                        sent_at=moment(today),
                    )
                    if recipient == Reminder.Recipient.SUPPLIER:
                        # A fresh answer link in each supplier reminder (only its hash is kept), made in
                        # the same transaction as the reminder row so a repeated run makes no second one.
                        answer_url = _supplier_answer_url(req)
            except IntegrityError:
                continue  # already sent by this or another run
            subject, body = reminder_mail(req, offset, recipient, answer_url)
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
