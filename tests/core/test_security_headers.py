"""Response headers: no cached copies of what a logged-in user sees, and no browser features we never use."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_logged_in_pages_are_not_stored_by_any_cache(officer_client):
    response = officer_client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_downloads_are_not_stored_by_any_cache(officer_client):
    response = officer_client.get(reverse("criteria:export_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"


def test_every_response_carries_a_permissions_policy(officer_client):
    for response in (Client().get(reverse("login")), officer_client.get(reverse("core:home"))):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_login_page_may_be_cached_like_any_public_page():
    assert Client().get(reverse("login")).get("Cache-Control", "") != "no-store"
