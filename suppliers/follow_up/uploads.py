"""Checks on files a supplier sent: allowed types, size, and content that matches the name.

The extension alone proves nothing, so the first bytes must match it too. Office
files are ZIP archives; for those only the archive's list of names is read (no
member is decompressed), which is enough to tell a spreadsheet from a document
and cheap even for a hostile archive.
"""

import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Upload:
    """A file that passed check_upload below."""

    file: object
    original_name: str
    content_type: str
    size: int
    sha256: str
    extension: str


# extension -> (content kind, content type sent back on download)
ALLOWED = {
    ".pdf": ("pdf", "application/pdf"),
    ".png": ("png", "image/png"),
    ".jpg": ("jpg", "image/jpeg"),
    ".jpeg": ("jpg", "image/jpeg"),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpg": "JPG", "xlsx": "XLSX", "docx": "DOCX", "zip": "ZIP"}


def _sniff(uploaded) -> str | None:
    """What the bytes are, regardless of the name."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            uploaded.seek(0)
        if "[Content_Types].xml" in names:
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
            if any(n.startswith("word/") for n in names):
                return "docx"
        return "zip"
    return None


def safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    return get_valid_filename(base)[:200] or "vedlegg"


def check_upload(uploaded) -> Upload:
    """A checked upload, or a ValidationError that says what is wrong with it."""
    name = uploaded.name or ""
    extension = os.path.splitext(name)[1].lower()
    values = {"name": name}
    if extension not in ALLOWED:
        raise ValidationError(
            _("«%(name)s» har en filtype som ikke er tillatt. Tillatt er PDF, XLSX, DOCX, PNG og JPG.") % values
        )
    if uploaded.size == 0:
        raise ValidationError(_("«%(name)s» er tom.") % values)
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("«%(name)s» er for stor (%(size)s). Største tillatte størrelse er %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    expected, content_type = ALLOWED[extension]
    actual = _sniff(uploaded)
    if actual != expected:
        raise ValidationError(
            _("«%(name)s» har %(expected)s-navn, men innholdet er %(actual)s.")
            % {
                "name": name,
                "expected": KIND_LABELS[expected],
                "actual": _("en %(kind)s-fil") % {"kind": KIND_LABELS[actual]} if actual else _("ukjent"),
            }
        )
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return Upload(
        file=uploaded,
        original_name=safe_name(name),
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        extension=".jpg" if expected == "jpg" else extension,
    )
