"""Tenant isolation and role checks for every URL of the project, found by walking the resolver.

New URLs are picked up automatically; a URL parameter without an object builder
fails the test with a message that says where to add one.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from core.access import READ_ONLY_ALLOWED_POSTS
from core.roles import Role
from tests.conftest import client_for
from tests.factories import member
from tests.url_walk import PUBLIC_NAMES, all_routes, object_routes, plain_routes, url_for

OBJECT_ROUTES = object_routes()
ALL_ROUTES = all_routes()


def test_the_walk_finds_the_object_urls():
    names = {r.name for r in OBJECT_ROUTES}
    assert {"core:remove_membership", "core:cancel_invitation"} <= names


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_outsider_gets_404_on_foreign_objects(route, org, users, outsider):
    url = url_for(route, org)

    # The owner reaches the object (so the builder is right and the 404 below means something).
    owner = client_for(member(org, *[role for role in Role if role != Role.READ_ONLY]))
    owner_response = owner.get(url)
    assert owner_response.status_code not in (404, 500), f"owner got {owner_response.status_code} on {url}"

    outsider_client = client_for(outsider)
    if owner_response.status_code == 405:
        # A POST-only view answers every GET with 405 before looking anything up,
        # which reveals nothing; the POST must then be the 404.
        assert outsider_client.get(url).status_code == 405, f"GET {url}"
        assert outsider_client.post(url, {}).status_code == 404, f"POST {url}"
        return
    assert outsider_client.get(url).status_code == 404, f"GET {url}"
    # A GET-only view answers any POST with 405 before looking anything up, which reveals nothing.
    assert outsider_client.post(url, {}).status_code in (404, 405), f"POST {url}"


def _reader_may_post(route) -> bool:
    return route.name in READ_ONLY_ALLOWED_POSTS or route.name in PUBLIC_NAMES


@pytest.mark.parametrize("route", [r for r in ALL_ROUTES if not _reader_may_post(r)], ids=lambda r: r.name)
def test_read_only_member_gets_403_on_every_write(route, org, users):
    url = url_for(route, org) if route.params else route.url()
    reader = client_for(users[Role.READ_ONLY])
    assert reader.post(url, {}).status_code == 403, f"POST {url}"


@pytest.mark.parametrize("route", [r for r in ALL_ROUTES if r.name not in PUBLIC_NAMES], ids=lambda r: r.name)
def test_every_page_but_the_public_ones_needs_login(route, org):
    url = url_for(route, org) if route.params else route.url()
    response = Client().get(url)
    assert response.status_code == 302, f"GET {url} gave {response.status_code}"
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), response["Location"]


@pytest.mark.parametrize("route", plain_routes(), ids=lambda r: r.name)
def test_every_plain_page_answers_for_every_role(route, org, users):
    """No 500 anywhere for any role (a forbidden page is a 403, not a crash)."""
    url = url_for(route, org) if route.params else route.url()
    for role, user in users.items():
        response = client_for(user).get(url)
        assert response.status_code in (200, 302, 403, 405), f"{role} GET {url}: {response.status_code}"
