"""Read queries of follow-up cases: the case list, the page context every case page shares, the start-page panel."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from suppliers.follow_up import due_diligence, transparency_act
from suppliers.follow_up.access import editable_cases, is_owner, may_change, visible_cases, visible_templates
from suppliers.follow_up.answer_page import selectors as answer_page_selectors
from suppliers.models import Case, CaseShare, CorrectiveAction, Deviation, DueDiligenceRequest, RequestType

HOME_PANEL_SIZE = 8
S = DueDiligenceRequest.Status


# ---------------------------------------------------------------- the case list


def _count(model, status_filter: Q):
    rows = (
        model.objects.filter(status_filter, case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def case_rows(request) -> QuerySet:
    """The cases this organisation sees, with our access to a shared one and the counts the list shows."""
    my_share = CaseShare.objects.filter(case=OuterRef("pk"), organization=request.organization).values("access")[:1]
    return (
        visible_cases(request)
        .select_related("organization", "supplier", "contract")
        .annotate(
            share_access=Subquery(my_share),
            # A § 6 refusal is an outcome like a closed request: nothing is awaited from the supplier.
            open_requests=_count(DueDiligenceRequest, ~Q(status__in=(S.CLOSED, S.REFUSED))),
            overdue_requests=_count(DueDiligenceRequest, Q(status=S.OVERDUE)),
            open_deviations=_count(Deviation, Q(status=Deviation.Status.OPEN)),
        )
    )


# ---------------------------------------------------------------- what every case page shows


def case_context(request, case: Case) -> dict:
    """The case header: the case, whether we own it, and whether we may change or reopen it."""
    changeable = may_change(request, case)
    owner = is_owner(request, case)
    return {
        "case": case,
        "is_owner": owner,
        "may_edit": case.status == Case.Status.OPEN and changeable,
        "may_reopen": case.status == Case.Status.CLOSED and changeable and owner,
    }


def case_page(request, case: Case) -> dict:
    context = case_context(request, case)
    context.update(
        {
            "requests": case.requests.order_by("-created_at"),
            "deviations": case.deviations.select_related("obligation").annotate(
                action_count=Count("actions"),
                open_actions=Count("actions", filter=Q(actions__status=CorrectiveAction.Status.OPEN)),
            ),
            "escalations": case.escalations.order_by("-date", "-pk"),
            "shares": case.shares.select_related("organization").order_by("organization__name")
            if context["is_owner"]
            else (),
            "transitions": due_diligence.TRANSITIONS,
        }
    )
    return context


def request_page(request, req: DueDiligenceRequest) -> dict:
    """One letter with its history: every state change, the answers with their files, the reminders sent,
    the e-mails of the letter and its answer links."""
    events = list(req.events.select_related("user"))
    for event in events:
        event.to_label = S(event.to_status).label if event.to_status in S.values else event.to_status
    return {
        **case_context(request, req.case),
        "req": req,
        "co_signers": req.co_signers.order_by("name"),
        "events": events,
        "responses": req.responses.select_related("logged_by").prefetch_related("attachments"),
        "reminders": req.reminders.order_by("sent_at"),
        "targets": due_diligence.manual_targets(req),
        "may_send": req.status in due_diligence.SENDABLE,
        "may_answer": req.status in due_diligence.ANSWERABLE,
        **_transparency_act_actions(req),
        "may_email": req.status in due_diligence.SENDABLE | due_diligence.AWAITING | {S.OVERDUE},
        **answer_page_selectors.request_panel(req),
    }


def _transparency_act_actions(req: DueDiligenceRequest) -> dict:
    """What the follower may record on an åpenhetsloven § 6 request: received day, extension notice, refusal."""
    is_act = req.request_type == RequestType.TRANSPARENCY_ACT and req.sent_on is not None
    return {
        "is_transparency_act": is_act,
        "may_set_received": is_act and req.status in due_diligence.ANSWERABLE,
        "may_extend": is_act and req.status in due_diligence.EXTENDABLE and not req.extension_notified_on,
        "may_refuse": is_act and req.status in due_diligence.ANSWERABLE,
        # A deadline on a weekend or public holiday, said while the supplier still has to answer.
        "deadline_flag": transparency_act.flag_for(req.deadline) if req.status in due_diligence.ANSWERABLE else None,
    }


def template_groups(request) -> list[tuple[str, list]]:
    """The letter templates we may use, grouped by kind of request in the order of RequestType."""
    templates = list(
        visible_templates(request).select_related("organization").order_by("request_type", "organization", "name")
    )
    return [(label, [t for t in templates if t.request_type == value]) for value, label in RequestType.choices]


# ---------------------------------------------------------------- the start page


def deadlines_panel(request) -> dict:
    """Requests still waiting for the supplier in cases we work on, nearest deadline first, for the start page."""
    waiting = DueDiligenceRequest.objects.filter(
        case__in=editable_cases(request), status__in=due_diligence.REMINDED, deadline__isnull=False
    )
    return {
        "requests": list(waiting.select_related("case__supplier").order_by("deadline", "pk")[:HOME_PANEL_SIZE]),
        "total": waiting.count(),
        "today": timezone.localdate(),
    }
