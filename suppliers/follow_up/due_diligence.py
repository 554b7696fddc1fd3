"""Due-diligence requests: create a letter from a template, send it, move it between states, record the answer.

The states of a request and where each may go next are in TRANSITIONS below,
the one place they are defined. Every change of state goes through
`transition()`, which writes a RequestEvent with who, when and why.

    utkast ──send──▶ sendt ──▶ purret ──▶ besvart ──▶ under_vurdering ──▶ godkjent ──▶ lukket
                       │          │          ▲   │              │
                       ▼          ▼          │   └──────────────┴──▶ oppfolging_kreves ──send──▶ sendt (new round)
                     forfalt ─────┴──────────┘                               │
                       │ (the daily task, when the deadline has passed)      ▼
                       └──▶ eskalert ──▶ besvart | lukket                 eskalert | lukket

    sendt | purret | forfalt | eskalert ──▶ avslått (åpenhetsloven § 6: a refusal on one of the
    law's grounds) ──▶ oppfolging_kreves | lukket; forfalt ──▶ sendt when the deadline moves
    later (a received day or an extension notice recorded after the fact).

Deadlines: for an information request under åpenhetsloven § 6, the law's own
period counted from the day the supplier *received* the request (the sent day
until the follower records another), or the longer period when the supplier
gave notice within the first; 4 months for every other kind (Bergen's
practice). The periods are dated rule rows (transparency_act.periods_on). The
deadline is set when the letter is sent and can be changed on the form.

Reminders and the daily run are in suppliers/follow_up/reminders.py; the letter
text and its placeholders in letters.py; checks on uploaded files in uploads.py.
"""

import uuid
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import StaleEdit, bump
from core.dates import add_months
from suppliers.follow_up import transparency_act
from suppliers.follow_up.letters import fill_placeholders, format_date, placeholder_values
from suppliers.follow_up.uploads import Upload
from suppliers.models import (
    Attachment,
    DueDiligenceRequest,
    LetterTemplate,
    RequestEvent,
    RequestType,
    Response,
)

S = DueDiligenceRequest.Status

# Where each status may go next. Sending (utkast/oppfolging_kreves → sendt) goes
# through send_request(), which also sets the dates; logging an answer goes through
# log_response(); the daily task moves sendt/purret → forfalt.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SENT, S.CLOSED},
    S.SENT: {S.CHASED, S.ANSWERED, S.REFUSED, S.OVERDUE, S.CLOSED},
    S.CHASED: {S.ANSWERED, S.REFUSED, S.OVERDUE, S.CLOSED},
    # Back to sendt only when the deadline moved later (see _reopen_if_no_longer_overdue).
    S.OVERDUE: {S.SENT, S.CHASED, S.ANSWERED, S.REFUSED, S.ESCALATED, S.CLOSED},
    S.ESCALATED: {S.ANSWERED, S.REFUSED, S.CLOSED},
    S.REFUSED: {S.FOLLOW_UP_REQUIRED, S.CLOSED},
    S.ANSWERED: {S.UNDER_REVIEW, S.APPROVED, S.FOLLOW_UP_REQUIRED},
    S.UNDER_REVIEW: {S.APPROVED, S.FOLLOW_UP_REQUIRED},
    S.FOLLOW_UP_REQUIRED: {S.SENT, S.ESCALATED, S.CLOSED},
    S.APPROVED: {S.CLOSED},
    S.CLOSED: set(),
}
# States from which the letter may be (re)sent, and in which an answer may be logged.
SENDABLE = {S.DRAFT, S.FOLLOW_UP_REQUIRED}
ANSWERABLE = {s for s, targets in TRANSITIONS.items() if S.ANSWERED in targets}
# Waiting for the supplier: these become forfalt after the deadline and get reminders.
AWAITING = {S.SENT, S.CHASED}
REMINDED = {S.SENT, S.CHASED, S.OVERDUE}

DEFAULT_DEADLINE_MONTHS = 4
# The request's åpenhetsloven § 6 record: received day, extension notice, refusal.
TRANSPARENCY_FIELDS = (
    "received_on",
    "extension_notified_on",
    "extension_reason",
    "extension_source",
    "refused_on",
    "refusal_ground",
    "refusal_note",
)


# ---------------------------------------------------------------- deadlines


def default_deadline(request_type: str, sent_on: date) -> date:
    if request_type == RequestType.TRANSPARENCY_ACT:
        # The law's own period, from the rule rows (received = sent until a received date is recorded).
        return transparency_act.answer_due(sent_on, transparency_act.periods_on(sent_on))
    return add_months(sent_on, DEFAULT_DEADLINE_MONTHS)


def proposed_deadline(req: DueDiligenceRequest, today: date) -> date:
    """The deadline the send form proposes.

    A draft keeps the deadline it was made with unless that has become too
    short; a new round (after oppfølging kreves) starts afresh.
    """
    if req.status == S.DRAFT and req.deadline and req.deadline > today:
        return req.deadline
    return default_deadline(req.request_type, today)


# ---------------------------------------------------------------- writes


def moment(on: date | None) -> datetime:
    """Now, or noon of another day (a back-dated entry, or a test's chosen 'today')."""
    if on is None or on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(12, 0)))


def _event(req, from_status, to_status, user, comment="", on: date | None = None) -> RequestEvent:
    when = moment(on)
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
        subject=fill_placeholders(
            template.subject, values, max_length=DueDiligenceRequest._meta.get_field("subject").max_length
        ),
        body=fill_placeholders(template.body, values),
        questions=[fill_placeholders(q, values) for q in template.questions],
        contact=contact,
        remind_supplier=remind_supplier,
        deadline=deadline,
        created_by=user,
    )
    req.co_signers.set(co_signers)
    _event(req, "", S.DRAFT, user, _("Utkast laget fra malen «%(name)s».") % {"name": template.name}, on=today)
    return req


@transaction.atomic
def update_draft(
    *, req: DueDiligenceRequest, user, data: dict, co_signers=None, version: int | None = None
) -> DueDiligenceRequest:
    """version: the draft's version its form was opened with (always sent by the form; None: the demo)."""
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    if current.status != S.DRAFT:
        raise ValidationError(_("Bare utkast kan endres. Brevet er allerede sendt."))
    if version is not None and current.version != version:
        raise StaleEdit(current)
    bump(current)
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
    # A new round is a new request: received on the day it is sent until the follower says otherwise,
    # and no notice or refusal carried over from the round before.
    current.received_on = sent_on
    current.extension_notified_on, current.extension_reason, current.extension_source = None, "", ""
    current.refused_on, current.refusal_ground, current.refusal_note = None, "", ""
    current.save(update_fields=["sent_on", "deadline", "subject", "body", *TRANSPARENCY_FIELDS])
    note = _("Svarfrist %(date)s.") % {"date": format_date(deadline)}
    transition(req=current, to_status=S.SENT, user=user, comment=f"{note} {comment}".strip(), on=sent_on)
    current.refresh_from_db()
    return current


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
            to_status=S.ANSWERED,
            user=user,
            comment=_("Svar mottatt %(date)s.") % {"date": format_date(received_on)},
            on=received_on,
        )
    except Exception:
        for stored in saved:
            default_storage.delete(stored)
        raise
    return response


# ---------------------------------------------------------------- åpenhetsloven § 6: received day, extension, refusal


def check_transparency_request(req: DueDiligenceRequest, allowed: set[str]) -> None:
    """Refuses unless the request is under åpenhetsloven § 6 and in one of the allowed states."""
    if req.request_type != RequestType.TRANSPARENCY_ACT:
        raise ValidationError(_("Dette gjelder bare informasjonskrav etter åpenhetsloven § 6."))
    if req.status not in allowed:
        raise ValidationError(
            _("Det kan ikke registreres på en forespørsel med status «%(status)s».")
            % {"status": req.get_status_display()}
        )


def _locked_transparency_request(req: DueDiligenceRequest, allowed: set[str]) -> DueDiligenceRequest:
    current = DueDiligenceRequest.objects.select_for_update().get(pk=req.pk)
    check_transparency_request(current, allowed)
    return current


def _check_day(day: date, current: DueDiligenceRequest, today: date, *, what: str, after: date | None = None) -> None:
    """A day the follower or the supplier types: not in the future, not before the letter went (or arrived)."""
    if day > today:
        raise ValidationError(_("%(what)s kan ikke være i fremtiden.") % {"what": what})
    earliest = after or current.sent_on
    if earliest and day < earliest:
        raise ValidationError(_("%(what)s kan ikke være før %(date)s.") % {"what": what, "date": format_date(earliest)})


def transparency_deadline(current: DueDiligenceRequest) -> date:
    """The law's deadline for the request as recorded: from the received day, longer after a valid notice."""
    received = current.received_on or current.sent_on
    periods = transparency_act.periods_on(received)
    if current.extension_notified_on:
        return transparency_act.extended_due(received, periods)
    return transparency_act.answer_due(received, periods)


def _reopen_if_no_longer_overdue(current: DueDiligenceRequest, user, today: date) -> None:
    if current.status == S.OVERDUE and current.deadline >= today:
        transition(
            req=current,
            to_status=S.SENT,
            user=user,
            comment=_("Ny svarfrist %(date)s.") % {"date": format_date(current.deadline)},
            on=today,
        )


@transaction.atomic
def set_received_on(
    *, req: DueDiligenceRequest, user, received_on: date, today: date | None = None
) -> DueDiligenceRequest:
    """The day the supplier received the request; the deadline is counted again from it."""
    today = today or timezone.localdate()
    current = _locked_transparency_request(req, ANSWERABLE)
    _check_day(received_on, current, today, what=_("Mottatt dato"))
    notified = current.extension_notified_on
    if notified and not transparency_act.extension_allowed(
        received_on, notified, transparency_act.periods_on(received_on)
    ):
        raise ValidationError(
            _(
                "Med mottatt dato %(received)s kom varselet om utsatt frist (%(notified)s) utenfor den ordinære "
                "svarfristen, og fristen kan da ikke forlenges. Sjekk datoene."
            )
            % {"received": format_date(received_on), "notified": format_date(notified)}
        )
    current.received_on = received_on
    current.deadline = transparency_deadline(current)
    current.save(update_fields=["received_on", "deadline"])
    _reopen_if_no_longer_overdue(current, user, today)
    current.refresh_from_db()
    return current


# The supplier may give notice while it has not answered: the request is still waiting.
EXTENDABLE = AWAITING | {S.OVERDUE}


@transaction.atomic
def record_extension(
    *,
    req: DueDiligenceRequest,
    user,
    notified_on: date,
    reason: str,
    source: str = DueDiligenceRequest.ExtensionSource.OFFICER,
    today: date | None = None,
) -> DueDiligenceRequest:
    """The supplier's notice that it will answer within the longer period; only within the ordinary one."""
    today = today or timezone.localdate()
    current = _locked_transparency_request(req, EXTENDABLE)
    if current.extension_notified_on:
        raise ValidationError(
            _("Utsatt frist er allerede varslet (%(date)s).") % {"date": format_date(current.extension_notified_on)}
        )
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor leverandøren trenger mer tid, og når svaret kommer."))
    received = current.received_on or current.sent_on
    _check_day(notified_on, current, today, what=_("Datoen for varselet"), after=received)
    periods = transparency_act.periods_on(received)
    if not transparency_act.extension_allowed(received, notified_on, periods):
        raise ValidationError(
            _(
                "Varselet om utsatt frist kom %(notified)s, etter den ordinære svarfristen %(due)s. Etter "
                "åpenhetsloven § 6 kan fristen bare forlenges når leverandøren varsler innen den, så svarfristen "
                "står."
            )
            % {
                "notified": format_date(notified_on),
                "due": format_date(transparency_act.answer_due(received, periods)),
            }
        )
    current.extension_notified_on, current.extension_reason = notified_on, reason.strip()[:5000]
    current.extension_source = source
    current.deadline = transparency_deadline(current)
    current.save(update_fields=["extension_notified_on", "extension_reason", "extension_source", "deadline"])
    _reopen_if_no_longer_overdue(current, user, today)
    current.refresh_from_db()
    return current


@transaction.atomic
def record_refusal(
    *,
    req: DueDiligenceRequest,
    user,
    refused_on: date,
    ground: str,
    note: str,
    today: date | None = None,
) -> DueDiligenceRequest:
    """A refusal on one of åpenhetsloven § 6's grounds: the request's outcome, no longer waiting for an answer."""
    today = today or timezone.localdate()
    current = _locked_transparency_request(req, ANSWERABLE)
    if ground not in DueDiligenceRequest.RefusalGround.values:
        raise ValidationError(_("Velg hvilket grunnlag i åpenhetsloven § 6 avslaget bygger på."))
    if not note.strip():
        raise ValidationError(_("Skriv leverandørens begrunnelse for avslaget."))
    _check_day(refused_on, current, today, what=_("Datoen for avslaget"), after=current.received_on)
    current.refused_on, current.refusal_ground, current.refusal_note = refused_on, ground, note.strip()[:5000]
    current.save(update_fields=["refused_on", "refusal_ground", "refusal_note"])
    transition(
        req=current,
        to_status=S.REFUSED,
        user=user,
        comment=_("Avslått: %(ground)s.") % {"ground": current.get_refusal_ground_display()},
        on=refused_on,
    )
    current.refresh_from_db()
    return current


# ---------------------------------------------------------------- the daily task: deadlines passed


def mark_overdue(today: date) -> int:
    """sendt/purret past their deadline become forfalt, with an event by the system (user empty)."""
    count = 0
    overdue = DueDiligenceRequest.objects.filter(status__in=AWAITING, deadline__lt=today).values_list("pk", flat=True)
    for pk in list(overdue):
        req = DueDiligenceRequest(pk=pk)
        try:
            transition(
                req=req,
                to_status=S.OVERDUE,
                user=None,
                comment=_("Svarfristen gikk ut uten svar."),
                on=today,
            )
        except ValidationError:
            continue  # answered or changed by someone else meanwhile
        count += 1
    return count


# ---------------------------------------------------------------- what a person may do by hand

# Targets with their own form: sending sets the dates, an answer is logged on its own page.
MANUAL_TARGETS_EXCLUDED = {S.SENT, S.ANSWERED, S.REFUSED}


def manual_targets(req: DueDiligenceRequest) -> list[tuple[str, str]]:
    """The states a follower may move the request to on the status form, in the order of the Status enum."""
    targets = TRANSITIONS.get(req.status, set()) - MANUAL_TARGETS_EXCLUDED
    return [(s.value, s.label) for s in S if s in targets]


def check_manual_target(to_status: str) -> None:
    if to_status in MANUAL_TARGETS_EXCLUDED:
        raise ValidationError(
            _(
                "Bruk «Send» for å sende brevet, «Registrer svar» for å registrere et svar og «Registrer avslag» "
                "for et avslag etter åpenhetsloven § 6."
            )
        )
