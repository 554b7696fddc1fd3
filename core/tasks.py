from celery import shared_task
from django.core import management


@shared_task(name="core.tasks.purge_expired_sessions")
def purge_expired_sessions():
    """Daily: delete expired sessions so the session table does not grow forever."""
    management.call_command("clearsessions")


@shared_task(name="core.tasks.fail_stuck_documents")
def fail_stuck_documents():
    """Periodic: jobs left 'rendering' by a dead worker end as failed and can be retried."""
    from core.documents import fail_stuck_jobs

    return fail_stuck_jobs()
