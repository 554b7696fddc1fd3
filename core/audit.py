"""The organisation's activity log, read from django-simple-history.

Every domain model keeps `history = HistoricalRecords()`; models register here
with the path from the model to its owning organisation, so that the activity
page can show one organisation's changes across all apps without knowing them.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from heapq import merge
from itertools import islice

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class TrackedModel:
    model: type[models.Model]
    org_path: str  # e.g. "organization" or "procurement__organization"

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self):
        return self.model._meta.verbose_name


_registry: dict[str, TrackedModel] = {}


def track(model: type[models.Model], org_path: str = "organization") -> None:
    _registry[model._meta.label_lower] = TrackedModel(model, org_path)


def tracked_models() -> list[TrackedModel]:
    return sorted(_registry.values(), key=lambda t: str(t.label))


@dataclass(frozen=True)
class ActivityFilter:
    user_id: int | None = None
    model_key: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _foreign_keys(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.many_to_one]


def _label(row) -> str:
    """The changed object as text, without a query per row.

    The historical row has its foreign keys joined in (select_related); the
    rebuilt object gets them too, so a __str__ that names its organisation or
    user costs nothing.
    """
    obj = row.history_object
    for name in _foreign_keys(type(obj)):
        if name in row._state.fields_cache:
            obj._state.fields_cache[name] = row._state.fields_cache[name]
    return str(obj)


def _history_queryset(tracked: TrackedModel, organization, flt: ActivityFilter):
    history_model = tracked.model.history.model
    org_lookup = "id" if tracked.org_path == "self" else f"{tracked.org_path}_id"
    qs = history_model.objects.filter(**{org_lookup: organization.pk}).select_related(
        "history_user", *_foreign_keys(tracked.model)
    )
    if flt.user_id:
        qs = qs.filter(history_user_id=flt.user_id)
    tz = timezone.get_current_timezone()
    if flt.date_from:
        qs = qs.filter(history_date__gte=datetime.combine(flt.date_from, time.min, tzinfo=tz))
    if flt.date_to:
        qs = qs.filter(history_date__lte=datetime.combine(flt.date_to, time.max, tzinfo=tz))
    return qs.order_by("-history_date", "-history_id")


def activity(organization, flt: ActivityFilter, offset: int, limit: int) -> list:
    """One page of history records, newest first, merged across tracked models.

    One query per tracked model, whatever the page size: each model's newest
    `offset + limit` rows are enough to know the merged page.
    """
    wanted = [t for t in tracked_models() if not flt.model_key or t.key == flt.model_key]
    streams = []
    for tracked in wanted:
        rows = list(_history_queryset(tracked, organization, flt)[: offset + limit])
        for row in rows:
            row.tracked = tracked
        streams.append(rows)
    merged = merge(*streams, key=lambda r: r.history_date, reverse=True)
    page = list(islice(merged, offset, offset + limit))
    for row in page:
        row.label = _label(row)
    return page


def activity_count(organization, flt: ActivityFilter) -> int:
    wanted = [t for t in tracked_models() if not flt.model_key or t.key == flt.model_key]
    return sum(_history_queryset(t, organization, flt).count() for t in wanted)
