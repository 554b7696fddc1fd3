"""An uploaded workbook waiting for the user to confirm the import.

The bytes are kept server-side under MEDIA_ROOT/private/tmp/minerals with a random
name (never the user's file name); the session holds that name per product together
with the file's SHA-256, so a confirm can only import exactly what was previewed.
Files go on confirm or cancel, and any left behind are swept after an hour (by the next
upload and by the periodic task battery_chain.tasks.sweep_pending_minerals_uploads).
"""

import time
from pathlib import Path

from django.conf import settings

from battery_chain.minerals.limits import limit
from battery_chain.minerals.services import sha256_of
from core.documents import write_private_file

DIRECTORY = "private/tmp/minerals"
SESSION_KEY = "minerals_pending"


def _path(name: str) -> Path | None:
    base = (Path(settings.MEDIA_ROOT) / DIRECTORY).resolve()
    path = (Path(settings.MEDIA_ROOT) / name).resolve()
    # The name comes from our own session, but check it stays inside the directory anyway.
    return path if path.parent == base else None


def sweep() -> int:
    """Delete waiting files older than the limit (also run by beat: battery_chain.tasks); return how many."""
    directory = Path(settings.MEDIA_ROOT) / DIRECTORY
    if not directory.is_dir():
        return 0
    cutoff = time.time() - limit("PENDING_MAX_AGE_SECONDS")
    removed = 0
    for path in directory.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed


def store(request, *, product, pack, data: bytes, original_name: str) -> None:
    sweep()
    discard(request, product)
    name = write_private_file(DIRECTORY, ".xlsx", data)
    pending = request.session.get(SESSION_KEY, {})
    pending[str(product.pk)] = {
        "name": name,
        "sha256": sha256_of(data),
        "original_name": original_name,
        "pack_id": pack.pk,
        "stored_at": time.time(),
    }
    request.session[SESSION_KEY] = pending


def load(request, product) -> tuple[bytes, dict] | None:
    """The waiting upload for this product, or None if there is none (or it expired or changed)."""
    entry = request.session.get(SESSION_KEY, {}).get(str(product.pk))
    if not entry:
        return None
    path = _path(entry["name"])
    if path is None or time.time() - entry["stored_at"] > limit("PENDING_MAX_AGE_SECONDS") or not path.is_file():
        discard(request, product)
        return None
    data = path.read_bytes()
    if sha256_of(data) != entry["sha256"]:
        discard(request, product)
        return None
    return data, entry


def discard(request, product) -> None:
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(str(product.pk), None)
    if entry:
        path = _path(entry["name"])
        if path is not None:
            path.unlink(missing_ok=True)
        request.session[SESSION_KEY] = pending
