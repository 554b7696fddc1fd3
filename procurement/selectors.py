"""Read queries on procurements that more than one page uses."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from core.access import scoped
from criteria.selectors import applicable_criteria, search
from procurement import checklist, needs, rules
from procurement.models import NeedsAssessment, Procurement, Requirement
from procurement.numbering import number_sections

HOME_PANEL_SIZE = 5
OPEN_STATUSES = (
    Procurement.Status.DRAFT,
    Procurement.Status.PUBLISHED,
    Procurement.Status.EVALUATION,
    Procurement.Status.AWARDED,
)


def my_procurements_panel(request) -> dict:
    """The officer's own open procurements, newest first, for the start page."""
    mine = scoped(request, Procurement).filter(responsible=request.user, status__in=OPEN_STATUSES)
    return {
        "procurements": list(
            mine.select_related("category").annotate(requirement_count=requirement_count())[:HOME_PANEL_SIZE]
        ),
        "total": mine.count(),
    }


def requirement_count() -> Coalesce:
    """Requirements per procurement as a correlated subquery, not ``Count("requirements")``.

    A JOIN + GROUP BY aggregates every procurement's requirements before the page is
    cut, and makes the paginator's COUNT wrap the whole grouped query; the subquery is
    evaluated for the rows of the page only and is dropped from the COUNT.
    """
    counted = (
        Requirement.objects.filter(procurement=OuterRef("pk"))
        .order_by()
        .values("procurement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def filter_procurements(
    qs, *, status: str = "", year: int | None = None, cpv_division: str = "", category: str = "", q: str = ""
):
    """The list filters shared by the API (the page has its own form): each one optional."""
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if cpv_division:
        qs = qs.filter(main_cpv__division=cpv_division)
    if category:
        qs = qs.filter(category__slug=category)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(reference__icontains=q) | Q(description__icontains=q))
    return qs


def with_tender(qs):
    """Everything a procurement's detail in the API shows, in a fixed number of queries."""
    return qs.select_related("category", "main_cpv", "organization").prefetch_related(
        "additional_cpv",
        "award_criteria",
        Prefetch(
            "requirements",
            queryset=Requirement.objects.select_related("criterion", "source_revision").order_by(
                "section", "position", "pk"
            ),
        ),
    )


def procurement_list(request, *, q: str = "", status: str = "", mine: bool = False, cpv_division: str = "") -> QuerySet:
    """The organisation's procurements for the list page, filtered, newest reference first."""
    qs = (
        scoped(request, Procurement)
        .select_related("category", "responsible")
        .annotate(requirement_count=requirement_count())
    )
    qs = filter_procurements(qs, status=status, cpv_division=cpv_division, q=q.strip())
    if mine:
        qs = qs.filter(responsible=request.user)
    return qs.order_by("-year", "-sequence")


def builder(procurement: Procurement, organization, *, paginate, q: str = "") -> dict:
    """The tender builder's page: numbered sections, one page of the library (searched), what still needs doing.

    ``paginate`` turns the library query into a page dict (core.http.paginate bound to the request):
    the builder must not send the whole library to the browser, it grows with every published criterion.
    """
    requirements = list(
        procurement.requirements.select_related("criterion", "source_revision").order_by("section", "position", "pk")
    )
    added = {r.criterion_id: r.level for r in requirements if r.criterion_id}
    library = applicable_criteria(category=procurement.category, organization=organization)
    q = q.strip()
    if q:
        library = search(library, q)
    library_page = paginate(library)
    recommendation = needs.recommend(NeedsAssessment.objects.filter(procurement=procurement).first())
    recommended = recommendation.level if recommendation else None
    for criterion in library_page["page"].object_list:
        criterion.added_level = added.get(criterion.pk)
        # The level the needs assessment recommends comes first, so it is the button at hand.
        criterion.offered_levels = sorted(criterion.levels(), key=lambda level: level != recommended)
    return {
        "procurement": procurement,
        "sections": number_sections(requirements),
        "library": library_page["page"].object_list,
        "library_page": library_page,
        "q": q,
        "placeholders": [(r, r.placeholders()) for r in requirements if r.placeholders()],
        "recommendation": recommendation,
        "missing_clause": rules.missing_human_rights_clause(procurement, requirements),
        "editable": procurement.is_editable,
    }


def publish_summary(procurement: Procurement) -> dict:
    """What publishing freezes and what the checklist still leaves open, for the confirmation step."""
    answered = set(procurement.checklist_answers.values_list("question", flat=True))
    return {
        "requirements": procurement.requirements.count(),
        "award_criteria": list(procurement.award_criteria.order_by("position", "pk")),
        "document_version": procurement.document_version,
        "unanswered": [label for key, label in checklist.QUESTIONS if key not in answered],
    }
