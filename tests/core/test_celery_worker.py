"""A real Celery worker, consuming from the Redis in CELERY_BROKER_URL, runs our tasks."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.conftest import skip_or_fail

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def celery_worker_on_redis():
    from celery.contrib.testing.worker import start_worker
    from kombu import Connection

    from config.celery import app

    if not settings.CELERY_BROKER_URL:
        skip_or_fail("CELERY_BROKER_URL is not set; the worker test needs Redis")
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=0)
    except Exception as exc:  # noqa: BLE001
        skip_or_fail(f"Redis at {settings.CELERY_BROKER_URL} is not reachable: {exc}")

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = eager


def _wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_worker_purges_expired_sessions(celery_worker_on_redis):
    from core.tasks import purge_expired_sessions

    Session.objects.create(session_key="utlopt", session_data="x", expire_date=timezone.now() - timedelta(days=1))
    Session.objects.create(session_key="gyldig", session_data="x", expire_date=timezone.now() + timedelta(days=1))

    purge_expired_sessions.delay()

    assert _wait_for(lambda: not Session.objects.filter(session_key="utlopt").exists()), "the task never ran"
    assert Session.objects.filter(session_key="gyldig").exists()
