"""One row per e-mail of a letter: the exact bytes, their SHA-256 and whether they went out.

The message is built once, in the transaction that queues it, and stored whole
(headers, body, the letter PDF). The task sends those bytes and nothing else,
so what the request page shows as sent is byte for byte what the supplier got.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterSend(models.Model):
    class Status(models.TextChoices):
        QUEUED = "i_ko", _("I kø")
        SENT = "sendt", _("Sendt")
        FAILED = "feilet", _("Feilet")

    request = models.ForeignKey("suppliers.DueDiligenceRequest", on_delete=models.CASCADE, related_name="mails")
    recipients = models.JSONField(_("mottakere"), default=list)
    reply_to = models.EmailField(_("svar til"), blank=True)
    subject = models.CharField(_("emne"), max_length=250)
    language = models.CharField(_("språk"), max_length=5, default="nb")
    message = models.BinaryField(_("e-posten slik den ble sendt"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("feilmelding"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("utsendt e-post")
        verbose_name_plural = _("utsendte e-poster")

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)}"
