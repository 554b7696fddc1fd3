"""Read queries of the supplier register, the contract portfolio and the follow-up start page."""

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models import Case as CaseWhen
from django.utils import timezone
from django.utils.functional import cached_property

from core.access import scoped
from criteria.models import Category
from procurement.models import Procurement
from suppliers.models import (
    Case,
    Certificate,
    Contract,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    PriorityAssessment,
    Supplier,
    SupplierProfile,
)
from suppliers.register.access import register_filter
from suppliers.register.services import AWARDED, may_edit_identity

PANEL_SIZE = 8
DEADLINE_DAYS = 30
ACTIVE_FOLLOWUP_MONTHS = 12
# A request still waiting for an answer; forfalt is the reminder job's mark for a passed deadline.
AWAITING_ANSWER = (DueDiligenceRequest.Status.SENT, DueDiligenceRequest.Status.CHASED)
CLOSED_REQUEST = (DueDiligenceRequest.Status.DRAFT, DueDiligenceRequest.Status.CLOSED)


# ---------------------------------------------------------------- suppliers and contracts


def profile_of(organization, supplier: Supplier) -> SupplierProfile:
    """The organisation's own view of the supplier; unsaved (version 0) until its first save."""
    found = SupplierProfile.objects.filter(organization=organization, supplier=supplier).first()
    return found or SupplierProfile(organization=organization, supplier=supplier, version=0)


def supplier_page(request, supplier: Supplier) -> dict:
    """Only the active organisation's own data about the supplier: its contacts, certificates, contracts and cases."""
    org = request.organization
    return {
        "supplier": supplier,
        "profile": profile_of(org, supplier),
        "is_owner": may_edit_identity(organization=org, supplier=supplier),
        "contacts": supplier.contacts.filter(organization=org),
        "certificates": supplier.certificates.filter(organization=org),
        "contracts": supplier.contracts.filter(organization=org).select_related("category"),
        "cases": Case.objects.filter(organization=org, supplier=supplier),
    }


def with_contract_counts(request, suppliers) -> list[Supplier]:
    """The suppliers of one page, each with contract_count: this organisation's contracts with it.

    Counted in one query restricted to the page's pks, so the cost does not grow with the
    register (a GROUP BY over every supplier of the register did).
    """
    rows = list(suppliers)
    counts = dict(
        Contract.suppliers.through.objects.filter(
            supplier_id__in=[s.pk for s in rows], contract__organization=request.organization
        )
        .values("supplier_id")
        .annotate(n=Count("contract_id", distinct=True))
        .values_list("supplier_id", "n")
    )
    for s in rows:
        s.contract_count = counts.get(s.pk, 0)
    return rows


def assessment_of(contract: Contract) -> PriorityAssessment | None:
    try:
        return contract.assessment
    except PriorityAssessment.DoesNotExist:
        return None


def contract_cases(request, contract: Contract) -> QuerySet:
    return Case.objects.filter(organization=request.organization, contract=contract).select_related("supplier")


def awarded_procurements(request) -> QuerySet:
    """This organisation's awarded procurements, which a contract can be made from."""
    return (
        scoped(request, Procurement)
        .filter(status__in=AWARDED)
        .select_related("category")
        .order_by("-year", "-sequence")
    )


def portfolio_categories(request) -> QuerySet:
    """The categories the organisation has contracts in, for the portfolio's filter."""
    return Category.objects.filter(pk__in=scoped(request, Contract).values("category_id")).order_by("position", "name")


def active_followup() -> ExpressionWrapper:
    """Whether a contract is being followed up actively, as an expression on Contract.

    Active follow-up means the contract has an open follow-up case with at least one
    due-diligence request that has gone out and is not closed (any status but utkast
    and lukket), or a case of the contract (open or closed) with an escalation step
    dated within the last ACTIVE_FOLLOWUP_MONTHS months.
    """
    since = timezone.localdate() - timedelta(days=round(ACTIVE_FOLLOWUP_MONTHS * 365.25 / 12))
    live_request = DueDiligenceRequest.objects.filter(
        case__contract=OuterRef("pk"), case__status=Case.Status.OPEN
    ).exclude(status__in=CLOSED_REQUEST)
    recent_escalation = EscalationStep.objects.filter(case__contract=OuterRef("pk"), date__gte=since)
    return ExpressionWrapper(Q(Exists(live_request)) | Q(Exists(recent_escalation)), output_field=BooleanField())


PRIORITY_RANK = CaseWhen(
    When(priority=Contract.Priority.HIGH, then=Value(0)),
    When(priority=Contract.Priority.MEDIUM, then=Value(1)),
    When(priority=Contract.Priority.LOW, then=Value(2)),
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
                    Q(priority=Contract.Priority.HIGH, end_date__gte=today, has_active_followup=False),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            ),
            priority_rank=PRIORITY_RANK,
        )
        .order_by("needs_attention", "priority_rank", "-priority_score", "end_date", "title", "pk")
    )


# Within one priority the portfolio's order; contract_portfolio_idx serves it for all but høy.
_WITHIN_PRIORITY = ("-priority_score", "end_date", "title", "pk")
_PRIORITY_ORDER = (Contract.Priority.HIGH, Contract.Priority.MEDIUM, Contract.Priority.LOW, "")


class PortfolioPages:
    """portfolio() (filtered) in the same order, for the Paginator, read one priority at a time.

    Sorting the whole portfolio by its computed keys (needs attention, priority rank) is
    linear in the contracts. But only a høy contract can need attention, so the order is
    høy (attention first), middels, lav, not assessed, each by score, end date, title:
    every priority but høy is an index range (organization, priority, -priority_score,
    end_date, title, id) a page is sliced from, and høy sorts only the høy contracts.
    One GROUP BY counts the priorities; one query per priority the page spans; one prefetch.
    """

    def __init__(self, qs: QuerySet):
        self.qs = qs.prefetch_related(None)

    def _counts(self) -> dict:
        rows = self.qs.order_by().values_list("priority").annotate(n=Count("pk", distinct=True))
        return dict(rows)

    @cached_property
    def segments(self) -> list[tuple[QuerySet, int]]:
        counts = self._counts()
        # A value outside the choices (PRIORITY_RANK ranks it with "not assessed") is listed last, not lost.
        order = [*_PRIORITY_ORDER, *sorted(set(counts) - set(_PRIORITY_ORDER))]
        return [(self._segment(priority), counts[priority]) for priority in order if counts.get(priority)]

    def _segment(self, priority) -> QuerySet:
        rows = self.qs.filter(priority=priority)
        if priority == Contract.Priority.HIGH:
            return rows.order_by("needs_attention", *_WITHIN_PRIORITY)
        return rows.order_by(*_WITHIN_PRIORITY)

    def count(self) -> int:
        return sum(n for _, n in self.segments)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Contract]:
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        rows, offset = [], 0
        for segment, n in self.segments:
            low, high = max(start - offset, 0), min(stop - offset, n)
            if low < high:
                rows.extend(segment[low:high])
            offset += n
        prefetch_related_objects(rows, "suppliers")
        return rows


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
        Q(status=DueDiligenceRequest.Status.OVERDUE) | Q(status__in=AWAITING_ANSWER, deadline__lt=today)
    ).order_by("deadline", "pk")
    upcoming = requests.filter(
        status__in=AWAITING_ANSWER, deadline__gte=today, deadline__lte=today + timedelta(days=DEADLINE_DAYS)
    ).order_by("deadline", "pk")
    deviations = (
        Deviation.objects.filter(case__organization=org, status=Deviation.Status.OPEN)
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
    return list(Supplier.objects.filter(register_filter(organization)).exclude(orgnr="").values_list("orgnr", "name"))
