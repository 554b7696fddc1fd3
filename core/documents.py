"""Running PDF jobs for any GeneratedDocument model, idempotently.

Why the claim step: Celery delivers a task at least once (acks_late). A job that
is already ready is never redone; a job another task is rendering right now is
left alone; a job whose worker died is taken over by the redelivery of the same
task (the row records the task id), or by any task once it has been "rendering"
past the hard time limit. The file is written to a temporary name and renamed into
place, and the row points at it only after that, so storage never holds a
half-written document that the database refers to.
"""

import logging
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import DocumentJob, GeneratedDocument
from core.pdf import RenderedPdf

logger = logging.getLogger(__name__)
Status = GeneratedDocument.Status

_registry: list[type[GeneratedDocument]] = []


def register(model: type[GeneratedDocument]) -> None:
    """Let the periodic sweeper look after this model's stuck jobs."""
    if model not in _registry:
        _registry.append(model)


def stale_after() -> timedelta:
    """How long a job may stay in 'rendering' before its worker is presumed dead."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def set_status(model, pk, *, expected: str, user=None, **fields) -> bool:
    """Move a job on from `expected`, through the model so its history records the change.

    (A queryset .update() would be one query but writes no history row.) Returns
    False, changing nothing, when the row has meanwhile left `expected`.
    """
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk, status=expected).first()
        if job is None:
            return False
        for name, value in fields.items():
            setattr(job, name, value)
        job._history_user = user
        job.save(update_fields=list(fields))
        return True


def _claim(model, pk, task_id: str) -> GeneratedDocument | None:
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.status in {Status.READY, Status.FAILED}:
            return None
        now = timezone.now()
        redelivered = bool(task_id) and job.task_id == task_id
        if (
            job.status == Status.RENDERING
            and not redelivered
            and job.started_at
            and now - job.started_at < stale_after()
        ):
            return None  # another task is working on it
        # A row "rendering" under our own task id means our earlier delivery died mid-render
        # (acks_late + reject_on_worker_lost put the message back): take it over now.
        job.status = Status.RENDERING
        job.started_at = now
        job.attempts += 1
        job.task_id = task_id
        job.save(update_fields=["status", "started_at", "attempts", "task_id"])
        return job


def write_private_file(relative_dir: str, suffix: str, content: bytes) -> str:
    """Write bytes under MEDIA_ROOT with a generated name, atomically; return the storage name."""
    directory = Path(settings.MEDIA_ROOT) / relative_dir
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}{suffix}"
    fd, tmp_path = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_path, directory / name)
    except BaseException:
        Path(tmp_path).unlink(missing_ok=True)
        raise
    return f"{relative_dir.rstrip('/')}/{name}"


def run_job(
    model: type[GeneratedDocument], pk: int, render: Callable[[GeneratedDocument], RenderedPdf], *, task_id: str = ""
) -> None:
    """Render one job if it still needs it, and record the outcome on its row."""
    job = _claim(model, pk, task_id)
    if job is None:
        return
    started = time.monotonic()
    try:
        result = render(job)
    except Exception as exc:  # noqa: BLE001 - every failure must end as a visible 'failed' row
        logger.exception("Rendering %s %s failed", model.__name__, pk)
        set_status(
            model,
            pk,
            expected=Status.RENDERING,
            status=Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        return
    name = write_private_file("private/documents", ".pdf", result.content)
    updated = set_status(
        model,
        pk,
        expected=Status.RENDERING,
        status=Status.READY,
        file=name,
        sha256=result.sha256,
        size_bytes=len(result.content),
        page_count=result.page_count,
        render_seconds=round(time.monotonic() - started, 3),
        finished_at=timezone.now(),
        error="",
    )
    if not updated:
        # The sweeper or a retry changed the row meanwhile: our file is not referenced.
        (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)


# A queued job no worker has picked up in this long is taken as lost (a broker
# without persistence loses its queue on restart); far above any real queue wait here.
QUEUE_LIMIT = timedelta(hours=1)


def fail_stuck_jobs() -> int:
    """Mark jobs stuck 'rendering' past the time limit, or 'queued' past QUEUE_LIMIT, as failed, so they can be retried."""
    now = timezone.now()
    total = 0
    for model in _registry:
        stuck = [
            (
                pk,
                Status.RENDERING,
                "Genereringen ble avbrutt (tidsgrensen ble nådd eller arbeideren stoppet). Prøv igjen.",
            )
            for pk in model.objects.filter(status=Status.RENDERING, started_at__lt=now - stale_after()).values_list(
                "pk", flat=True
            )
        ] + [
            (pk, Status.QUEUED, "Ingen arbeider tok jobben innen en time (køen kan ha mistet den). Prøv igjen.")
            for pk in model.objects.filter(status=Status.QUEUED, requested_at__lt=now - QUEUE_LIMIT).values_list(
                "pk", flat=True
            )
        ]
        for pk, expected, error in stuck:
            total += set_status(model, pk, expected=expected, status=Status.FAILED, error=error, finished_at=now)
    return total


def enqueue(task, model: type[GeneratedDocument], pk: int) -> None:
    """Send a job to the worker; if the broker refuses, the row says so instead of waiting forever."""
    try:
        task.delay(pk)
    except Exception:  # noqa: BLE001 - any broker failure must end as a visible 'failed' row
        logger.exception("Could not enqueue %s %s", model.__name__, pk)
        set_status(
            model,
            pk,
            expected=Status.QUEUED,
            status=Status.FAILED,
            error=_("Jobben kunne ikke sendes til køen (meldingskøen svarer ikke). Prøv igjen om litt."),
            finished_at=timezone.now(),
        )


@transaction.atomic
def retry_failed(job: GeneratedDocument, *, enqueue_again: Callable[[int], None]) -> None:
    """A failed job back in the queue, sent to the worker again once that is committed."""
    if job.status != Status.FAILED:
        raise ValidationError(_("Bare dokumenter som har feilet, kan prøves på nytt."))
    reset_for_retry(job)
    transaction.on_commit(lambda: enqueue_again(job.pk))


def reset_for_retry(job: GeneratedDocument) -> None:
    """Put a failed job back in the queue (the caller enqueues the task on commit)."""
    set_status(
        type(job), job.pk, expected=Status.FAILED, status=Status.QUEUED, error="", started_at=None, finished_at=None
    )


def download_response(job: GeneratedDocument, filename: str):
    """A permission-checked view returns this: the file as an attachment, never inline."""
    from django.http import FileResponse, Http404

    if job.status != Status.READY or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:  # lost from storage (a restore without media): like attachments, a 404
        logger.error("File of %s %s is missing from storage: %s", type(job).__name__, job.pk, job.file.name)
        raise Http404(_("Filen finnes ikke lenger på serveren.")) from exc
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")


# ---------------------------------------------------------------- documents ordered from a page (DocumentJob)


@dataclass(frozen=True)
class Kind:
    """A kind of PDF an app lets users order: a letter, a report.

    render(job) makes the PDF from job.params (in the worker, without a request);
    check(request, job) raises Http404 when the user may no longer see what the PDF
    is made from (through the app's access helpers); back(job) is the page it was
    ordered from.
    """

    key: str
    render: Callable[[DocumentJob], RenderedPdf]
    check: Callable[..., None]
    back: Callable[[DocumentJob], str]


_kinds: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    _kinds[kind.key] = kind


def kind_of(job: DocumentJob) -> Kind:
    return _kinds[job.kind]


def render_ordered(job: DocumentJob) -> RenderedPdf:
    return kind_of(job).render(job)


def _enqueue_ordered(pk: int) -> None:
    from core.tasks import render_document_job

    enqueue(render_document_job, DocumentJob, pk)


@transaction.atomic
def order_document(*, organization, user, kind: str, params: dict, title: str, filename: str) -> DocumentJob:
    """A PDF in the queue, rendered by the worker once the row is committed (in-process without a broker).

    The same person ordering the same document again while it is still being made
    gets that job back, so repeated clicks do not fill the queue.
    """
    if kind not in _kinds:
        raise ValueError(f"Unknown document kind {kind!r}")
    pending = (
        DocumentJob.objects.select_for_update()
        .filter(
            organization=organization,
            kind=kind,
            params=params,
            requested_by=user,
            status__in=[Status.QUEUED, Status.RENDERING],
        )
        .first()
    )
    if pending is not None:
        return pending
    job = DocumentJob(
        organization=organization,
        kind=kind,
        params=params,
        title=title[:300],
        filename=filename[:200],
        requested_by=user,
    )
    job._history_user = user
    job.save()
    transaction.on_commit(lambda: _enqueue_ordered(job.pk))
    return job


@transaction.atomic
def retry_document(*, job: DocumentJob, user) -> None:
    retry_failed(job, enqueue_again=_enqueue_ordered)
