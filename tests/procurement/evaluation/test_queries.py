"""The evaluation pages run the same number of queries with 3 bids as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from procurement.evaluation.models import Score
from tests.conftest import client_for
from tests.factories import member
from tests.procurement.evaluation.builders import bid, evaluable

pytestmark = pytest.mark.django_db

PAGES = ["overview", "consensus", "award"]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_evaluation_page_queries_do_not_grow_with_bids(org, page):
    officer, colleague = member(org, Role.BUYER), member(org, Role.BUYER)
    client = client_for(officer)
    counts = {}
    for size in (3, 30):
        p = evaluable(org, user=officer)
        env = p.award_criteria.get(is_environmental=True)
        for i in range(size):
            b = bid(p, price=1000 + i, env_points=i % 10)
            Score.objects.create(bid=b, criterion=env, evaluator=officer, points=i % 10)
            Score.objects.create(bid=b, criterion=env, evaluator=colleague, points=(i + 1) % 10)
        # One of the bids is rejected, so the rejected list is rendered too.
        bid(p, mandatory_met=False, rejection_reason="Mangler dokumentasjon.")
        counts[size] = _count(client, reverse(f"procurement:evaluation:{page}", args=[p.pk]))
    # Session, user, memberships, procurement (+ organisation), criteria and fuel classes,
    # bids and their four prefetches, the award decision, and the evaluators' scores: a fixed set.
    assert counts[3] == counts[30], counts
