"""Read queries of the supplier register, the contract portfolio and the follow-up start page."""

from datetime import timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as CaseWhen
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.access import get_for_org, scoped
from suppliers.models import (
    Case,
    Certificate,
    Contract,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    Supplier,
    SupplierContact,
)

PANEL_SIZE = 8
DEADLINE_DAYS = 30
ACTIVE_FOLLOWUP_MONTHS = 12
# A request still waiting for an answer; forfalt is the reminder job's mark for a passed deadline.
AWAITING_ANSWER = (DueDiligenceRequest.Status.SENDT, DueDiligenceRequest.Status.PURRET)
CLOSED_REQUEST = (DueDiligenceRequest.Status.UTKAST, DueDiligenceRequest.Status.LUKKET)


# ---------------------------------------------------------------- suppliers


def register_filter(organization) -> Q:
    """Which suppliers are in an organisation's register.

    A supplier is one record shared by every organisation (same organisasjonsnummer,
    same row), but each organisation's register lists only the suppliers it deals
    with: those it created or added by number (Supplier.registered_by), and those it
    has a contract, a follow-up case, a contact person or a certificate for. Nothing
    else is visible: another organisation's supplier is a 404 here.
    """
    return (
        Q(registered_by=organization)
        | Q(Exists(Contract.objects.filter(organization=organization, suppliers=OuterRef("pk"))))
        | Q(Exists(Case.objects.filter(organization=organization, supplier=OuterRef("pk"))))
        | Q(Exists(SupplierContact.objects.filter(organization=organization, supplier=OuterRef("pk"))))
        | Q(Exists(Certificate.objects.filter(organization=organization, supplier=OuterRef("pk"))))
    )


def register_suppliers(request) -> QuerySet:
    if request.organization is None:
        return Supplier.objects.none()
    # registered_by is a join; the subquery keeps one row per supplier.
    ids = Supplier.objects.filter(register_filter(request.organization)).values("pk")
    return Supplier.objects.filter(pk__in=ids)


def supplier_for(request, supplier_id: int) -> Supplier:
    return get_object_or_404(register_suppliers(request), pk=supplier_id)


def search_suppliers(qs: QuerySet, q: str) -> QuerySet:
    q = q.strip()
    if not q:
        return qs
    digits = "".join(q.split())
    return qs.filter(
        Q(name__icontains=q) | Q(orgnr__startswith=digits) | Q(foreign_id__icontains=q) | Q(address__icontains=q)
    )


def contact_for(request, contact_id: int) -> SupplierContact:
    return get_for_org(request, SupplierContact.objects.select_related("supplier"), pk=contact_id)


def certificate_for(request, certificate_id: int) -> Certificate:
    return get_for_org(request, Certificate.objects.select_related("supplier"), pk=certificate_id)


# ---------------------------------------------------------------- contracts


def contract_for(request, contract_id: int) -> Contract:
    return get_for_org(
        request,
        Contract.objects.select_related("category", "responsible", "procurement"),
        pk=contract_id,
    )


def active_followup() -> ExpressionWrapper:
    """Whether a contract is being followed up actively, as an expression on Contract.

    Active follow-up means the contract has an open follow-up case with at least one
    due-diligence request that has gone out and is not closed (any status but utkast
    and lukket), or a case of the contract (open or closed) with an escalation step
    dated within the last ACTIVE_FOLLOWUP_MONTHS months.
    """
    since = timezone.localdate() - timedelta(days=round(ACTIVE_FOLLOWUP_MONTHS * 365.25 / 12))
    live_request = DueDiligenceRequest.objects.filter(
        case__contract=OuterRef("pk"), case__status=Case.Status.AAPEN
    ).exclude(status__in=CLOSED_REQUEST)
    recent_escalation = EscalationStep.objects.filter(case__contract=OuterRef("pk"), date__gte=since)
    return ExpressionWrapper(Q(Exists(live_request)) | Q(Exists(recent_escalation)), output_field=BooleanField())


PRIORITY_RANK = CaseWhen(
    When(priority=Contract.Priority.HOY, then=Value(0)),
    When(priority=Contract.Priority.MIDDELS, then=Value(1)),
    When(priority=Contract.Priority.LAV, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def portfolio(request) -> QuerySet:
    """The organisation's contracts, most in need of attention first.

    needs_attention: priority høy, still running (end date today or later) and no
    active follow-up (see active_followup). Those come first; then priority
    (høy, middels, lav, not assessed), then score, highest first, then end date.
    """
    today = timezone.localdate()
    return (
        scoped(request, Contract)
        .select_related("category", "responsible")
        .prefetch_related("suppliers")
        .annotate(has_active_followup=active_followup())
        .annotate(
            needs_attention=CaseWhen(
                When(
                    Q(priority=Contract.Priority.HOY, end_date__gte=today, has_active_followup=False),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            ),
            priority_rank=PRIORITY_RANK,
        )
        .order_by("needs_attention", "priority_rank", "-priority_score", "end_date", "title", "pk")
    )


# ---------------------------------------------------------------- start page


def _panel(qs, size=PANEL_SIZE) -> dict:
    rows = list(qs[: size + 1])
    return {"rows": rows[:size], "more": len(rows) > size}


def start_page(request) -> dict:
    """Everything the follow-up start page lists; a fixed number of queries whatever the data size."""
    org = request.organization
    today = timezone.localdate()
    requests = DueDiligenceRequest.objects.filter(case__organization=org).select_related("case", "case__supplier")
    overdue = requests.filter(
        Q(status=DueDiligenceRequest.Status.FORFALT) | Q(status__in=AWAITING_ANSWER, deadline__lt=today)
    ).order_by("deadline", "pk")
    upcoming = requests.filter(
        status__in=AWAITING_ANSWER, deadline__gte=today, deadline__lte=today + timedelta(days=DEADLINE_DAYS)
    ).order_by("deadline", "pk")
    deviations = (
        Deviation.objects.filter(case__organization=org, status=Deviation.Status.AAPEN)
        .select_related("case", "case__supplier")
        .order_by("found_on", "pk")
    )
    certificates = (
        scoped(request, Certificate)
        .filter(valid_until__lte=today + timedelta(days=Certificate.WARN_DAYS), valid_until__gte=today)
        .select_related("supplier")
        .order_by("valid_until", "pk")
    )
    unattended = portfolio(request).filter(needs_attention=0)
    return {
        "overdue": _panel(overdue),
        "upcoming": _panel(upcoming),
        "deviations": _panel(deviations),
        "certificates": _panel(certificates),
        "unattended": _panel(unattended),
        "deadline_days": DEADLINE_DAYS,
        "warn_days": Certificate.WARN_DAYS,
    }


HOME_PANEL_SIZE = 5


def my_contracts_panel(request) -> dict:
    """The follower's own running contracts, the ones ending first on top, for the start page."""
    mine = scoped(request, Contract).filter(responsible=request.user, end_date__gte=timezone.localdate())
    return {
        "contracts": list(mine.select_related("category").order_by("end_date", "pk")[:HOME_PANEL_SIZE]),
        "total": mine.count(),
    }


def tenderers_in_register(organization) -> list[tuple[str, str]]:
    """(orgnr, name) of the Norwegian suppliers in the organisation's register, for the bid form."""
    ids = Supplier.objects.filter(register_filter(organization)).values("pk")
    return list(Supplier.objects.filter(pk__in=ids).exclude(orgnr="").values_list("orgnr", "name"))
