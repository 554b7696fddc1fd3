"""Snapshots of procurements for the OCDS releases (procurement/ocds.py), read from the database.

A procurement's package holds one release per published state: the publication
and each finished amendment (rettelse), each built from the history tables as
they stood at that moment, so an older release keeps its older content. The
organisation's yearly bulk package holds each procurement's latest release,
read with `iterator()` in chunks so that memory does not grow with the year.
"""

from collections.abc import Callable, Iterator
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear

from criteria.models import Criterion
from procurement import ocds
from procurement.models import AwardCriterion, Procurement, ProcurementEvent, Requirement, TenderDocument

CHUNK = 500
DocumentUrl = Callable[[Procurement, TenderDocument], str]


def published(queryset: QuerySet) -> QuerySet:
    """What may be published as open data: published once, whatever happened since."""
    return queryset.filter(published_at__isnull=False)


def _code(cpv) -> ocds.Code | None:
    return ocds.Code(cpv.code, cpv.label) if cpv is not None else None


def _requirement_facts(requirements, themes: dict[int, tuple[str, bool]]) -> list[ocds.RequirementFacts]:
    facts = []
    for r in sorted(requirements, key=lambda r: (r.section, r.position, r.pk)):
        theme, national = themes.get(r.criterion_id, ("", False))
        facts.append(ocds.RequirementFacts(r.section, r.environmental, r.social, theme, national))
    return facts


def _award_facts(awards) -> list[ocds.AwardFacts]:
    return [
        ocds.AwardFacts(a.name, a.description, a.weight, a.rank, a.is_price, a.is_environmental)
        for a in sorted(awards, key=lambda a: (a.position, a.pk))
    ]


def _themes(criterion_ids) -> dict[int, tuple[str, bool]]:
    rows = Criterion.objects.filter(pk__in={i for i in criterion_ids if i}).values_list(
        "pk", "theme__slug", "organization_id"
    )
    return {pk: (slug, org is None) for pk, slug, org in rows}


def _base(p: Procurement, *, date: datetime, tag: str, suffix: str, organization) -> ocds.Snapshot:
    return ocds.Snapshot(
        orgnr=organization.orgnr,
        organization=organization.name,
        reference=p.reference,
        title=p.title,
        description=p.description,
        status=p.status,
        kind=p.kind,
        procedure=p.procedure,
        procedure_label=str(Procurement.Procedure(p.procedure).label) if p.procedure else "",
        estimated_value=p.estimated_value,
        tender_deadline=p.tender_deadline,
        award_method=p.award_method,
        date=date,
        tag=tag,
        release_suffix=suffix,
    )


def _document(p: Procurement, documents, document_url: DocumentUrl | None, until: datetime | None):
    ready = [
        d
        for d in documents
        if d.status == TenderDocument.Status.READY and not d.is_draft and (until is None or d.requested_at <= until)
    ]
    if not ready or document_url is None:
        return None
    latest = max(ready, key=lambda d: d.number)
    return ocds.DocumentLink(document_url(p, latest), latest.number, (latest.finished_at or latest.requested_at))


def release_history(procurement: Procurement, *, document_url: DocumentUrl | None = None) -> list[dict]:
    """Every release of one published procurement, oldest first (empty for a draft)."""
    if procurement.published_at is None:
        return []
    events = list(
        procurement.events.filter(kind__in=[ProcurementEvent.Kind.STATUS, ProcurementEvent.Kind.AMENDMENT]).order_by(
            "created_at", "pk"
        )
    )
    publication = next(
        (e for e in events if e.kind == ProcurementEvent.Kind.STATUS and e.to_status == Procurement.Status.PUBLISHED),
        None,
    )
    moments = [(publication.created_at if publication else procurement.published_at, "tender", "tender", 0)]
    moments += [
        (e.created_at, "tenderAmendment", f"amendment-{e.amendment_number}", e.amendment_number)
        for e in events
        if e.kind == ProcurementEvent.Kind.AMENDMENT
    ]
    amendments = [
        ocds.Amendment(e.amendment_number, e.created_at, e.note)
        for e in events
        if e.kind == ProcurementEvent.Kind.AMENDMENT
    ]
    documents = list(procurement.documents.all())
    organization = procurement.organization
    releases = []
    for n, (moment, tag, suffix, number) in enumerate(moments):
        last = n == len(moments) - 1
        snapshot = _snapshot_as_of(procurement, moment, last=last, organization=organization)
        snapshot.date, snapshot.tag, snapshot.release_suffix = moment, tag, suffix
        snapshot.amendments = [a for a in amendments if a.number <= number]
        snapshot.document = _document(procurement, documents, document_url, None if last else moment)
        releases.append(ocds.release(snapshot, prefix=settings.OCDS_OCID_PREFIX))
    return releases


def _snapshot_as_of(procurement: Procurement, moment: datetime, *, last: bool, organization) -> ocds.Snapshot:
    """The newest release shows the procurement as it is (its status moves on after the last
    amendment); older ones come from the history tables as they stood at that moment."""
    if last:
        state = procurement
        requirements = list(procurement.requirements.all())
        awards = list(procurement.award_criteria.all())
    else:
        try:
            state = procurement.history.as_of(moment)
        except Procurement.DoesNotExist:
            state = procurement
        requirements = list(
            Requirement.history.filter(procurement_id=procurement.pk, history_date__lte=moment)
            .latest_of_each()
            .as_instances()
        )
        awards = list(
            AwardCriterion.history.filter(procurement_id=procurement.pk, history_date__lte=moment)
            .latest_of_each()
            .as_instances()
        )
    snapshot = _base(state, date=moment, tag="tender", suffix="tender", organization=organization)
    # CPV codes are not in the history tables (the additional ones are many-to-many): today's codes.
    snapshot.main_cpv = _code(procurement.main_cpv)
    snapshot.additional_cpv = [_code(c) for c in procurement.additional_cpv.all()]
    snapshot.requirements = _requirement_facts(requirements, _themes(r.criterion_id for r in requirements))
    snapshot.awards = _award_facts(awards)
    return snapshot


def bulk_queryset(organization, year: int) -> QuerySet:
    return (
        published(Procurement.objects.filter(organization=organization, published_at__year=year))
        .select_related("organization", "main_cpv")
        .prefetch_related(
            "additional_cpv",
            "award_criteria",
            Prefetch("requirements", queryset=Requirement.objects.select_related("criterion__theme")),
            Prefetch(
                "events",
                queryset=ProcurementEvent.objects.filter(kind=ProcurementEvent.Kind.AMENDMENT).order_by("created_at"),
                to_attr="amendment_events",
            ),
            Prefetch(
                "documents",
                queryset=TenderDocument.objects.filter(status=TenderDocument.Status.READY, is_draft=False).defer(
                    "error"
                ),
                to_attr="ready_documents",
            ),
        )
        .order_by("published_at", "pk")
    )


def latest_releases(organization, year: int, *, document_url: DocumentUrl | None = None) -> Iterator[dict]:
    """Each published procurement's current release, one chunk of rows in memory at a time."""
    prefix = settings.OCDS_OCID_PREFIX
    for p in bulk_queryset(organization, year).iterator(chunk_size=CHUNK):
        amendments = [ocds.Amendment(e.amendment_number, e.created_at, e.note) for e in p.amendment_events]
        tag, suffix, date = "tender", "tender", p.published_at
        if amendments:
            tag, suffix, date = "tenderAmendment", f"amendment-{amendments[-1].number}", amendments[-1].date
        snapshot = _base(p, date=date, tag=tag, suffix=suffix, organization=p.organization)
        snapshot.main_cpv = _code(p.main_cpv)
        snapshot.additional_cpv = [_code(c) for c in p.additional_cpv.all()]
        snapshot.requirements = [
            ocds.RequirementFacts(
                r.section,
                r.environmental,
                r.social,
                r.criterion.theme.slug if r.criterion else "",
                bool(r.criterion and r.criterion.organization_id is None),
            )
            for r in sorted(p.requirements.all(), key=lambda r: (r.section, r.position, r.pk))
        ]
        snapshot.awards = _award_facts(p.award_criteria.all())
        snapshot.amendments = amendments
        snapshot.document = _document(p, p.ready_documents, document_url, None)
        yield ocds.release(snapshot, prefix=prefix)


def published_years(organization) -> list[tuple[int, int]]:
    """(year, number of published procurements), newest first, in one query."""
    rows = (
        published(Procurement.objects.filter(organization=organization))
        .annotate(y=ExtractYear("published_at"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("-y")
    )
    return [(r["y"], r["n"]) for r in rows]


def current_snapshot(procurement: Procurement) -> ocds.Snapshot:
    """The procurement as it stands now (for the notice fields, which describe the tender as it is)."""
    moment = procurement.published_at or procurement.updated_at
    return _snapshot_as_of(procurement, moment, last=True, organization=procurement.organization)
