"""The library's full-text search reads a stored, GIN-indexed vector on PostgreSQL (issue 22)."""

import pytest
from django.db import connection

from criteria import services
from criteria.models import Criterion
from criteria.selectors import search
from tests.factories import criterion

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN and tsvector are PostgreSQL's")


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
def test_search_matches_through_the_gin_index_on_the_stored_vector():
    criterion(code="FTS-1", title="Krav om ombruk av møbler")
    criterion(code="FTS-2", title="Krav om reservedeler")
    found = search(Criterion.objects.all(), "ombruk")
    assert [c.code for c in found] == ["FTS-1"]
    assert "criteria_criterion_search_vector_gin" in _plan(found)


@postgres_only
def test_search_computes_no_vector_per_query():
    """Neither the match nor the rank calls to_tsvector: both read the stored column."""
    sql, _params = search(Criterion.objects.all(), "ombruk gjenvinning").query.sql_with_params()
    assert "to_tsvector" not in sql and "search_vector" in sql, sql


@postgres_only
def test_the_stored_vector_follows_every_write_of_the_texts():
    """Service edits and bulk writes alike: the trigger keeps the vector in step with search_text."""
    created = criterion(code="FTS-3", title="Krav om reservedeler", publish=False)
    assert Criterion.objects.filter(pk=created.pk, search_vector__isnull=False).exists()
    data = services.CriterionData(
        code="FTS-3",
        title="Krav om ombruk",
        category=created.category,
        theme=created.theme,
        kind=created.kind,
        variants=[services.VariantData(level="basis", text="Møblene skal kunne repareres.", documentation="Plan.")],
    )
    services.update_criterion(criterion=created, data=data, user=None)
    assert [c.code for c in search(Criterion.objects.all(), "ombruk")] == ["FTS-3"]
    assert [c.code for c in search(Criterion.objects.all(), "repareres")] == ["FTS-3"]
    assert not search(Criterion.objects.all(), "reservedeler").exists()
    Criterion.objects.filter(pk=created.pk).update(search_text="Batterier med lang levetid")
    assert [c.code for c in search(Criterion.objects.all(), "batterier")] == ["FTS-3"]


def test_sqlite_and_postgres_find_the_same_criteria():
    criterion(code="FTS-4", title="Krav om gjenbruk av kontormøbler")
    criterion(code="FTS-5", title="Krav om energibruk")
    assert [c.code for c in search(Criterion.objects.all(), "ombruk")] == ["FTS-4"]
