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


@shared_task(name="core.tasks.render_document_job", bind=True, acks_late=True, reject_on_worker_lost=True)
def render_document_job(self, job_id: int) -> None:
    """Render one ordered PDF (a letter, a report); safe to run twice (core.documents.run_job claims the row first)."""
    from core.documents import render_ordered, run_job
    from core.models import DocumentJob

    run_job(DocumentJob, job_id, render_ordered, task_id=self.request.id or "")
