import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Invitation
from core.roles import Role
from tests.conftest import client_for
from tests.factories import member


def _invitations(org, count, prefix="person"):
    for i in range(count):
        Invitation.objects.create(organization=org, email=f"{prefix}{i}@test.example", role=Role.BUYER)


def test_activity_lists_changes_of_the_own_organisation_only(org, other_org):
    _invitations(org, 2, prefix="egen")
    _invitations(other_org, 2, prefix="fremmed")
    body = client_for(member(org, Role.READ_ONLY)).get(reverse("core:activity")).content.decode()
    assert "egen0@test.example" in body
    assert "fremmed0@test.example" not in body


def test_activity_filters_by_type(org):
    _invitations(org, 1)
    client = client_for(member(org, Role.ORG_ADMIN))
    body = client.get(reverse("core:activity"), {"model": "core.membership"}).content.decode()
    assert "person0@test.example" not in body
    body = client.get(reverse("core:activity"), {"model": "core.invitation"}).content.decode()
    assert "person0@test.example" in body


def test_activity_refuses_a_reversed_date_range_with_a_message(org):
    client = client_for(member(org, Role.ORG_ADMIN))
    response = client.get(reverse("core:activity"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert "Til-datoen kan ikke være før fra-datoen" in response.content.decode()


def _queries_for_activity(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:activity")).status_code == 200
    return len(ctx)


@pytest.mark.django_db
def test_activity_runs_a_fixed_number_of_queries(org):
    # The page loads its rows with one query per kind of object on it, so both sizes fill
    # the page (50 rows) with invitations: what must not matter is the history behind it.
    client = client_for(member(org, Role.ORG_ADMIN))
    _invitations(org, 55, prefix="a")
    small = _queries_for_activity(client)
    _invitations(org, 200, prefix="b")
    large = _queries_for_activity(client)
    assert small == large, f"{small} queries with 55 records, {large} with 255"


def test_activity_reads_a_bounded_window_unless_a_from_date_is_chosen(org):
    """Without a from-date only the last 90 days are read and counted; older rows stay reachable."""
    from datetime import timedelta

    from django.utils import timezone

    client = client_for(member(org, Role.ORG_ADMIN))
    _invitations(org, 3, prefix="gammel")
    Invitation.history.filter(email__startswith="gammel").update(history_date=timezone.now() - timedelta(days=400))
    _invitations(org, 1, prefix="ny")
    body = client.get(reverse("core:activity"), {"model": "core.invitation"}).content.decode()
    assert "ny0@test.example" in body and "gammel0@test.example" not in body
    assert "1 endring" in body and 'data-testid="activity-window"' in body
    since = (timezone.localdate() - timedelta(days=500)).isoformat()
    older = client.get(reverse("core:activity"), {"model": "core.invitation", "date_from": since}).content.decode()
    assert "gammel0@test.example" in older and "4 endringer" in older


def test_activity_page_size_does_not_grow_with_history_outside_the_page(org):
    from datetime import timedelta

    from django.utils import timezone

    client = client_for(member(org, Role.ORG_ADMIN))
    _invitations(org, 60, prefix="a")
    small = len(client.get(reverse("core:activity")).content)
    _invitations(org, 120, prefix="b")
    Invitation.history.filter(email__startswith="b").update(history_date=timezone.now() - timedelta(days=400))
    large = len(client.get(reverse("core:activity")).content)
    assert large == small, "rows outside the window and the page cost nothing"


def test_activity_queries_do_not_grow_with_the_number_of_tracked_models(org):
    """One UNION over the history tables, not a count and a page query per tracked model (issue 22)."""
    from core import audit

    _invitations(org, 30)
    client = client_for(member(org, Role.ORG_ADMIN))
    assert len(audit.tracked_models()) > 20
    queries = _queries_for_activity(client)
    # session, user, membership, organisation, count, page keys, one load per model on the page, form choices
    assert queries <= 12, f"{queries} queries"


def test_activity_compiles_its_union_once_per_filter_shape(org):
    """Compiling ~40 history querysets per request was ~40 % of the page (issue 22): each shape compiles once."""
    from core import audit

    audit._union_cache.clear()
    _invitations(org, 3)
    client = client_for(member(org, Role.ORG_ADMIN))
    client.get(reverse("core:activity"))
    client.get(reverse("core:activity"), {"side": "2"})
    assert len(audit._union_cache) == 1
    body = client.get(reverse("core:activity"), {"date_to": "2999-01-01"}).content.decode()
    assert len(audit._union_cache) == 2 and "person0@test.example" in body
    body = client.get(reverse("core:activity"), {"date_to": "2000-01-01"}).content.decode()
    assert len(audit._union_cache) == 2 and "person0@test.example" not in body, "the cached SQL takes new values"


def test_activity_loads_its_rows_without_joins(org):
    """select_related over every foreign key cost PostgreSQL ~8 ms of planning per page (issue 22)."""
    _invitations(org, 3)
    client = client_for(member(org, Role.ORG_ADMIN))
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("core:activity")).content.decode()
    loads = [q["sql"] for q in ctx.captured_queries if '."history_id" IN (' in q["sql"]]
    assert loads and not [sql for sql in loads if " JOIN " in sql]
    assert f"person0@test.example → {org}" in body, "the label still names the organisation"


def _activity_plans() -> tuple[int, int]:
    """(generic, custom) plans PostgreSQL used for the activity statements prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(generic_plans), 0)::int, COALESCE(SUM(custom_plans), 0)::int FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%model_index%"],
        )
        return tuple(cursor.fetchone())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_activity_plans_its_union_once_per_connection(org, other_org):
    """PostgreSQL spent ~13 ms planning the ~40-branch UNION on every request (issue 22).

    The page statement is prepared once per connection and reused with its generic plan,
    so later requests skip planning; the reused statement still takes each request's
    organisation and filter values.
    """
    _invitations(org, 3, prefix="egen")
    _invitations(other_org, 3, prefix="fremmed")
    client, outsider_client = client_for(member(org, Role.ORG_ADMIN)), client_for(member(other_org, Role.ORG_ADMIN))
    client.get(reverse("core:activity"))  # prepares (or reuses what an earlier test prepared)
    generic, custom = _activity_plans()
    body = client.get(reverse("core:activity")).content.decode()
    other = outsider_client.get(reverse("core:activity")).content.decode()
    assert "egen0@test.example" in body and "fremmed0@test.example" not in body
    assert "fremmed0@test.example" in other and "egen0@test.example" not in other
    assert _activity_plans() == (generic + 2, custom), "both requests ran the cached generic plan"
    assert custom == 0, "no request planned the union for its own values"
