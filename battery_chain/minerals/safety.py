"""Checks on the raw bytes of an upload, made before any spreadsheet library reads them.

An .xlsx is a zip of XML parts. The checks refuse: empty and oversized files, the old
binary .xls format (OLE2) renamed to .xlsx, anything that is not a zip, zips that are
not Excel workbooks, zip bombs (judged from the sizes the zip directory declares and
from what is actually inflated), and XML parts with a DOCTYPE (entity expansion).
"""

import io
import re
import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.limits import limit

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# The XML prolog, where a DOCTYPE would have to be, and a worksheet's <dimension> element fit well within this.
PROLOG_BYTES = 8192
WORKSHEET_RE = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# Without a <dimension> element openpyxl scans a whole worksheet to size it, on every load;
# Excel and LibreOffice always write one, so only large sheets without it are refused.
UNSIZED_SHEET_LIMIT = 1024 * 1024


def check_size(size: int) -> None:
    if size == 0:
        raise FileRefused(_("Filen er tom. Velg arbeidsboken leverandøren sendte (CMRT eller EMRT i .xlsx-format)."))
    if size > limit("MAX_UPLOAD_BYTES"):
        raise FileRefused(
            _("Filen er for stor (%(size)s). Største tillatte størrelse er %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit("MAX_UPLOAD_BYTES"))}
        )


def check_workbook_bytes(data: bytes) -> None:
    """Raise FileRefused unless `data` looks like a safe .xlsx package."""
    check_size(len(data))
    if data.startswith(OLE2_MAGIC):
        raise FileRefused(
            _(
                "Filen er i det gamle Excel-formatet (.xls), selv om navnet kan slutte på .xlsx. "
                "Åpne den i Excel og lagre som «Excel-arbeidsbok (.xlsx)», og last opp på nytt."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise FileRefused(
            _("Filen er ikke en Excel-arbeidsbok (.xlsx). Last opp CMRT- eller EMRT-filen i .xlsx-format.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileRefused(_("Filen er skadet og kan ikke leses som en Excel-arbeidsbok.")) from None
    with archive:
        _check_members(archive, infos)


def _bomb():
    return FileRefused(
        _(
            "Filen er avvist fordi innholdet pakker seg ut til mye mer enn en vanlig arbeidsbok "
            "(mulig «zip-bombe»). Kontroller filen med leverandøren."
        )
    )


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    names = {info.filename for info in infos}
    if any(part not in names for part in REQUIRED_PARTS):
        raise FileRefused(_("Filen er en zip-fil, men ikke en Excel-arbeidsbok (.xlsx)."))
    if len(infos) > limit("MAX_ZIP_MEMBERS"):
        raise _bomb()
    declared_total = sum(info.file_size for info in infos)
    if declared_total > limit("MAX_UNCOMPRESSED_BYTES"):
        raise _bomb()
    ratio = limit("MAX_COMPRESSION_RATIO")
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileRefused(_("Filen er kryptert eller passordbeskyttet. Be leverandøren sende en åpen fil."))
        # Small parts compress extremely well and are harmless; judge the ratio on large ones only.
        if info.file_size > 1024 * 1024 and info.file_size > ratio * max(info.compress_size, 1):
            raise _bomb()
    # The directory can lie about sizes: inflate every part with a hard cap on what is produced.
    budget = limit("MAX_UNCOMPRESSED_BYTES")
    try:
        for info in infos:
            with archive.open(info) as handle:
                head = handle.read(PROLOG_BYTES)
                produced = len(head)
                if info.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
                    raise FileRefused(_("Filen inneholder XML-konstruksjoner som ikke hører hjemme i en arbeidsbok."))
                if (
                    WORKSHEET_RE.match(info.filename)
                    and info.file_size > UNSIZED_SHEET_LIMIT
                    and b"<dimension" not in head
                ):
                    raise FileRefused(
                        _(
                            "Et ark i arbeidsboken mangler størrelsesinformasjonen Excel alltid lagrer. "
                            "Åpne filen i Excel, lagre den og last den opp på nytt."
                        )
                    )
                while chunk := handle.read(1024 * 1024):
                    produced += len(chunk)
                    if produced > budget:
                        raise _bomb()
                budget -= produced
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise FileRefused(_("Filen er skadet og kan ikke leses som en Excel-arbeidsbok.")) from None
