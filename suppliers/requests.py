"""Due-diligence requests: letters from templates, their states, deadlines and reminders.

The states of a request and where each may go next are in TRANSITIONS below,
the one place they are defined. Every change of state goes through
`transition()`, which writes a RequestEvent with who, when and why.

    utkast ──send──▶ sendt ──▶ purret ──▶ besvart ──▶ under_vurdering ──▶ godkjent ──▶ lukket
                       │          │          ▲   │              │
                       ▼          ▼          │   └──────────────┴──▶ oppfolging_kreves ──send──▶ sendt (new round)
                     forfalt ─────┴──────────┘                               │
                       │ (the daily task, when the deadline has passed)      ▼
                       └──▶ eskalert ──▶ besvart | lukket                 eskalert | lukket

Deadlines: 3 weeks for an information request under åpenhetsloven § 6 (the
law's own deadline), 4 months for every other kind (Bergen's practice). The
deadline is set when the letter is sent and can be changed on the form.

Reminders: the daily task e-mails the contract follower (and the supplier's
contact where the request says so) REMINDER_OFFSETS days relative to the
deadline. See `send_due_reminders` for how "exactly once" is kept.
"""

import calendar
import logging
import string
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from suppliers.models import (
    Attachment,
    DueDiligenceRequest,
    LetterTemplate,
    Reminder,
    RequestEvent,
    RequestType,
    Response,
)

logger = logging.getLogger(__name__)

S = DueDiligenceRequest.Status

# Where each status may go next. Sending (utkast/oppfolging_kreves → sendt) goes
# through send_request(), which also sets the dates; logging an answer goes through
# log_response(); the daily task moves sendt/purret → forfalt.
TRANSITIONS: dict[str, set[str]] = {
    S.UTKAST: {S.SENDT, S.LUKKET},
    S.SENDT: {S.PURRET, S.BESVART, S.FORFALT, S.LUKKET},
    S.PURRET: {S.BESVART, S.FORFALT, S.LUKKET},
    S.FORFALT: {S.PURRET, S.BESVART, S.ESKALERT, S.LUKKET},
    S.ESKALERT: {S.BESVART, S.LUKKET},
    S.BESVART: {S.UNDER_VURDERING, S.GODKJENT, S.OPPFOLGING_KREVES},
    S.UNDER_VURDERING: {S.GODKJENT, S.OPPFOLGING_KREVES},
    S.OPPFOLGING_KREVES: {S.SENDT, S.ESKALERT, S.LUKKET},
    S.GODKJENT: {S.LUKKET},
    S.LUKKET: set(),
}
# States from which the letter may be (re)sent, and in which an answer may be logged.
SENDABLE = {S.UTKAST, S.OPPFOLGING_KREVES}
ANSWERABLE = {s for s, targets in TRANSITIONS.items() if S.BESVART in targets}
# Waiting for the supplier: these become forfalt after the deadline and get reminders.
AWAITING = {S.SENDT, S.PURRET}
REMINDED = {S.SENDT, S.PURRET, S.FORFALT}

TRANSPARENCY_ACT_DAYS = 21  # åpenhetsloven § 6: answer within three weeks
DEFAULT_DEADLINE_MONTHS = 4

# Days relative to the deadline at which reminders go out: a week before, on the day, a week after.
REMINDER_OFFSETS = (-7, 0, 7)

# The placeholders a template may use; anything else in {braces} is refused.
PLACEHOLDERS = {
    "leverandor": "supplier name",
    "kontrakt": "contract title",
    "frist": "answer deadline",
    "oppdragsgiver": "our organisation",
    "avsendere": "our organisation and the co-signers, for the signature of a joint letter",
    "kontaktperson": "the supplier contact's name",
    "dato": "today's date",
}


# ---------------------------------------------------------------- deadlines


def add_months(day: date, months: int) -> date:
    """Calendar months later; the 31st of a shorter month becomes its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_deadline(request_type: str, sent_on: date) -> date:
    if request_type == RequestType.TRANSPARENCY_ACT:
        return sent_on + timedelta(days=TRANSPARENCY_ACT_DAYS)
    return add_months(sent_on, DEFAULT_DEADLINE_MONTHS)


def format_date(day: date | None) -> str:
    return formats.date_format(day, "j. F Y") if day else ""


# ---------------------------------------------------------------- placeholders


# A filled letter never needs more than this; templates are short and the values are names
# and dates. The cap keeps one template from producing megabytes per letter.
MAX_FILLED_CHARS = 20_000
SUBJECT_MAX_LENGTH = DueDiligenceRequest._meta.get_field("subject").max_length


def placeholder_names(text: str) -> set[str]:
    """Names used as {name}; a malformed brace or any formatting ({name:>99}, {name!r}) is a ValidationError.

    str.format would honour a format spec, so `{leverandor:>20000000}` made a
    20-million-character letter: only the bare name is allowed.
    """
    names = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            if spec or conversion:
                raise ValidationError(
                    _("Plassholderen {%(name)s} kan ikke ha formatering. Skriv den som {%(name)s} uten tillegg.")
                    % {"name": name}
                )
            names.add(name)
    except ValueError as exc:
        raise ValidationError(_("Teksten har en krøllparentes som ikke er lukket: %(error)s") % {"error": exc}) from exc
    return names


def check_placeholders(*texts: str) -> None:
    unknown = set().union(*(placeholder_names(t) for t in texts)) - PLACEHOLDERS.keys()
    if unknown:
        raise ValidationError(
            _("Ukjent plassholder: %(names)s. Tillatte er: %(allowed)s.")
            % {
                "names": ", ".join(f"{{{n}}}" for n in sorted(unknown)),
                "allowed": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            }
        )


def fill_placeholders(text: str, values: dict[str, str], *, max_length: int = MAX_FILLED_CHARS) -> str:
    check_placeholders(text)
    filled = text.format_map(values)
    if len(filled) > max_length:
        raise ValidationError(
            _(
                "Teksten blir %(length)s tegn lang når plassholderne er fylt ut, men kan være høyst %(max)s. "
                "Kort ned malen (eller kontraktens tittel) og prøv igjen."
            )
            % {"length": len(filled), "max": max_length}
        )
    return filled


def join_names(names: list[str]) -> str:
    """«A», «A og B», «A, B og C»."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s og %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def placeholder_values(*, case, contact, deadline: date | None, today: date, co_signers=()) -> dict[str, str]:
    return {
        "avsendere": join_names([case.organization.name, *(o.name for o in co_signers)]),
        "leverandor": case.supplier.name,
        "kontrakt": case.contract.title if case.contract_id else "",
        "frist": format_date(deadline),
        "oppdragsgiver": case.organization.name,
        "kontaktperson": contact.name if contact else "",
        "dato": format_date(today),
    }


# ---------------------------------------------------------------- writes


def _moment(on: date | None) -> datetime:
    """Now, or noon of another day (a back-dated entry, or a test's chosen 'today')."""
    if on is None or on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(12, 0)))


def _event(req, from_status, to_status, user, comment="", on: date | None = None) -> RequestEvent:
    when = _moment(on)
    return RequestEvent.objects.create(
        request=req, from_status=from_status, to_status=to_status, user=user, comment=comment, created_at=when
    )


@transaction.atomic
def create_request(
    *,
    case,
    user,
    template: LetterTemplate,
    contact=None,
    co_signers=(),
    remind_supplier: bool = False,
    deadline: date | None = None,
    today: date | None = None,
) -> DueDiligenceRequest:
    """A draft letter from a template, with the placeholders filled in for this case."""
    today = today or timezone.localdate()
    deadline = deadline or default_deadline(template.request_type, today)
    values = placeholder_values(case=case, contact=contact, deadline=deadline, today=today, co_signers=co_signers)
    req = DueDiligenceRequest.objects.create(
        case=case,
        request_type=template.request_type,
        template=template,
        subject=fill_placeholders(template.subject, values, max_length=SUBJECT_MAX_LENGTH),
        body=fill_placeholders(template.body, values),
        questions=[fill_placeholders(q, values) for q in template.questions],
        contact=contact,
        remind_supplier=remind_supplier,
        deadline=deadline,
        created_by=user,
    )
    req.co_signers.set(co_signers)
    _event(req, "", S.UTKAST, user, _("Utkast laget fra malen «%(name)s».") % {"name": template.name}, on=today)
    return req


@transaction.atomic
def update_draft(*, req: DueDiligenceRequest, user, data: dict, co_signers=None) -> DueDiligenceRequest:
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    if current.status != S.UTKAST:
        raise ValidationError(_("Bare utkast kan endres. Brevet er allerede sendt."))
    for name, value in data.items():
        setattr(current, name, value)
    current.save()
    if co_signers is not None:
        current.co_signers.set(co_signers)
    return current


@transaction.atomic
def transition(
    *, req: DueDiligenceRequest, to_status: str, user, comment: str = "", on: date | None = None
) -> DueDiligenceRequest:
    """The one way a request changes state; refuses what TRANSITIONS does not allow."""
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    if to_status not in TRANSITIONS.get(current.status, set()):
        raise ValidationError(
            _("En forespørsel med status «%(from)s» kan ikke få status «%(to)s».")
            % {"from": current.get_status_display(), "to": S(to_status).label if to_status in S.values else to_status}
        )
    from_status = current.status
    current.status = to_status
    current.save(update_fields=["status"])
    _event(current, from_status, to_status, user, comment, on)
    req.status = current.status
    return current


@transaction.atomic
def send_request(
    *, req: DueDiligenceRequest, user, sent_on: date, deadline: date | None = None, comment: str = ""
) -> DueDiligenceRequest:
    """Send (or re-send, for a new round): sets the dates and records the deadline in the event."""
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    if current.status not in SENDABLE:
        raise ValidationError(
            _("En forespørsel med status «%(from)s» kan ikke sendes.") % {"from": current.get_status_display()}
        )
    deadline = deadline or default_deadline(current.request_type, sent_on)
    if deadline <= sent_on:
        raise ValidationError(_("Svarfristen må være etter datoen brevet sendes."))
    old_deadline = current.deadline
    if old_deadline and old_deadline != deadline:
        # The letter text was filled with the draft's deadline; keep it in step with the real one.
        current.subject = current.subject.replace(format_date(old_deadline), format_date(deadline))
        current.body = current.body.replace(format_date(old_deadline), format_date(deadline))
    current.sent_on, current.deadline = sent_on, deadline
    current.save(update_fields=["sent_on", "deadline", "subject", "body"])
    note = _("Svarfrist %(date)s.") % {"date": format_date(deadline)}
    transition(req=current, to_status=S.SENDT, user=user, comment=f"{note} {comment}".strip(), on=sent_on)
    current.refresh_from_db()
    return current


@dataclass(frozen=True)
class Upload:
    """A file that passed suppliers.uploads.check_upload."""

    file: object
    original_name: str
    content_type: str
    size: int
    sha256: str
    extension: str


@transaction.atomic
def log_response(
    *,
    req: DueDiligenceRequest,
    user,
    received_on: date,
    answers: list[str],
    text: str = "",
    assessment: str = "",
    reasoning: str = "",
    uploads: list[Upload] = (),
) -> Response:
    """The supplier's answer with its files; the request moves to besvart. All or nothing."""
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    if current.status not in ANSWERABLE:
        raise ValidationError(
            _("Et svar kan ikke registreres på en forespørsel med status «%(status)s».")
            % {"status": current.get_status_display()}
        )
    if current.sent_on and received_on < current.sent_on:
        raise ValidationError(_("Svaret kan ikke være mottatt før brevet ble sendt."))
    if not (text.strip() or any(a.strip() for a in answers) or uploads):
        raise ValidationError(_("Skriv inn svaret eller legg ved minst én fil."))
    response = Response.objects.create(
        request=current,
        received_on=received_on,
        # One entry per question of the letter, so the answer is read against what was asked.
        answers=[
            {"question": q, "answer": answers[i] if i < len(answers) else ""} for i, q in enumerate(current.questions)
        ],
        text=text,
        assessment=assessment,
        reasoning=reasoning,
        logged_by=user,
    )
    # Files written before a failure are removed again, so a refused response leaves nothing behind.
    saved: list[str] = []
    try:
        for upload in uploads:
            name = default_storage.generate_filename(f"private/attachments/{uuid.uuid4().hex}{upload.extension}")
            upload.file.seek(0)
            stored = default_storage.save(name, upload.file)
            saved.append(stored)
            Attachment.objects.create(
                response=response,
                file=stored,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size_bytes=upload.size,
                sha256=upload.sha256,
            )
        transition(
            req=current,
            to_status=S.BESVART,
            user=user,
            comment=_("Svar mottatt %(date)s.") % {"date": format_date(received_on)},
            on=received_on,
        )
    except Exception:
        for stored in saved:
            default_storage.delete(stored)
        raise
    return response


# ---------------------------------------------------------------- the daily run


def mark_overdue(today: date) -> int:
    """sendt/purret past their deadline become forfalt, with an event by the system (user empty)."""
    count = 0
    overdue = DueDiligenceRequest.objects.filter(status__in=AWAITING, deadline__lt=today).values_list("pk", flat=True)
    for pk in list(overdue):
        req = DueDiligenceRequest(pk=pk)
        try:
            transition(
                req=req,
                to_status=S.FORFALT,
                user=None,
                comment=_("Svarfristen gikk ut uten svar."),
                on=today,
            )
        except ValidationError:
            continue  # answered or changed by someone else meanwhile
        count += 1
    return count


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


def _reminder_text(req: DueDiligenceRequest, offset: int, recipient: str) -> tuple[str, str]:
    values = {"subject": req.subject, "deadline": format_date(req.deadline), "org": req.case.organization.name}
    if offset < 0:
        subject = _("Påminnelse: svarfrist %(deadline)s for «%(subject)s»") % values
    elif offset == 0:
        subject = _("Svarfristen er i dag for «%(subject)s»") % values
    else:
        subject = _("Svarfristen for «%(subject)s» gikk ut %(deadline)s") % values
    if recipient == Reminder.Recipient.SUPPLIER:
        body = (
            _(
                "Vi minner om forespørselen «%(subject)s» fra %(org)s med svarfrist %(deadline)s. "
                "Har dere allerede svart, kan dere se bort fra denne påminnelsen."
            )
            % values
        )
    else:
        body = _(
            "Forespørselen «%(subject)s» i saken «%(case)s» har svarfrist %(deadline)s og status %(status)s. "
            "Registrer svaret i saken når det kommer, eller vurder neste steg."
        ) % {**values, "case": req.case.title, "status": req.get_status_display()}
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
                        request=req, offset_days=offset, recipient=recipient, email=email, sent_at=_moment(today)
                    )
            except IntegrityError:
                continue  # already sent by this or another run
            subject, body = _reminder_text(req, offset, recipient)
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
