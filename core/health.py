"""Readiness checks for /healthz: the database and, when configured, the broker."""

from django.conf import settings
from django.db import connection
from kombu import Connection

BROKER_TIMEOUT_SECONDS = 2


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down" to a load balancer
        return "down"
    return "ok"


def broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # no broker configured: tasks run in-process
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
            if conn.transport_cls == "redis":
                # A real command proves the server answers, not only that a socket opened.
                conn.default_channel.client.ping()
    except Exception:  # noqa: BLE001
        return "down"
    return "ok"
