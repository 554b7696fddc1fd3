"""A case's story in date order: letters, reminders, answers, meetings, escalation, deviations.

Built from nine queries whatever the size of the case (one per kind of entry).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from suppliers.follow_up.letters import format_date
from suppliers.models import (
    AnswerLink,
    Case,
    CorrectiveAction,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    LetterSend,
    Reminder,
    RequestEvent,
    RequestType,
    Response,
)

S = DueDiligenceRequest.Status

# Request events worth telling; drafts and answers are told elsewhere (the answer entry).
EVENT_KINDS = {
    S.SENT: ("letter", gettext_lazy("Brev sendt")),
    S.CHASED: ("reminder", gettext_lazy("Purret")),
    S.OVERDUE: ("overdue", gettext_lazy("Svarfristen gikk ut")),
    S.UNDER_REVIEW: ("assessment", gettext_lazy("Svaret vurderes")),
    S.APPROVED: ("assessment", gettext_lazy("Svaret er godkjent")),
    S.FOLLOW_UP_REQUIRED: ("assessment", gettext_lazy("Oppfølging kreves")),
    S.ESCALATED: ("escalation", gettext_lazy("Forespørselen er eskalert")),
    S.REFUSED: ("answer", gettext_lazy("Avslått etter åpenhetsloven § 6")),
    S.CLOSED: ("closed", gettext_lazy("Forespørselen er lukket")),
}


@dataclass(frozen=True)
class Entry:
    day: date
    kind: (
        str  # letter, reminder, answer, meeting, escalation, deviation, action, overdue, assessment, closed, extension
    )
    title: str
    text: str = ""
    url: str = ""
    order: int = 0  # ties on the same day: letters before reminders before answers ...


def _request_url(case, request_id):
    return reverse("suppliers:request_detail", args=[case.pk, request_id])


def build(case: Case) -> list[Entry]:
    entries: list[Entry] = []

    # 1. Request events.
    for ev in RequestEvent.objects.filter(request__case=case, to_status__in=EVENT_KINDS).select_related("request"):
        kind, title = EVENT_KINDS[ev.to_status]
        text = ev.request.subject
        if ev.comment:
            text = f"{text} – {ev.comment}"
        if ev.to_status == S.REFUSED and ev.request.refusal_note:
            text = f"{text} {ev.request.refusal_note}"
        by = _("(automatisk)") if ev.user_id is None and ev.to_status == S.OVERDUE else ""
        entries.append(
            Entry(
                timezone.localdate(ev.created_at),
                kind,
                f"{title} {by}".strip(),
                text,
                _request_url(case, ev.request_id),
                1,
            )
        )

    # 2. Reminder e-mails the daily task sent.
    for reminder in Reminder.objects.filter(request__case=case).select_related("request"):
        title = (
            _("Påminnelse sendt til leverandøren")
            if reminder.recipient == Reminder.Recipient.SUPPLIER
            else _("Påminnelse sendt til kontraktsoppfølgeren")
        )
        entries.append(
            Entry(
                timezone.localdate(reminder.sent_at),
                "reminder",
                title,
                reminder.request.subject,
                _request_url(case, reminder.request_id),
                2,
            )
        )

    # 3. Answers.
    for response in (
        Response.objects.filter(request__case=case).select_related("request").annotate(files=Count("attachments"))
    ):
        parts = [response.request.subject]
        if response.assessment:
            parts.append(_("vurdert: %(a)s") % {"a": response.get_assessment_display().lower()})
        if response.files:
            parts.append(_("%(n)s vedlegg") % {"n": response.files})
        entries.append(
            Entry(
                response.received_on,
                "answer",
                _("Svar mottatt"),
                " – ".join(parts),
                _request_url(case, response.request_id),
                3,
            )
        )

    # 4. Meetings, new letters and the other escalation steps.
    for step in EscalationStep.objects.filter(case=case):
        kind = "meeting" if step.kind == EscalationStep.Kind.MEETING else "escalation"
        text = " – ".join(p for p in (step.with_whom, step.note) if p)
        entries.append(Entry(step.date, kind, step.get_kind_display(), text, "", 4))

    # 5. Deviations found and closed.
    for deviation in Deviation.objects.filter(case=case).select_related("obligation"):
        url = reverse("suppliers:deviation_detail", args=[case.pk, deviation.pk])
        text = deviation.title
        if deviation.obligation_id:
            text = f"{text} ({deviation.obligation})"
        entries.append(
            Entry(
                deviation.found_on,
                "deviation",
                _("Avvik (%(s)s)") % {"s": deviation.get_severity_display().lower()},
                text,
                url,
                5,
            )
        )
        if deviation.closed_on:
            entries.append(Entry(deviation.closed_on, "deviation", _("Avvik lukket"), deviation.title, url, 6))

    # 6. Corrective actions completed or waived.
    for action in CorrectiveAction.objects.filter(deviation__case=case, closed_on__isnull=False).select_related(
        "deviation"
    ):
        url = reverse("suppliers:deviation_detail", args=[case.pk, action.deviation_id])
        title = _("Tiltak utført") if action.status == CorrectiveAction.Status.DONE else _("Tiltak frafalt")
        text = action.description if not action.waiver_reason else f"{action.description} – {action.waiver_reason}"
        entries.append(Entry(action.closed_on, "action", title, text, url, 5))

    # 7. E-mails of letters that went out, and answer links the supplier opened (issue 17).
    for mail in LetterSend.objects.filter(request__case=case, status=LetterSend.Status.SENT).select_related("request"):
        entries.append(
            Entry(
                timezone.localdate(mail.sent_at),
                "letter",
                _("E-post sendt til leverandøren"),
                f"{mail.request.subject} – {', '.join(mail.recipients)}",
                _request_url(case, mail.request_id),
                1,
            )
        )
    for link in AnswerLink.objects.filter(request__case=case, first_opened_at__isnull=False).select_related("request"):
        entries.append(
            Entry(
                timezone.localdate(link.first_opened_at),
                "letter",
                _("Åpnet av leverandøren"),
                link.request.subject,
                _request_url(case, link.request_id),
                2,
            )
        )

    # 8. Åpenhetsloven § 6: a received day other than the sent day, and the supplier's extension notice.
    for req in DueDiligenceRequest.objects.filter(request_type=RequestType.TRANSPARENCY_ACT, case=case).filter(
        Q(extension_notified_on__isnull=False) | (Q(received_on__isnull=False) & ~Q(received_on=F("sent_on")))
    ):
        url = _request_url(case, req.pk)
        if req.received_on and req.received_on != req.sent_on:
            entries.append(Entry(req.received_on, "letter", _("Mottatt av leverandøren"), req.subject, url, 2))
        if req.extension_notified_on:
            text = _("%(subject)s – ny svarfrist %(deadline)s") % {
                "subject": req.subject,
                "deadline": format_date(req.deadline),
            }
            entries.append(
                Entry(
                    req.extension_notified_on,
                    "extension",
                    _("Leverandøren varslet utsatt frist (åpenhetsloven § 6)"),
                    f"{text} – {req.extension_reason}" if req.extension_reason else text,
                    url,
                    2,
                )
            )

    return sorted(entries, key=lambda e: (e.day, e.order))
