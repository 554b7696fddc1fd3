from celery import shared_task


@shared_task(name="procurement.tasks.render_tender_document", acks_late=True, reject_on_worker_lost=True)
def render_tender_document(document_id: int) -> None:
    """Render one tender document version; safe to run twice (core.documents.run_job claims the row first)."""
    from core.documents import run_job
    from procurement.documents import render_document
    from procurement.models import TenderDocument

    run_job(TenderDocument, document_id, render_document)
