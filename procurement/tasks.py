from celery import shared_task


@shared_task(name="procurement.tasks.render_tender_document", bind=True, acks_late=True, reject_on_worker_lost=True)
def render_tender_document(self, document_id: int) -> None:
    """Render one tender document version; safe to run twice (core.documents.run_job claims the row first)."""
    from core.documents import run_job
    from procurement.documents import render_document
    from procurement.models import TenderDocument

    run_job(TenderDocument, document_id, render_document, task_id=self.request.id or "")
