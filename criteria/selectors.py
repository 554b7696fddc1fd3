"""Read queries on the library: browse, search and what a tender may pick from."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, F, Q, QuerySet, When

from core.roles import Capability
from criteria import diff
from criteria.models import Category, Criterion, CriterionRevision, Level, LibraryImport

# Words officers use for the same idea; a search for one finds the others too.
SYNONYMS = (
    ("gjenbruk", "ombruk", "annengangsbruk"),
    ("resirkulering", "gjenvinning", "materialgjenvinning"),
    ("menneskerettigheter", "arbeidsforhold", "arbeidstakerrettigheter"),
    ("klimagass", "utslipp", "co2"),
)

_WORD = re.compile(r"[\wæøåÆØÅ-]+", re.UNICODE)


def _alternatives(word: str) -> tuple[str, ...]:
    lowered = word.lower()
    for group in SYNONYMS:
        if lowered in group:
            return group
    return (lowered,)


def search_words(query: str) -> list[tuple[str, ...]]:
    """Each word of the query with its synonyms; every word must match (AND of ORs)."""
    return [_alternatives(w) for w in _WORD.findall(query or "") if len(w) > 1]


def _search_postgres(qs: QuerySet, words) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = None
    for alternatives in words:
        term = None
        for alt in alternatives:
            part = SearchQuery(alt, config="norwegian", search_type="plain")
            term = part if term is None else term | part
        query = term if query is None else query & term
    # The stored vector (kept by a trigger, GIN-indexed: migration 0005): nothing is
    # recomputed per row, neither for the @@ match nor for ranking the hits.
    return qs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", "code")


def _search_fallback(qs: QuerySet, words) -> QuerySet:
    """SQLite: substring match per word, enough for the embedded demo."""
    for alternatives in words:
        any_of = Q()
        for alt in alternatives:
            any_of |= Q(search_text__icontains=alt)
        qs = qs.filter(any_of)
    return qs


def search(qs: QuerySet, query: str) -> QuerySet:
    words = search_words(query)
    if not words:
        return qs
    if connection.vendor == "postgresql":
        return _search_postgres(qs, words)
    return _search_fallback(qs, words)


@dataclass(frozen=True)
class LibraryFilter:
    q: str = ""
    category: Category | None = None
    group: object = None
    theme: object = None
    kind: str = ""
    level: str = ""
    high_risk: bool = False
    environmental: bool = False
    social: bool = False
    status: str = ""  # "" = what the role should see by default
    local_only: bool = False


def browse(organization, flt: LibraryFilter, *, include_unpublished: bool) -> QuerySet:
    """The criteria an organisation sees, filtered; ready for a list page (no query per row)."""
    qs = Criterion.objects.visible_to(organization).select_related("category", "group", "theme", "organization")
    if flt.status:
        qs = qs.filter(status=flt.status)
    elif not include_unpublished:
        qs = qs.filter(status=Criterion.Status.PUBLISHED)
    else:
        qs = qs.exclude(status=Criterion.Status.RETIRED)
    if flt.category:
        qs = qs.filter(category=flt.category)
    if flt.group:
        qs = qs.filter(group=flt.group)
    if flt.theme:
        qs = qs.filter(theme=flt.theme)
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.level == Level.BASIC:
        qs = qs.filter(has_basis=True)
    elif flt.level == Level.ADVANCED:
        qs = qs.filter(has_avansert=True)
    if flt.high_risk:
        qs = qs.filter(category__high_risk=True)
    if flt.environmental:
        qs = qs.filter(environmental=True)
    if flt.social:
        qs = qs.filter(social=True)
    if flt.local_only:
        qs = qs.filter(organization=organization)
    return search(qs, flt.q) if flt.q else qs.order_by("category__position", "code")


def is_visible_to(criterion_id: int | None, organization) -> bool:
    """Does the organisation still see this criterion (national, its own, or shared with it)?"""
    return criterion_id is not None and Criterion.objects.visible_to(organization).filter(pk=criterion_id).exists()


def applicable_criteria(*, category: Category, organization, level: str = "") -> QuerySet:
    """For the tender builder's library panel: published criteria of the category and the general ones.

    Only what the panel shows is read (code, title, kind, theme, which levels exist): loading every
    row's revision, variants and stored search vector was a third of the builder's time (issue 22).
    """
    qs = (
        Criterion.objects.visible_to(organization)
        .pickable()
        .filter(Q(category=category) | Q(category__applies_to_all=True))
        .select_related("theme")
        .only("code", "title", "kind", "theme", "has_basis", "has_avansert")
        .order_by("kind", "code")
    )
    if level == Level.BASIC:
        qs = qs.filter(has_basis=True)
    elif level == Level.ADVANCED:
        qs = qs.filter(has_avansert=True)
    return qs


def revisions_of(criterion: Criterion) -> QuerySet:
    """The criterion's own history: published revisions and a draft; proposals live on the proposal pages."""
    return (
        criterion.revisions.filter(Q(proposed_at__isnull=True) | Q(published_at__isnull=False))
        .select_related("created_by")
        .prefetch_related("variants")
        .order_by("-number")
    )


def proposals_visible_to(organization, capabilities) -> QuerySet:
    """Proposals the organisation's editors may see: those for their own library, the ones they
    proposed to the national library, and (national editors) every proposal to the national library."""
    qs = CriterionRevision.objects.filter(proposed_at__isnull=False)
    if organization is None or Capability.EDIT_LIBRARY not in capabilities:
        return qs.none()
    visible = Q(criterion__organization=organization) | Q(
        criterion__organization__isnull=True, proposed_by_organization=organization
    )
    if Capability.EDIT_NATIONAL_LIBRARY in capabilities:
        visible |= Q(criterion__organization__isnull=True)
    return qs.filter(visible)


def proposal_queue(organization, capabilities, *, decided: bool = False) -> QuerySet:
    """Pending proposals oldest first (a queue), or decided ones newest first; no query per row."""
    qs = proposals_visible_to(organization, capabilities).select_related(
        "criterion", "created_by", "proposed_by_organization", "decided_by"
    )
    if decided:
        return qs.filter(decided_at__isnull=False).order_by("-decided_at", "-pk")
    return qs.filter(decided_at__isnull=True).order_by("proposed_at", "pk")


def proposal_comparison(revision: CriterionRevision):
    """What a proposal changes, against the revision it was proposed on."""
    base = revision.base_revision
    return diff.compare(base, revision) if base is not None else None


def library_imports(organization, capabilities) -> QuerySet:
    """Imports into the libraries the organisation's editors keep, waiting ones first; no query per row."""
    if organization is None or Capability.EDIT_LIBRARY not in capabilities:
        return LibraryImport.objects.none()
    visible = Q(organization=organization)
    if Capability.EDIT_NATIONAL_LIBRARY in capabilities:
        visible |= Q(organization__isnull=True)
    return (
        LibraryImport.objects.filter(visible)
        .defer("data")
        .select_related("uploaded_by", "decided_by", "organization")
        .order_by(Case(When(state=LibraryImport.State.PENDING, then=0), default=1), "-created_at", "-pk")
    )


PANEL_SIZE = 5


def proposals_panel(request) -> dict:
    """Start page: the queue for those who decide, and the fate of the user's own proposals."""
    caps = request.capabilities
    org = request.organization
    deciding = proposals_visible_to(org, caps).filter(decided_at__isnull=True)
    if Capability.EDIT_NATIONAL_LIBRARY not in caps:
        deciding = deciding.filter(criterion__organization=org)
    deciding = deciding.select_related("criterion", "proposed_by_organization").order_by("proposed_at", "pk")
    mine = (
        CriterionRevision.objects.filter(proposed_at__isnull=False, created_by=request.user)
        .select_related("criterion", "decided_by")
        .order_by("-decided_at", "-proposed_at")
    )
    return {
        "queue": list(deciding[:PANEL_SIZE]),
        "queue_total": deciding.count(),
        "mine": list(mine[:PANEL_SIZE]),
    }


def revision(criterion: Criterion, number: int) -> CriterionRevision:
    return revisions_of(criterion).get(number=number)


@dataclass
class RevisionHistory:
    revisions: list
    old: CriterionRevision | None
    new: CriterionRevision | None
    comparison: object
    # The officer asked for two revision numbers of which at least one does not exist.
    unknown_pair: bool

    @property
    def numbers(self) -> list[int]:
        return [r.number for r in self.revisions]


def revision_history(criterion: Criterion, old_param: str = "", new_param: str = "") -> RevisionHistory:
    """The criterion's revisions and the comparison asked for (by default the two newest)."""
    revisions = list(revisions_of(criterion))
    try:
        old_no, new_no = int(old_param), int(new_param)
    except ValueError:
        old_no = new_no = None
    if old_no is None and len(revisions) >= 2:
        new_no, old_no = revisions[0].number, revisions[1].number
    by_number = {r.number: r for r in revisions}
    if old_no in by_number and new_no in by_number:
        old, new = by_number[old_no], by_number[new_no]
        return RevisionHistory(revisions, old, new, diff.compare(old, new), unknown_pair=False)
    return RevisionHistory(revisions, None, None, None, unknown_pair=old_no is not None)
