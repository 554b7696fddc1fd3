"""Answer-link tokens: 256 random bits in the URL, only their SHA-256 in the database.

A stolen database backup therefore opens no answer page. The lookup is by the
hash (a unique index), so no comparison of secrets happens in Python.
"""

import hashlib
import secrets
from datetime import datetime, time, timedelta

from django.utils import timezone

from suppliers.models import AnswerLink

# The link stays usable this long after the answer deadline, for late answers.
DAYS_AFTER_DEADLINE = 30
TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry_for(req) -> datetime:
    deadline = req.deadline or timezone.localdate()
    last_day = deadline + timedelta(days=DAYS_AFTER_DEADLINE)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59, 59)))


def issue(*, req, language: str, mail=None) -> tuple[AnswerLink, str]:
    """A new link for this request; the raw token is returned once and never stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = AnswerLink.objects.create(
        request=req, mail=mail, token_hash=hash_token(token), language=language, expires_at=expiry_for(req)
    )
    return link, token


def find(token: str) -> AnswerLink | None:
    """The link this token opens, whatever its state; None for a token that matches nothing."""
    if not token or len(token) > 100:
        return None
    return (
        AnswerLink.objects.select_related("request__case__organization", "request__case__supplier")
        .filter(token_hash=hash_token(token))
        .first()
    )
