from celery import shared_task
from django.core import management


@shared_task(name="core.tasks.purge_expired_sessions")
def purge_expired_sessions():
    """Daily: delete expired sessions so the session table does not grow forever."""
    management.call_command("clearsessions")
