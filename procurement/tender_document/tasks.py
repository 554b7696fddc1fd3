from celery import shared_task

from core.documents import run_job
from procurement.models import TenderDocument
from procurement.tender_document import build


# The name predates the package and stays: queued messages and the worker's routing use it.
@shared_task(name="procurement.tasks.render_tender_document", bind=True, acks_late=True, reject_on_worker_lost=True)
def render_tender_document(self, document_id: int) -> None:
    """Render one tender document version; safe to run twice (core.documents.run_job claims the row first)."""
    run_job(TenderDocument, document_id, build.render_document, task_id=self.request.id or "")
