"""The organisation's logo: what an upload must be, and the logo as data for PDFs and DOCX files.

Only PNG and JPEG. SVG is refused: it is a document, not a picture, and can make
a renderer fetch files or URLs. An upload passes when its name, its first bytes
and Pillow all agree on the format, its size and pixel count are within the caps
(checked from the header before any pixel is decoded), and Pillow can verify and
decode it. What is stored is a fresh PNG re-encoded from the pixels: no metadata
(EXIF, GPS), no trailing bytes of another format, and a size the documents need
(at most STORED_MAX_SIDE pixels on the longer side).
"""

import base64
import hashlib
import io
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.documents import write_private_file

logger = logging.getLogger(__name__)

# extension -> what the first bytes and Pillow must say
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
MAX_SIDE = 4000  # pixels, either side, read from the header before decoding
MIN_SIDE = 16
STORED_MAX_SIDE = 1200
DIRECTORY = "private/logos"
PENDING_DIRECTORY = "private/tmp/logos"
PENDING_SESSION_KEY = "logo_pending"
PENDING_MAX_AGE_SECONDS = 3600


@dataclass(frozen=True)
class LogoImage:
    """A logo as PNG bytes, ready to embed (a data: URI for WeasyPrint, the bytes for python-docx)."""

    content: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.content).decode("ascii")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class CheckedLogo:
    image: LogoImage
    original_name: str


def _refuse(message: str, **values):
    raise ValidationError(message % values)


def _not_an_image(name: str):
    _refuse(_("«%(name)s» er ikke et gyldig PNG- eller JPEG-bilde."), name=name)


def _normalise(data: bytes, expected: str, name: str) -> LogoImage:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != expected:
                _not_an_image(name)
            width, height = probe.size
            if width > MAX_SIDE or height > MAX_SIDE:
                _refuse(
                    _("«%(name)s» er %(w)s × %(h)s piksler. Største tillatte er %(max)s × %(max)s piksler."),
                    name=name,
                    w=width,
                    h=height,
                    max=MAX_SIDE,
                )
            if width < MIN_SIDE or height < MIN_SIDE:
                _refuse(
                    _("«%(name)s» er for lite (%(w)s × %(h)s piksler). Minst %(min)s piksler på hver side."),
                    name=name,
                    w=width,
                    h=height,
                    min=MIN_SIDE,
                )
            probe.verify()
        # verify() leaves the image unusable; decode it again from the start.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture = picture.convert("RGBA" if picture.mode in ("RGBA", "LA", "P", "PA") else "RGB")
            picture.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
            out = io.BytesIO()
            picture.save(out, "PNG", optimize=True)
            return LogoImage(out.getvalue(), picture.width, picture.height)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        _not_an_image(name)


def check_logo(uploaded) -> CheckedLogo:
    """A logo that may be stored, or a ValidationError that says what is wrong with the file."""
    name = uploaded.name or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in FORMATS:
        _refuse(_("«%(name)s» er ikke PNG eller JPEG. Last opp logoen som PNG eller JPEG."), name=name)
    if uploaded.size == 0:
        _refuse(_("«%(name)s» er tom."), name=name)
    limit = settings.LOGO_MAX_BYTES
    if uploaded.size > limit:
        _refuse(
            _("«%(name)s» er for stor (%(size)s). Største tillatte størrelse er %(limit)s."),
            name=name,
            size=filesizeformat(uploaded.size),
            limit=filesizeformat(limit),
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    expected = FORMATS[extension]
    if not data.startswith(SIGNATURES[expected]):
        _not_an_image(name)
    base = os.path.basename(name.replace("\\", "/"))
    return CheckedLogo(_normalise(data, expected, name), get_valid_filename(base)[:200] or "logo.png")


def read_logo(organization) -> LogoImage | None:
    """The organisation's logo for a document (one query), or None; a lost file is logged, not fatal."""
    from core.models import OrganizationLogo

    logo = OrganizationLogo.objects.filter(organization_id=organization.pk).first()
    if logo is None:
        return None
    try:
        with logo.image.open("rb") as handle:
            content = handle.read()
    except OSError:
        logger.warning("Logo file of organisation %s is missing: %s", organization.pk, logo.image.name)
        return None
    return LogoImage(content, logo.width, logo.height)


def store(image: LogoImage) -> str:
    """Write the checked PNG under a generated name; the storage name."""
    return write_private_file(DIRECTORY, ".png", image.content)


# ---------------------------------------------------------------- a replacement waiting for confirmation


def _pending_path(name: str) -> Path | None:
    base = (Path(settings.MEDIA_ROOT) / PENDING_DIRECTORY).resolve()
    path = (Path(settings.MEDIA_ROOT) / name).resolve()
    return path if path.parent == base else None


def _sweep() -> None:
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIRECTORY
    if not directory.is_dir():
        return
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def hold(request, checked: CheckedLogo) -> None:
    """Keep a checked replacement until the admin confirms it (server-side file, name and hash in the session)."""
    _sweep()
    discard(request)
    request.session[PENDING_SESSION_KEY] = {
        "organization": request.organization.pk,
        "name": write_private_file(PENDING_DIRECTORY, ".png", checked.image.content),
        "sha256": checked.image.sha256,
        "original_name": checked.original_name,
        "size": [checked.image.width, checked.image.height],
        "stored_at": time.time(),
    }


def held(request) -> CheckedLogo | None:
    """The replacement waiting for confirmation in this organisation, exactly as it was checked, or None."""
    entry = request.session.get(PENDING_SESSION_KEY)
    if not entry or entry.get("organization") != request.organization.pk:
        return None
    path = _pending_path(entry["name"])
    if path is None or not path.is_file() or time.time() - entry["stored_at"] > PENDING_MAX_AGE_SECONDS:
        discard(request)
        return None
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != entry["sha256"]:
        discard(request)
        return None
    width, height = entry["size"]
    return CheckedLogo(LogoImage(content, width, height), entry["original_name"])


def discard(request) -> None:
    entry = request.session.pop(PENDING_SESSION_KEY, None)
    if entry:
        path = _pending_path(entry["name"])
        if path is not None:
            path.unlink(missing_ok=True)
