"""The tender document versions officers order (TenderDocument): request one, retry a failed one.

The job itself runs in tasks.py through core.documents.run_job, which calls
build.render_document; this module decides what a version is and queues it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import enqueue, retry_failed
from procurement.models import Procurement, TenderDocument
from procurement.tender_document.tasks import render_tender_document

Status = TenderDocument.Status


def _enqueue(document_id: int) -> None:
    enqueue(render_tender_document, TenderDocument, document_id)


@transaction.atomic
def request_document(*, procurement: Procurement, user) -> TenderDocument:
    """A new version in the queue; the worker is asked to render it once the row is committed."""
    # Lock the procurement so two clicks at once get versions n and n+1, not the same number.
    current = Procurement.objects.select_for_update().get(pk=procurement.pk)
    # Each version is a PDF render in the worker and a file kept for ever: a cap per
    # procurement and hour keeps one page (or script) from filling the queue and the disk.
    recent = current.documents.filter(requested_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= settings.TENDER_VERSIONS_PER_HOUR:
        raise ValidationError(
            _("Det er laget %(n)s versjoner av dokumentet den siste timen. Vent litt før du lager en ny.")
            % {"n": recent}
        )
    last = current.documents.aggregate(m=Max("number"))["m"] or 0
    document = TenderDocument.objects.create(
        procurement=current,
        number=last + 1,
        document_version=current.document_version,
        is_draft=current.is_draft or current.amendment_open,
        requested_by=user,
    )
    transaction.on_commit(lambda: _enqueue(document.pk))
    return document


def retry_document(*, document: TenderDocument, user) -> None:
    retry_failed(document, enqueue_again=_enqueue)
