"""/healthz: database and broker state, 503 when either is down.

The broker test runs its own redis-server on a free port, so stopping it does
not disturb the Redis the rest of the suite uses.
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse


def _get():
    response = Client().get(reverse("healthz"))
    return response.status_code, response.json()


@pytest.mark.django_db
def test_healthz_is_public_and_ok_with_tasks_in_process(settings):
    settings.CELERY_BROKER_URL = None
    status, body = _get()
    assert status == 200
    assert body == {"status": "ok", "database": "ok", "broker": "eager"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(f"redis-server did not start on port {port}")


@pytest.mark.integration
@pytest.mark.django_db
def test_healthz_follows_the_broker_down_and_back_up(settings):
    from tests.conftest import skip_or_fail

    if not shutil.which("redis-server"):
        skip_or_fail("redis-server is not installed")
    port = _free_port()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"

    redis = _start_redis(port)
    try:
        assert _get() == (200, {"status": "ok", "database": "ok", "broker": "ok"})
    finally:
        redis.terminate()
        redis.wait(10)

    assert _get() == (503, {"status": "unavailable", "database": "ok", "broker": "down"})

    redis = _start_redis(port)
    try:
        assert _get()[0] == 200
    finally:
        redis.terminate()
        redis.wait(10)


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(settings, monkeypatch):
    settings.CELERY_BROKER_URL = None

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is gone")

    # Replacing the cursor factory is how the real failure reaches our code; the
    # database itself cannot be stopped under a running test.
    monkeypatch.setattr(connection, "cursor", broken_cursor)
    status, body = _get()
    assert status == 503 and body["database"] == "down"
