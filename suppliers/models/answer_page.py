"""Answer links, what the supplier does through them, and the drafts they keep.

The token itself is never stored: only its SHA-256. A link opens one request
and nothing else; it stops working when it expires (the deadline + 30 days),
when the follower revokes it, or once the answer has been submitted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnswerLink(models.Model):
    request = models.ForeignKey("suppliers.DueDiligenceRequest", on_delete=models.CASCADE, related_name="answer_links")
    mail = models.OneToOneField(
        "suppliers.LetterSend", on_delete=models.SET_NULL, null=True, blank=True, related_name="answer_link"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=5, default="nb")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_opened_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The supplier's draft: one answer per question of the letter, and free text.
    draft_answers = models.JSONField(default=list, blank=True)
    draft_text = models.TextField(blank=True)
    extension_requested_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("svarlenke")
        verbose_name_plural = _("svarlenker")

    def __str__(self):
        return f"svarlenke {self.pk} for forespørsel {self.request_id}"

    @property
    def state(self) -> str:
        """open, revoked, expired or submitted; the order of the checks is the order of the reasons shown."""
        if self.revoked_at:
            return "revoked"
        if self.submitted_at:
            return "submitted"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class AnswerLinkVisit(models.Model):
    """Every request to the answer page, valid token or not (link empty when no link matched)."""

    class Action(models.TextChoices):
        VIEW = "vis", _("Åpnet")
        SAVE = "lagre", _("Lagret utkast")
        UPLOAD = "last_opp", _("Lastet opp fil")
        REFUSED_UPLOAD = "avvist_fil", _("Fil avvist")
        REMOVE_FILE = "fjern_fil", _("Fjernet fil")
        EXTENSION = "utsettelse", _("Varslet utsatt frist")
        REFUSAL = "avslag", _("Avslo forespørselen")
        SUBMIT = "send_inn", _("Sendte inn svaret")
        DENIED = "avvist", _("Avvist lenke")
        THROTTLED = "struper", _("For mange forsøk")

    link = models.ForeignKey(AnswerLink, on_delete=models.CASCADE, null=True, blank=True, related_name="visits")
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=250, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["link", "action"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class AnswerFile(models.Model):
    """A file the supplier uploaded on the answer page, waiting for the submit (then it becomes an Attachment)."""

    class Kind(models.TextChoices):
        ATTACHMENT = "vedlegg", _("Vedlegg")
        WORKBOOK = "mineralrapport", _("Mineralrapport (CMRT/EMRT)")

    link = models.ForeignKey(AnswerLink, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="private/answer_page/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class AnswerSubmission(models.Model):
    """Marks a Response as received through the answer page, and which uploads were minerals workbooks."""

    link = models.OneToOneField(AnswerLink, on_delete=models.CASCADE, related_name="submission")
    response = models.OneToOneField("suppliers.Response", on_delete=models.CASCADE, related_name="submission")
    workbooks = models.ManyToManyField("suppliers.Attachment", blank=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"svar {self.response_id} via svarlenke {self.link_id}"
