"""Login and password reset behind the recommended proxy: limits per client, not per proxy."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.roles import Role
from tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


@pytest.fixture
def person(org):
    return member(org, Role.BUYER)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_one_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


def _via_proxy(client_address):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def _settings_with(**env) -> dict:
    code = "from django.conf import settings as s; import json; print(json.dumps([s.AXES_IPWARE_PROXY_COUNT, list(s.AXES_IPWARE_META_PRECEDENCE_ORDER)]))"
    out = (
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    import json

    return json.loads(out)


def test_the_proxy_header_is_trusted_only_when_a_proxy_count_is_set():
    assert _settings_with(TRUSTED_PROXY_COUNT="1") == [0, ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]]
    assert _settings_with(TRUSTED_PROXY_COUNT="1", CLIENT_IP_HEADER="HTTP_X_REAL_IP") == [
        0,
        ["HTTP_X_REAL_IP", "REMOTE_ADDR"],
    ]
    assert _settings_with(TRUSTED_PROXY_COUNT="0")[1] == ["REMOTE_ADDR"]


def test_lockout_behind_the_proxy_keys_on_the_client_not_on_the_proxy(person, settings, behind_one_proxy):
    attacker = _via_proxy("203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("login"), {"username": person.username, "password": "feil"})
    assert attacker.post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD}).status_code == 429

    colleague = _via_proxy("198.51.100.7")
    response = colleague.post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, "the officer elsewhere behind the same proxy can still log in"


def test_a_spoofed_header_prefix_does_not_escape_the_lockout(person, settings, behind_one_proxy):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _via_proxy(f"192.0.2.{n}, 203.0.113.5").post(reverse("login"), {"username": person.username, "password": "x"})
    response = _via_proxy("192.0.2.99, 203.0.113.5").post(
        reverse("login"), {"username": person.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429


def test_one_address_trying_many_user_names_is_stopped(org, settings, behind_one_proxy):
    settings.AXES_IP_FAILURE_LIMIT = 6
    client = _via_proxy("203.0.113.9")
    for n in range(settings.AXES_IP_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": f"gjett{n}", "password": "feil"})
    person = member(org, Role.BUYER)
    response = client.post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert (
        _via_proxy("198.51.100.7")
        .post(reverse("login"), {"username": person.username, "password": TEST_PASSWORD})
        .status_code
        == 302
    )


def test_a_10000_character_user_name_is_a_form_error_not_a_crash(person):
    response = Client().post(reverse("login"), {"username": "x" * 10_000, "password": "y" * 10_000})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_password_reset_is_rate_limited_per_email_address(person, settings, mailoutbox):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    for n in range(4):
        response = _via_proxy(f"203.0.113.{n}").post(reverse("password_reset"), {"email": person.email})
        assert response.status_code == 302, "the same answer whether or not a mail went out"
    assert len(mailoutbox) == 2


def test_password_reset_is_rate_limited_per_client_address(person, settings, mailoutbox, behind_one_proxy):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    client = _via_proxy("203.0.113.5")
    statuses = [
        client.post(reverse("password_reset"), {"email": f"ukjent{n}@example.no"}).status_code for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert _via_proxy("198.51.100.7").post(reverse("password_reset"), {"email": person.email}).status_code == 302
    assert len(mailoutbox) == 1
