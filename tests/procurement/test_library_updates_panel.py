"""Issue 22: the start page's library-updates panel stays bounded as the officer's drafts grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from procurement import library_notices
from procurement.models import Requirement
from tests.conftest import client_for
from tests.factories import criterion, member, procurement

pytestmark = pytest.mark.django_db


def _outdated(draft, used, older, n):
    """n requirements of the draft citing `used` with a revision that is not its current one."""
    Requirement.objects.bulk_create(
        Requirement(
            procurement=draft,
            section="kravspesifikasjon",
            position=k,
            title="Krav",
            text="T.",
            criterion=used,
            source_revision=older,
        )
        for k in range(n)
    )


def test_the_panel_reads_a_bounded_number_of_rows_at_two_sizes(org, monkeypatch):
    monkeypatch.setattr(library_notices, "TOTAL_CAP", 9)
    officer = member(org, Role.BUYER)
    other = member(org, Role.BUYER)
    used, elsewhere = criterion(code="NASJ-A"), criterion(code="NASJ-B")
    older = elsewhere.current_revision
    client = client_for(officer)

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("core:home"))
        return page, ctx.captured_queries

    draft = procurement(organization=org, user=officer, responsible=officer)
    _outdated(draft, used, older, 6)
    _outdated(procurement(organization=org, user=other, responsible=other), used, older, 20)  # not the officer's
    small, small_queries = measure()
    html = small.content.decode()
    assert "6 krav i utkastene dine bygger på en eldre revisjon." in html
    assert html.count("se endringene fra revisjon") == library_notices.PANEL_SIZE

    for _ in range(4):
        _outdated(procurement(organization=org, user=officer, responsible=officer), used, older, 6)
    large, large_queries = measure()
    assert "Mer enn 9 krav i utkastene dine bygger på en eldre revisjon." in large.content.decode()
    assert len(large_queries) == len(small_queries)
    counted = [
        q["sql"] for q in large_queries if q["sql"].startswith('SELECT COUNT(*) FROM (SELECT "procurement_requirement"')
    ]
    assert len(counted) == 1 and counted[0].endswith("LIMIT 10) subquery"), counted


def test_the_panel_shows_the_first_rows_and_an_exact_count_below_the_cap(org):
    officer = member(org, Role.BUYER)
    used, elsewhere = criterion(code="NASJ-A"), criterion(code="NASJ-B")
    draft = procurement(organization=org, user=officer, responsible=officer)
    _outdated(draft, used, elsewhere.current_revision, 7)
    Requirement.objects.create(
        procurement=draft,
        section="kravspesifikasjon",
        position=99,
        title="Gjeldende",
        text="T.",
        criterion=used,
        source_revision=used.current_revision,
    )
    request = type("R", (), {"organization": org, "user": officer})()
    panel = library_notices.library_updates_panel(request)
    assert panel["total"] == 7 and not panel["more"]
    assert len(panel["requirements"]) == library_notices.PANEL_SIZE
