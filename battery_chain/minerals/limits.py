"""Limits for uploaded workbooks; each can be overridden in settings (MINERALS_<NAME>)."""

from django.conf import settings

DEFAULTS = {
    # A filled-in CMRT or EMRT is well under 2 MB; the limits leave room without inviting abuse.
    "MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
    "MAX_UNCOMPRESSED_BYTES": 150 * 1024 * 1024,
    "MAX_COMPRESSION_RATIO": 200,
    "MAX_ZIP_MEMBERS": 1000,
    # Rows with content in the Smelter List or Mine List.
    "MAX_ROWS": 5000,
    # Rows read at most from a list sheet, empty or not (formatted blank rows count here).
    "MAX_SCANNED_ROWS": 50000,
    "DECLARATION_ROWS": 250,
    "PENDING_MAX_AGE_SECONDS": 60 * 60,
}


def limit(name: str) -> int:
    return int(getattr(settings, f"MINERALS_{name}", DEFAULTS[name]))
