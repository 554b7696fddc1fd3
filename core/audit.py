"""The organisation's activity log, read from django-simple-history.

Every domain model keeps `history = HistoricalRecords()`; models register here
with the path from the model to its owning organisation, so that the activity
page can show one organisation's changes across all apps without knowing them.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection, models
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


def _history_rows(tracked: TrackedModel, organization, flt: ActivityFilter):
    """One model's history rows of the organisation within the filter, unordered, nothing joined in."""
    history_model = tracked.model.history.model
    org_lookup = "id" if tracked.org_path == "self" else f"{tracked.org_path}_id"
    qs = history_model.objects.filter(**{org_lookup: organization.pk})
    if flt.user_id:
        qs = qs.filter(history_user_id=flt.user_id)
    tz = timezone.get_current_timezone()
    if flt.date_from:
        qs = qs.filter(history_date__gte=datetime.combine(flt.date_from, time.min, tzinfo=tz))
    if flt.date_to:
        qs = qs.filter(history_date__lte=datetime.combine(flt.date_to, time.max, tzinfo=tz))
    return qs


class ActivityFeed:
    """The organisation's history across tracked models, newest first, for a Paginator.

    One UNION ALL over the history tables picks a page's keys in the database and
    counts the whole feed in the same statement (COUNT(*) OVER ()), so the union is
    planned once per page; then one query per model that appears on the page loads
    its rows. A handful of queries however many models are tracked, instead of a
    count and a page query per tracked model.
    """

    def __init__(self, organization, flt: ActivityFilter, *, offset: int = 0, limit: int = 50):
        self.organization, self.flt = organization, flt
        self.wanted = [t for t in tracked_models() if not flt.model_key or t.key == flt.model_key]
        self._expected = (offset, offset + limit)  # the page the request asks for: read with the count
        self._keys: dict[tuple[int, int], list] = {}
        self._total: int | None = None

    def _union_sql(self) -> tuple[str, list]:
        parts, params = [], []
        for index, tracked in enumerate(self.wanted):
            branch = _history_rows(tracked, self.organization, self.flt).values_list("history_id", "history_date")
            sql, branch_params = branch.query.sql_with_params()
            parts.append(f"SELECT {index} AS model_index, u.* FROM ({sql}) u")  # noqa: S608 (ORM-built SQL)
            params.extend(branch_params)
        return " UNION ALL ".join(parts), params

    def _fetch(self, start: int, stop: int) -> list:
        union, params = self._union_sql()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT model_index, history_id, COUNT(*) OVER () FROM ({union}) feed "  # noqa: S608 (ORM-built)
                "ORDER BY history_date DESC, history_id DESC LIMIT %s OFFSET %s",
                [*params, stop - start, start],
            )
            rows = cursor.fetchall()
        if rows:
            self._total = rows[0][2]
        keys = [(index, history_id) for index, history_id, _total in rows]
        self._keys[start, stop] = keys
        return keys

    def count(self) -> int:
        if not self.wanted:
            return 0
        if self._total is None:
            self._fetch(*self._expected)
        if self._total is None:  # the asked-for page is past the end: count on its own
            union, params = self._union_sql()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({union}) feed", params)  # noqa: S608 (ORM-built)
                self._total = cursor.fetchone()[0]
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        keys = self._keys.get((start, stop))
        if keys is None:
            keys = self._fetch(start, stop) if self.wanted else []
        return self._load(keys)

    def _load(self, keys) -> list:
        by_model: dict[int, list[int]] = {}
        for index, history_id in keys:
            by_model.setdefault(index, []).append(history_id)
        loaded = {}
        for index, ids in by_model.items():
            tracked = self.wanted[index]
            rows = tracked.model.history.model.objects.filter(history_id__in=ids).select_related(
                "history_user", *_foreign_keys(tracked.model)
            )
            for row in rows:
                row.tracked = tracked
                loaded[index, row.history_id] = row
        page = [loaded[key] for key in keys]
        for row in page:
            row.label = _label(row)
        return page
