"""The organisation's activity log, read from django-simple-history.

Every domain model keeps `history = HistoricalRecords()`; models register here
with the path from the model to its owning organisation, so that the activity
page can show one organisation's changes across all apps without knowing them.
"""

import itertools
import re
import weakref
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import DatabaseError, connection, models
from django.utils import timezone


@dataclass(frozen=True)
class TrackedModel:
    model: type[models.Model]
    org_path: str  # e.g. "organization" or "procurement__organization"
    # Looked up once at registration: `model.history` builds a new manager (with inspect)
    # on every access, which the activity page paid ~40 times per request.
    history_model: type[models.Model] = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self):
        return self.model._meta.verbose_name


_registry: dict[str, TrackedModel] = {}


def track(model: type[models.Model], org_path: str = "organization") -> None:
    _registry[model._meta.label_lower] = TrackedModel(model, org_path, model.history.model)


def tracked_models() -> list[TrackedModel]:
    return sorted(_registry.values(), key=lambda t: str(t.label))


@dataclass(frozen=True)
class ActivityFilter:
    user_id: int | None = None
    model_key: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _foreign_keys(model) -> list:
    return [f for f in model._meta.concrete_fields if f.many_to_one]


def _attach_related(rows, known: models.Model) -> None:
    """Fill every row's foreign keys (the tracked ones and history_user) from one query per related model.

    select_related over every foreign key joined them all into the page query: eight
    joins for a procurement, and PostgreSQL spent ~8 ms planning them for 50 rows
    (issue 22). The related objects are few and shared across the page (the
    organisation, a handful of users and categories), so one IN query per related
    model plans in a fraction of a millisecond; the feed's own organisation (`known`),
    which most rows point at, is not read again. A missing target (deleted since)
    reads as None, as the LEFT JOIN did.
    """
    wanted: dict[type, set] = {}
    links = []
    for row in rows:
        for fk in _foreign_keys(type(row)):
            pk = getattr(row, fk.attname)
            if pk is not None:
                wanted.setdefault(fk.related_model, set()).add(pk)
                links.append((row, fk.name, fk.related_model, pk))
    fetched = {
        model: {known.pk: known}
        if model is type(known) and pks == {known.pk}
        else model._base_manager.order_by().in_bulk(pks)
        for model, pks in wanted.items()
    }
    for row, name, model, pk in links:
        row._state.fields_cache[name] = fetched[model].get(pk)


def _label(row) -> str:
    """The changed object as text, without a query per row.

    The historical row has its foreign keys filled in (_attach_related); the
    rebuilt object gets them too, so a __str__ that names its organisation or
    user costs nothing.
    """
    obj = row.history_object
    for fk in _foreign_keys(type(obj)):
        if fk.name in row._state.fields_cache:
            obj._state.fields_cache[fk.name] = row._state.fields_cache[fk.name]
    return str(obj)


def _history_rows(tracked: TrackedModel, organization_id, flt: ActivityFilter):
    """One model's history rows of the organisation within the filter, unordered, nothing joined in."""
    history_model = tracked.history_model
    org_lookup = "id" if tracked.org_path == "self" else f"{tracked.org_path}_id"
    # order_by(): no sort per branch (the history Meta orders newest first); the union sorts once.
    qs = history_model.objects.filter(**{org_lookup: organization_id}).order_by()
    for value, lookup in _filter_values(flt):
        qs = qs.filter(**{lookup: value})
    return qs


def _filter_values(flt: ActivityFilter) -> list[tuple]:
    """The filter's (value, lookup) pairs in the order each branch's WHERE clause takes them."""
    tz = timezone.get_current_timezone()
    pairs = []
    if flt.user_id:
        pairs.append((flt.user_id, "history_user_id"))
    if flt.date_from:
        pairs.append((datetime.combine(flt.date_from, time.min, tzinfo=tz), "history_date__gte"))
    if flt.date_to:
        pairs.append((datetime.combine(flt.date_to, time.max, tzinfo=tz), "history_date__lte"))
    return pairs


def _branch_params(organization_id, flt: ActivityFilter) -> list:
    """One branch's SQL parameters, as the ORM would pass them, without compiling the branch."""
    ops = connection.ops
    values = [organization_id]
    for value, lookup in _filter_values(flt):
        values.append(ops.adapt_datetimefield_value(value) if lookup.startswith("history_date") else value)
    return values


# Compiled UNION per (database, models, filter shape). Compiling ~40 querysets with their
# org joins took ~40 % of the activity page (issue 22); the SQL only depends on which
# filters are set, so each worker compiles each shape once and then only fills in values.
_union_cache: dict[tuple, str] = {}

# The page statement as prepared on each open PostgreSQL connection (DBAPI connection ->
# {SQL: statement name}). Even compiled once, the ~40-branch UNION took PostgreSQL ~13 ms
# to PLAN on every request against 2-3 ms to run it (issue 22). A prepared statement
# keeps its plan for the session; connections persist across requests (CONN_MAX_AGE),
# so only a connection's first request of a filter shape plans. Weak keys: a closed,
# replaced connection takes its names with it, and a new one prepares afresh.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_statement_names = itertools.count()
_PLACEHOLDER = re.compile(r"%%|%s")


def _run_page_query(cursor, sql: str, params: list) -> list:
    """Run the page statement, on PostgreSQL as a prepared statement with a generic plan.

    force_generic_plan: by default PostgreSQL plans the first five executions for their
    values, and a connection lives about a minute, so it would rarely get past them.
    The plan does not depend on the values (organisation, dates, page window: the same
    index scans for any), so the generic plan is the one it would settle on. SET LOCAL
    in the same query string lasts only for that string (its implicit transaction; to
    the end of an enclosing one), so other statements keep the default. PREPARE goes in
    the same string as its first EXECUTE: no extra round trip, and a statement whose
    first run failed is never reused (it is not recorded; a retry prepares a new name).
    """
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return cursor.fetchall()
    names = _prepared.setdefault(connection.connection, {})
    name = names.get(sql)
    statement = ""
    if name is None:
        name = f"activity_feed_{next(_statement_names)}"
        numbers = itertools.count(1)
        # %s becomes $n; %% stays, as psycopg turns it into % when it fills in the EXECUTE values.
        body = _PLACEHOLDER.sub(lambda m: m[0] if m[0] == "%%" else f"${next(numbers)}", sql)
        statement = f"PREPARE {name} AS {body}; "
    statement += f"SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE {name}({', '.join(['%s'] * len(params))})"
    try:
        cursor.execute(statement, params)
    except DatabaseError:
        names.pop(sql, None)  # gone or broken (say DISCARD ALL): the next request prepares anew
        raise
    names[sql] = name
    return cursor.fetchall()


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

    def _union_sql(self) -> tuple[str, list, bool]:
        """The UNION's SQL and parameters, and whether that SQL is the shape's cached (reusable) one."""
        org_id, flt = self.organization.pk, self.flt
        shape = (
            connection.alias,
            tuple(t.key for t in self.wanted),
            bool(flt.user_id),
            bool(flt.date_from),
            bool(flt.date_to),
        )
        params = _branch_params(org_id, flt) * len(self.wanted)
        union = _union_cache.get(shape)
        if union is None:
            parts, compiled = [], []
            for index, tracked in enumerate(self.wanted):
                branch = _history_rows(tracked, org_id, flt).values_list("history_id", "history_date")
                sql, branch_params = branch.query.sql_with_params()
                parts.append(f"SELECT {index} AS model_index, u.* FROM ({sql}) u")  # noqa: S608 (ORM-built SQL)
                compiled.extend(branch_params)
            union = " UNION ALL ".join(parts)
            if list(compiled) != params:  # a branch that takes its values differently: never reuse
                return union, list(compiled), False
            _union_cache[shape] = union
        return union, params, True

    def _fetch(self, start: int, stop: int) -> list:
        union, params, reusable = self._union_sql()
        sql = (
            f"SELECT model_index, history_id, COUNT(*) OVER () FROM ({union}) feed "  # noqa: S608 (ORM-built)
            "ORDER BY history_date DESC, history_id DESC LIMIT %s OFFSET %s"
        )
        params = [*params, stop - start, start]
        with connection.cursor() as cursor:
            if reusable:
                rows = _run_page_query(cursor, sql, params)
            else:
                cursor.execute(sql, params)
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
            union, params, _reusable = self._union_sql()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({union}) feed", params)  # noqa: S608 (ORM-built)
                self._total = cursor.fetchone()[0]
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        keys = self._keys.get((start, stop))
        first, last = self._expected
        if keys is None and start == first and stop <= last and self._expected in self._keys:
            # The paginator asks for the last page only up to the count: a prefix of what was read.
            keys = self._keys[self._expected][: stop - start]
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
            for row in tracked.history_model.objects.filter(history_id__in=ids).order_by():
                row.tracked = tracked
                loaded[index, row.history_id] = row
        page = [loaded[key] for key in keys]
        _attach_related(page, self.organization)
        for row in page:
            row.label = _label(row)
        return page
