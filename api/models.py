"""API tokens: one organisation's key to its own data through /api/v1/.

Only a SHA-256 digest of the secret is stored; the secret is shown once, when the
token is made. A token is never deleted, only revoked, so the log keeps who made
and revoked it.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization

PREFIX_LENGTH = 8


def digest(secret: str) -> str:
    # The secret is 256 random bits, so a fast hash is enough (no dictionary to guard against).
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return "ga_" + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Hva eller hvem nøkkelen er til, for eksempel «Statistikk til KS».")
    )
    prefix = models.CharField(_("starter med"), max_length=PREFIX_LENGTH + 3, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("laget"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["last_used_at", "key_digest"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "revoked_at"])]
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
