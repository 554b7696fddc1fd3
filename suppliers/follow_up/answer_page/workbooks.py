"""Minerals workbooks on the answer page, without suppliers importing battery_chain.

battery_chain (which depends on suppliers, not the other way round) registers
at start-up the check a workbook must pass (the minerals import's safety
checks and parser) and the URL where a follower previews and accepts one.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

_checker: Callable[[bytes], None] | None = None
_review_url_name: str | None = None


def register(*, checker: Callable[[bytes], None], review_url_name: str) -> None:
    global _checker, _review_url_name
    _checker, _review_url_name = checker, review_url_name


def check(data: bytes) -> None:
    """Raise ValidationError (Norwegian) if the bytes are not a readable CMRT/EMRT workbook."""
    if _checker is None:
        raise ValidationError(_("Mineralrapporter kan ikke tas imot her."))
    _checker(data)


def review_url(attachment_id: int) -> str:
    return reverse(_review_url_name, args=[attachment_id]) if _review_url_name else ""
