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


def test_library_page_size_does_not_grow_with_criteria_outside_the_page(db, officer_client):
    group = CategoryGroupFactory()
    _make(30, group)
    small = len(officer_client.get(reverse("criteria:start")).content)
    _make(60, group)
    large = len(officer_client.get(reverse("criteria:start")).content)
    # Only the counters ("30 kriterier" → "90", "av 2" → "av 4") and the codes' digits may differ.
    assert abs(large - small) <= 40


def test_library_filters_render_their_options_in_one_loop_and_keep_the_choice(db, officer_client):
    """Issue 22: Django's Select rendered a sub-template per option (categories, groups, themes, ...),
    a sixth of the library page's time and growing with the taxonomy; the options are one loop now."""
    group = CategoryGroupFactory()
    _make(2, group)
    response = officer_client.get(reverse("criteria:start"), {"category": group.category.pk, "level": "avansert"})
    assert "django/forms/widgets/select_option.html" not in [t.name for t in response.templates]
    page = response.content.decode()
    assert f'<option value="{group.category.pk}" selected>' in page
    assert '<option value="avansert" selected>' in page
    assert '<select class="form-select" name="category" id="id_category">' in page
