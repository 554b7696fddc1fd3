import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from tests.factories import TEST_PASSWORD, member


@pytest.fixture
def person(org):
    return member(org, Role.BUYER)


def test_login_with_the_right_password_opens_the_start_page(person):
    client = Client()
    response = client.post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_repeated_failures_lock_the_account_out(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": person.username, "password": "feil"})
    response = client.post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "sperret" in response.content.decode().lower()


def test_password_reset_sends_a_link_by_email(person, mailoutbox):
    Client().post(reverse("password_reset"), {"email": person.email})
    assert len(mailoutbox) == 1
    assert "/konto/reset/" in mailoutbox[0].body


def test_session_cookie_is_hardened(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
