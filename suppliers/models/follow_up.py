"""Follow-up cases: letters (due-diligence requests) from templates, answers with attachments,
deviations with corrective actions, escalation steps, reminders.

A follow-up case belongs to one organisation and may be shared on purpose with
named other organisations (read or co-edit), as Bergen did with other buyers.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization

from .register import Contract, Obligation, Supplier, SupplierContact


class Case(models.Model):
    """A follow-up case (oppfølgingssak): letters, answers, deviations and escalation about one supplier."""

    class Status(models.TextChoices):
        OPEN = "apen", _("Åpen")
        CLOSED = "lukket", _("Lukket")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="cases")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, null=True, blank=True, related_name="cases")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="cases", verbose_name=_("leverandør"))
    title = models.CharField(_("tittel"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    shared_with = models.ManyToManyField(Organization, through="CaseShare", related_name="shared_cases", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The case list, newest first: walking this index it stops after its page instead of
            # joining, counting and sorting every case the organisation sees.
            models.Index(fields=["created_at", "id"], name="case_created_idx"),
            # One organisation's suppliers read from the index alone (access.register_pks).
            models.Index(fields=["organization", "supplier"], name="case_org_sup_idx"),
        ]
        verbose_name = _("oppfølgingssak")
        verbose_name_plural = _("oppfølgingssaker")

    def __str__(self):
        return self.title


class CaseShare(models.Model):
    class Access(models.TextChoices):
        READ = "les", _("Lese")
        EDIT = "rediger", _("Lese og redigere")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="case_shares")
    access = models.CharField(_("tilgang"), max_length=10, choices=Access.choices, default=Access.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who let which organisation in, with what access, and who took it away again.
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "organization"], name="uniq_case_share")]
        verbose_name = _("deling")
        verbose_name_plural = _("delinger")

    def __str__(self):
        return f"{self.case} → {self.organization}"


class RequestType(models.TextChoices):
    EXPECTATIONS = "forventningsbrev", _("Forventningsbrev")
    SAQ = "egenerklaering", _("Egenerklæring (SAQ)")
    TRANSPARENCY_ACT = "apenhetsloven", _("Informasjonskrav etter åpenhetsloven § 6")
    CONTRACT_DOCUMENTATION = "kontraktskrav", _("Dokumentasjon av kontraktskrav")
    MINERALS_REPORT = "mineralrapport", _("Mineralrapport (CMRT/EMRT)")


class LetterTemplate(models.Model):
    """Text with {placeholders} and a list of questions; national (organization empty) or an organisation's own."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="letter_templates"
    )
    request_type = models.CharField(_("type"), max_length=30, choices=RequestType.choices)
    name = models.CharField(_("navn"), max_length=150)
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("brevtekst"))
    questions = models.JSONField(_("spørsmål"), default=list, blank=True)
    # Optimistic locking (core/concurrency.py): the edit form carries it, every save bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request_type", "name"]
        verbose_name = _("brevmal")
        verbose_name_plural = _("brevmaler")

    def __str__(self):
        return self.name


class LetterTemplateShare(models.Model):
    """An organisation's own letter template shared with a named other organisation: it may pick the
    template for its letters, not change it. Removing the row revokes the sharing."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="shared_letter_templates")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["template", "organization"], name="uniq_letter_template_share")]
        verbose_name = _("deling av brevmal")
        verbose_name_plural = _("delinger av brevmaler")

    def __str__(self):
        return f"{self.template} → {self.organization}"


class DueDiligenceRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "utkast", _("Utkast")
        SENT = "sendt", _("Sendt")
        CHASED = "purret", _("Purret")
        ANSWERED = "besvart", _("Besvart")
        UNDER_REVIEW = "under_vurdering", _("Under vurdering")
        APPROVED = "godkjent", _("Godkjent")
        FOLLOW_UP_REQUIRED = "oppfolging_kreves", _("Oppfølging kreves")
        OVERDUE = "forfalt", _("Forfalt")
        ESCALATED = "eskalert", _("Eskalert")
        REFUSED = "avslatt", _("Avslått")
        CLOSED = "lukket", _("Lukket")

    class RefusalGround(models.TextChoices):
        """Åpenhetsloven § 6 third paragraph (a) to (d): the only grounds on which a request may be refused."""

        UNCLEAR = "uklart", _("Kravet gir ikke nok grunnlag til å forstå hva det gjelder (§ 6 tredje ledd a)")
        UNREASONABLE = "urimelig", _("Kravet er åpenbart urimelig (§ 6 tredje ledd b)")
        PERSONAL_DATA = "personopplysninger", _("Informasjonen gjelder personlige forhold (§ 6 tredje ledd c)")
        TRADE_SECRETS = (
            "forretningshemmelighet",
            _(
                "Informasjonen er drifts- eller forretningsforhold som av konkurransehensyn bør holdes hemmelig "
                "(§ 6 tredje ledd d)"
            ),
        )

    class ExtensionSource(models.TextChoices):
        ANSWER_PAGE = "svarside", _("Via svarsiden")
        OFFICER = "registrert", _("Registrert av oss")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requests")
    request_type = models.CharField(_("type"), max_length=30, choices=RequestType.choices)
    template = models.ForeignKey(LetterTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("brevtekst"))
    questions = models.JSONField(_("spørsmål"), default=list, blank=True)
    contact = models.ForeignKey(
        SupplierContact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("mottaker")
    )
    remind_supplier = models.BooleanField(_("send påminnelser også til leverandøren"), default=False)
    co_signers = models.ManyToManyField(
        Organization, blank=True, related_name="co_signed_requests", verbose_name=_("medavsendere")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("sendt"), null=True, blank=True)
    deadline = models.DateField(_("svarfrist"), null=True, blank=True)
    # Åpenhetsloven § 6 counts from the day the supplier received the request (set to the sent day
    # when the letter is sent; the follower may correct it).
    received_on = models.DateField(_("mottatt av leverandøren"), null=True, blank=True)
    # The supplier's notice that it will answer within the longer period (§ 6 second paragraph).
    extension_notified_on = models.DateField(_("varslet utsatt frist"), null=True, blank=True)
    extension_reason = models.TextField(_("begrunnelse for utsatt frist"), blank=True)
    extension_source = models.CharField(max_length=12, choices=ExtensionSource.choices, blank=True)
    # A refusal on one of the law's grounds is the supplier's answer, not a missing one.
    refused_on = models.DateField(_("avslått"), null=True, blank=True)
    refusal_ground = models.CharField(
        _("grunnlag for avslaget"), max_length=30, choices=RefusalGround.choices, blank=True
    )
    refusal_note = models.TextField(_("begrunnelse for avslaget"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The draft's edit form carries it (update_draft); sending needs no version, a sent letter is not edited.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="avslatt")
                | (~models.Q(refusal_ground="") & models.Q(refused_on__isnull=False)),
                name="refused_request_has_a_ground",
            ),
        ]
        verbose_name = _("aktsomhetsforespørsel")
        verbose_name_plural = _("aktsomhetsforespørsler")

    def __str__(self):
        return self.subject


class RequestEvent(models.Model):
    """Every transition of a request, with who, when and why."""

    request = models.ForeignKey(DueDiligenceRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    comment = models.TextField(_("kommentar"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Reminder(models.Model):
    """One reminder e-mail; the unique constraint is what makes each go out exactly once."""

    class Recipient(models.TextChoices):
        FOLLOWER = "oppfolger", _("Kontraktsoppfølger")
        SUPPLIER = "leverandor", _("Leverandør")

    request = models.ForeignKey(DueDiligenceRequest, on_delete=models.CASCADE, related_name="reminders")
    offset_days = models.SmallIntegerField(help_text="Days relative to the deadline: negative before, positive after.")
    # The deadline the reminder was about: a deadline moved later (an extension notice, a new received
    # day, a new round) gets its own reminders instead of being blocked by the old ones.
    deadline = models.DateField(null=True, blank=True)
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "deadline", "offset_days", "recipient"], name="uniq_reminder"),
        ]

    def __str__(self):
        return f"{self.request_id} {self.offset_days:+d} {self.recipient}"


class Response(models.Model):
    class Assessment(models.TextChoices):
        SATISFACTORY = "tilfredsstillende", _("Tilfredsstillende")
        PARTLY_SATISFACTORY = "delvis", _("Delvis tilfredsstillende")
        UNSATISFACTORY = "ikke", _("Ikke tilfredsstillende")

    request = models.ForeignKey(DueDiligenceRequest, on_delete=models.CASCADE, related_name="responses")
    received_on = models.DateField(_("mottatt"))
    answers = models.JSONField(_("svar per spørsmål"), default=list, blank=True)
    text = models.TextField(_("svar (fritekst)"), blank=True)
    assessment = models.CharField(_("vurdering"), max_length=20, choices=Assessment.choices, blank=True)
    reasoning = models.TextField(_("begrunnelse for vurderingen"), blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self):
        return f"{self.request} {self.received_on}"


class Attachment(models.Model):
    """A file a supplier sent; stored under a generated name, downloaded through a permission check."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="private/attachments/")
    original_name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["original_name"]
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")

    def __str__(self):
        return self.original_name


class Deviation(models.Model):
    class Severity(models.TextChoices):
        LOW = "lav", _("Lav")
        MEDIUM = "middels", _("Middels")
        HIGH = "hoy", _("Høy")
        CRITICAL = "kritisk", _("Kritisk")

    class Status(models.TextChoices):
        OPEN = "apen", _("Åpen")
        CLOSED = "lukket", _("Lukket")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deviations")
    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deviations",
        verbose_name=_("brutt forpliktelse"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    severity = models.CharField(_("alvorlighet"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    found_on = models.DateField(_("oppdaget"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("lukket"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-found_on"]
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")

    def __str__(self):
        return self.title


class CorrectiveAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "apen", _("Åpen")
        DONE = "utfort", _("Utført")
        WAIVED = "frafalt", _("Frafalt")

    deviation = models.ForeignKey(Deviation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("tiltak"))
    owner = models.CharField(_("ansvarlig"), max_length=150, help_text=_("Hos leverandøren eller hos oss."))
    due_date = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    waiver_reason = models.TextField(_("begrunnelse for å frafalle"), blank=True)
    closed_on = models.DateField(_("lukket"), null=True, blank=True)
    # Optimistic locking (core/concurrency.py): the edit form carries it, every save bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("korrigerende tiltak")
        verbose_name_plural = _("korrigerende tiltak")

    def __str__(self):
        return self.description[:60]


class EscalationStep(models.Model):
    class Kind(models.TextChoices):
        NEW_LETTER = "nytt_brev", _("Nytt brev")
        MEETING = "mote", _("Møte")
        COMPLAINT_NOTICE = "varsel_klage", _("Varsel om klage")
        OECD_NCP = "oecd_ncp", _("Klage til OECDs kontaktpunkt (NCP Norge)")
        CONSUMER_AUTHORITY = "forbrukertilsynet", _("Melding til Forbrukertilsynet")
        REPLACE_MANUFACTURER = "bytte_produsent", _("Bytte av produsent")
        TERMINATION = "heving", _("Heving av kontrakten")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(_("steg"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("dato"))
    with_whom = models.CharField(_("med hvem"), max_length=200, blank=True)
    note = models.TextField(_("notat"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("eskaleringssteg")
        verbose_name_plural = _("eskaleringssteg")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}"
