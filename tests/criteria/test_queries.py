"""List and search pages run a fixed number of queries, whatever the library's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CategoryGroupFactory, criterion


def _make(n, group):
    for _ in range(n):
        criterion(category=group.category, group=group, levels=("basis", "avansert"))


def _count(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("criteria:start"), params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("params", [{}, {"q": "reservedeler"}, {"level": "avansert", "high_risk": "on"}])
def test_library_queries_do_not_grow_with_rows(db, officer_client, params):
    group = CategoryGroupFactory()
    _make(20, group)
    small = _count(officer_client, params)
    _make(180, group)
    large = _count(officer_client, params)
    assert small == large, f"{small} queries at 20 criteria, {large} at 200"


def test_detail_and_history_queries_are_fixed(db, officer_client):
    group = CategoryGroupFactory()
    c = criterion(category=group.category, group=group, levels=("basis", "avansert"))
    with CaptureQueriesContext(connection) as ctx:
        officer_client.get(reverse("criteria:history", args=[c.pk]))
    assert len(ctx) <= 8
