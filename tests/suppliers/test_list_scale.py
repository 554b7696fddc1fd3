"""Issue 22: the supplier list, the contract portfolio and the case list stay fast as the history grows.

Per list: the same number of queries at two data sizes, a page that does not grow with rows
outside it, and (PostgreSQL) the page's ORDER BY ... LIMIT served by an index instead of a
sort of every row the organisation sees.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.http import PAGE_SIZE
from core.roles import Role
from suppliers.models import CaseShare, SupplierContact
from tests.conftest import client_for
from tests.factories import case, contract, follow_up_case, supplier

pytestmark = pytest.mark.django_db

SUPPLIERS = reverse("suppliers:supplier_list")
PORTFOLIO = reverse("suppliers:portfolio")
CASES = reverse("suppliers:case_list")


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


def queries_and_size(client, url) -> tuple[int, int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.content), [q["sql"] for q in ctx.captured_queries]


def page_query(sqls: list[str], table: str) -> str:
    """The query that loads the page's rows: the one on the table with an ORDER BY and a LIMIT."""
    return next(sql for sql in sqls if f'FROM "{table}"' in sql and "ORDER BY" in sql and " LIMIT " in sql)


def sorts_everything(sql: str) -> bool:
    """Whether PostgreSQL must sort every matching row to find the first page.

    Sequential scans are switched off so the tiny test tables plan as a large table
    would: with an index on the ORDER BY the plan walks it and stops after the page;
    without one there is a Sort under the Limit.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return "Sort" in plan


def suppliers_in_register(org, other_org, n):
    """n suppliers of each kind of register membership, and as many of another organisation's."""
    for _ in range(n):
        supplier(organization=org, name="Leverandør AS")
        contract(organization=org, suppliers=[supplier(name="Leverandør AS")])
        SupplierContact.objects.create(organization=org, supplier=supplier(name="Leverandør AS"), name="K")
        supplier(organization=other_org, name="Leverandør AS")


def test_supplier_list_queries_and_size_do_not_grow_with_the_register(follower, org, other_org):
    suppliers_in_register(org, other_org, PAGE_SIZE)
    small = queries_and_size(follower, SUPPLIERS)
    suppliers_in_register(org, other_org, 2 * PAGE_SIZE)
    large = queries_and_size(follower, SUPPLIERS)
    assert large[0] == small[0]
    # Only the counters ("75 leverandører" → "225", "av 3" → "av 9") and orgnr digits may differ.
    assert abs(large[1] - small[1]) <= 40


def test_supplier_list_counts_the_register_without_scanning_every_supplier(follower, org, other_org):
    """The count read the shared supplier table through five OR'ed EXISTS per row (linear in every
    organisation's suppliers); it now counts the UNION of the register's own indexed pk sets."""
    suppliers_in_register(org, other_org, 2)
    _n, _size, sqls = queries_and_size(follower, SUPPLIERS)
    count = next(sql for sql in sqls if "COUNT(*)" in sql)
    assert "UNION" in count and 'FROM "suppliers_supplier"' not in count, count
    assert "6 leverandører" in follower.get(SUPPLIERS).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_supplier_list_page_walks_the_name_index(follower, org, other_org):
    """The page was sorted by name over the whole register (no index on name; a pk IN (...) wrapper)."""
    suppliers_in_register(org, other_org, 2)
    _n, _size, sqls = queries_and_size(follower, SUPPLIERS)
    assert not sorts_everything(page_query(sqls, "suppliers_supplier"))


def test_supplier_list_search_still_counts_only_matches_in_the_register(follower, org, other_org):
    supplier(organization=org, name="Grønn Bilflåte AS")
    contract(organization=org, suppliers=[supplier(name="Grønn Buss AS")])
    supplier(organization=other_org, name="Grønn Ferje AS")
    page = follower.get(SUPPLIERS, {"q": "grønn"}).content.decode()
    assert "2 leverandører" in page and "Grønn Ferje AS" not in page


def portfolio_of(org, n):
    for _ in range(n):
        c = contract(organization=org, title="Kontrakt", suppliers=[supplier(organization=org, name="Lev AS")])
        case(contract=c)


def test_portfolio_queries_and_size_do_not_grow_with_contracts(follower, org):
    portfolio_of(org, PAGE_SIZE + 1)  # two pages: the pagination is on both pages measured
    small = queries_and_size(follower, PORTFOLIO)
    portfolio_of(org, 2 * PAGE_SIZE)
    large = queries_and_size(follower, PORTFOLIO)
    assert large[0] == small[0]
    assert abs(large[1] - small[1]) <= 40


def cases_of(org, other_org, n):
    for _ in range(n):
        follow_up_case(org, title="Sak", contract=None)
        shared = follow_up_case(other_org, title="Sak", contract=None)
        CaseShare.objects.create(case=shared, organization=org)


def test_case_list_queries_and_size_do_not_grow_with_cases(org, other_org, users):
    client = client_for(users[Role.CONTRACT_FOLLOWER])
    cases_of(org, other_org, PAGE_SIZE)
    small = queries_and_size(client, CASES)
    cases_of(org, other_org, 2 * PAGE_SIZE)
    large = queries_and_size(client, CASES)
    assert large[0] == small[0]
    assert abs(large[1] - small[1]) <= 40


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_case_list_page_walks_the_created_at_index(org, other_org, users):
    """The page joined every visible case, computed its three counts and sorted them all by created_at."""
    cases_of(org, other_org, 2)
    _n, _size, sqls = queries_and_size(client_for(users[Role.CONTRACT_FOLLOWER]), CASES)
    assert not sorts_everything(page_query(sqls, "suppliers_case"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_portfolio_page_walks_the_portfolio_index(follower, org):
    """The page sorted every contract by computed keys (needs attention, priority rank, ...)."""
    portfolio_of(org, 3)
    _n, _size, sqls = queries_and_size(follower, PORTFOLIO)
    assert not sorts_everything(page_query(sqls, "suppliers_contract"))


def test_portfolio_pages_keep_the_portfolio_order_across_priorities(follower, org):
    """Read one priority at a time, the pages still list the contracts in portfolio()'s order."""
    from suppliers.models import Contract
    from suppliers.register.selectors import portfolio

    for i in range(12):
        for priority, score in (("hoy", i), ("middels", i % 3), ("lav", None), ("", None)):
            contract(organization=org, title=f"K {priority} {i:02d}", priority=priority, priority_score=score)
    followed = Contract.objects.filter(priority="hoy").order_by("pk")[:3]
    for c in followed:  # active follow-up: no longer first
        from tests.factories import dd_request

        dd_request(case(contract=c), status="sendt")
    request = type("R", (), {"organization": org})()
    expected = [c.title for c in portfolio(request)]
    listed = []
    for side in (1, 2):
        listed += [c.title for c in follower.get(PORTFOLIO, {"side": side}).context["contracts"]]
    assert listed == expected
    assert listed[:9] == [c.title for c in portfolio(request).filter(needs_attention=0)]
    high = follower.get(PORTFOLIO, {"priority": "hoy"}).context["contracts"]
    assert [c.title for c in high] == [t for t in expected if t.startswith("K hoy")]


def test_portfolio_search_over_several_suppliers_lists_and_counts_a_contract_once(follower, org):
    both = [supplier(organization=org, name="Grønn Buss AS"), supplier(organization=org, name="Grønn Ferje AS")]
    contract(organization=org, title="Skyss", suppliers=both, priority="hoy", priority_score=5)
    contract(organization=org, title="Annen", suppliers=[supplier(organization=org, name="Blå AS")])
    response = follower.get(PORTFOLIO, {"q": "grønn"})
    assert [c.title for c in response.context["contracts"]] == ["Skyss"]
    assert "1 kontrakt" in response.content.decode()
