"""The library's full-text search is served by the GIN index on PostgreSQL."""

import pytest
from django.db import connection

from criteria.models import Criterion
from criteria.selectors import search
from tests.factories import criterion

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN and tsvector are PostgreSQL's")
def test_search_matches_through_the_gin_index():
    criterion(code="FTS-1", title="Krav om ombruk av møbler")
    criterion(code="FTS-2", title="Krav om reservedeler")
    found = search(Criterion.objects.all(), "ombruk")
    assert [c.code for c in found] == ["FTS-1"]
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "criteria_criterion_search_gin" in plan, plan
