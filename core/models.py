import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.roles import Role
from core.validators import validate_orgnr


class Organization(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Kommune")
        COUNTY = "fylkeskommune", _("Fylkeskommune")
        STATE_AGENCY = "statlig", _("Statlig virksomhet")
        PUBLIC_ENTERPRISE = "foretak", _("Offentlig foretak")

    name = models.CharField(_("navn"), max_length=200)
    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True, validators=[validate_orgnr])
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # One organisation owns the national library; its library editors publish it.
    is_national_library = models.BooleanField(
        _("eier det nasjonale biblioteket"),
        default=False,
        help_text=_("Biblioteksredaktørene her publiserer nasjonale kriterier, brevmaler og referansedata."),
    )
    # The national library's four-eyes rule, switched on for the organisation's own library.
    four_eyes_local_library = models.BooleanField(
        _("to redaktører må godkjenne lokale kriterier"),
        default=False,
        help_text=_("En ny revisjon av et lokalt kriterium publiseres først når en annen redaktør godkjenner den."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking of the settings form (core/concurrency.py): two administrators cannot revert each other.
    # A database default too: code that predates the column (a migration test's older model state, the old
    # release during a deploy) still inserts organisations.
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_national_library"],
                condition=models.Q(is_national_library=True),
                name="one_national_library_organization",
            )
        ]
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")

    def __str__(self):
        return self.name


class OrganizationLogo(models.Model):
    """The organisation's logo for its documents, uploaded by its admin (core.logos checks and normalises it).

    Stored as a PNG under a generated name in private storage; served only to the
    organisation's members (core:logo_image) and embedded in PDFs and DOCX files as data.
    """

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="logo")
    image = models.FileField(_("logo"), upload_to="private/logos/")
    width = models.PositiveIntegerField(_("bredde (piksler)"))
    height = models.PositiveIntegerField(_("høyde (piksler)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    original_name = models.CharField(_("opprinnelig filnavn"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("lastet opp"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logoer")

    def __str__(self):
        # No organisation name: the activity feed lists many rows and must not fetch one per row.
        return _("Logo (%(name)s)") % {"name": self.original_name}


class Membership(models.Model):
    """One role of one user in one organisation; several rows give several roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name", "user__username", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership_role")]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=Invitation.VALID_DAYS)


class Invitation(models.Model):
    """An org-admin's invitation of a person by e-mail, accepted through a secret link."""

    VALID_DAYS = 14

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-post"))
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class GeneratedDocument(models.Model):
    """A PDF made by a background job; concrete models add what it is made from.

    The row is the job's source of truth: the page polls its status, and the
    file is set only once it is completely written.
    """

    class Status(models.TextChoices):
        QUEUED = "i_ko", _("I kø")
        RENDERING = "genereres", _("Genereres")
        READY = "klar", _("Klar")
        FAILED = "feilet", _("Feilet")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("bestilt av")
    )
    requested_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    file = models.FileField(_("fil"), upload_to="private/documents/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size_bytes = models.PositiveIntegerField(_("størrelse (byte)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True)
    render_seconds = models.FloatField(_("genereringstid (s)"), null=True, blank=True)
    error = models.TextField(_("feilmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    # The Celery task rendering it now: a redelivery of the same task (its worker was
    # killed) may take the job over at once instead of waiting for the sweeper.
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.READY, self.Status.FAILED}


class DocumentJob(GeneratedDocument):
    """A PDF ordered from a page (a letter, a report) and made by the worker.

    The app that registered the kind (core.documents.register_kind) says how to
    render it from `params` and who may still see its source; the row belongs to
    the organisation it was ordered in.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(_("type"), max_length=60)
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("tittel"), max_length=300)
    filename = models.CharField(_("filnavn"), max_length=200)
    history = HistoricalRecords(excluded_fields=["error"])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["organization", "kind", "status"])]
        verbose_name = _("PDF-dokument")
        verbose_name_plural = _("PDF-dokumenter")

    def __str__(self):
        return self.title
