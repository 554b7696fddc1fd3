"""Every API route, walked from the resolver: the owner's token reads it, another organisation's gets 404.

A new API route is picked up automatically; a URL parameter without an object
builder fails with a message that says where to add one (tests/<app>/objects.py).
"""

import pytest

from tests.api.conftest import token_client
from tests.url_walk import VALUE_PARAMS, routes_in, url_for

PUBLIC = {"api:schema", "api:docs"}
ROUTES = [r for r in routes_in("api") if r.name not in PUBLIC]
OBJECT_ROUTES = [r for r in ROUTES if set(r.params) - VALUE_PARAMS]


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_other_organisations_token_gets_404_on_every_object(route, org, api, outsider_api):
    url = url_for(route, org)
    owner = api.get(url)
    assert owner.status_code not in (404, 500), f"owner got {owner.status_code} on {url}"
    assert outsider_api.get(url).status_code == 404, f"GET {url}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_route_needs_a_token_and_is_read_only(route, org, api):
    url = url_for(route, org)
    assert token_client("ga_feil").get(url).status_code == 401
    for method in ("post", "put", "patch", "delete"):
        assert getattr(api, method)(url).status_code == 405, f"{method.upper()} {url}"


@pytest.mark.parametrize("route", [r for r in ROUTES if r not in OBJECT_ROUTES], ids=lambda r: r.name)
def test_plain_routes_answer_the_owner(route, org, api):
    url = url_for(route, org)
    assert api.get(url).status_code == 200, url
