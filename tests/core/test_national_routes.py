"""The national library's reference-data URLs: only its editors may open or change them."""

import pytest

from core.roles import Role
from tests.conftest import client_for
from tests.factories import member
from tests.url_walk import NATIONAL_NAMES, national_routes, url_for

ROUTES = national_routes()


def test_the_walk_finds_every_national_route():
    assert {r.name for r in ROUTES} == NATIONAL_NAMES


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_only_national_editors_change_reference_data(route, org, national_org, national_editors):
    url = url_for(route, org)
    municipality = client_for(member(org, *[role for role in Role if role != Role.READ_ONLY]))
    assert municipality.get(url).status_code in (403, 405), f"GET {url}"
    assert municipality.post(url, {}).status_code == 403, f"POST {url}"

    national = client_for(national_editors[0])
    response = national.get(url)
    assert response.status_code in (200, 405), f"national editor GET {url}: {response.status_code}"
