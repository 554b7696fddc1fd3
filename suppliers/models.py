"""Suppliers, contracts and the follow-up of their supply chains.

A supplier is one record across organisations (same organisasjonsnummer, same
row); everything an organisation learns or does about it — contacts,
certificates, contracts, cases, letters, answers, deviations — belongs to that
organisation. A follow-up case may be shared on purpose with named other
organisations (read or co-edit), as Bergen did with other buyers.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.models import Organization
from core.validators import validate_orgnr
from criteria.models import Category
from procurement.models import Procurement, Requirement


class Supplier(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    orgnr = models.CharField(
        _("organisasjonsnummer"),
        max_length=9,
        blank=True,
        validators=[validate_orgnr],
        help_text=_("Norske foretak. Utenlandske: bruk utenlandsk identifikator og land."),
    )
    foreign_id = models.CharField(_("utenlandsk identifikator"), max_length=60, blank=True)
    country = CountryField(_("land"), default="NO")
    address = models.TextField(_("adresse"), blank=True)
    covered_by_transparency_act = models.BooleanField(
        _("omfattet av åpenhetsloven"),
        default=False,
        help_text=_("Større virksomheter som skal gjøre aktsomhetsvurderinger og svare på informasjonskrav."),
    )
    member_ethical_trade_norway = models.BooleanField(_("medlem av Etisk handel Norge"), default=False)
    member_rba = models.BooleanField(_("medlem av RBA"), default=False)
    member_global_compact = models.BooleanField(_("tilsluttet FNs Global Compact"), default=False)
    # Organisations that added the supplier to their register (created it, or found it by its
    # number and added it); see suppliers.selectors_register.register_suppliers for the full rule.
    registered_by = models.ManyToManyField(
        Organization, blank=True, related_name="registered_suppliers", verbose_name=_("i registeret til")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["orgnr"], condition=~Q(orgnr=""), name="uniq_supplier_orgnr"),
            models.UniqueConstraint(
                fields=["country", "foreign_id"], condition=~Q(foreign_id=""), name="uniq_supplier_foreign_id"
            ),
            models.CheckConstraint(condition=~Q(orgnr="") | ~Q(foreign_id=""), name="supplier_has_an_identifier"),
        ]
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")

    def __str__(self):
        return self.name

    @property
    def identifier(self) -> str:
        return self.orgnr or f"{self.country.code} {self.foreign_id}"


class SupplierContact(models.Model):
    """A person at the supplier, as one organisation knows them."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="supplier_contacts")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=150)
    role = models.CharField(_("rolle"), max_length=150, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return self.name


class Certificate(models.Model):
    class Kind(models.TextChoices):
        ISO14001 = "iso14001", _("ISO 14001")
        EMAS = "emas", _("EMAS")
        ECOVADIS = "ecovadis", _("EcoVadis")
        TCO = "tco", _("TCO Certified")
        SVANEMERKET = "svanemerket", _("Svanemerket")
        OTHER = "annet", _("Annet")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="supplier_certificates")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("sertifikat eller merke"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("navn"), max_length=150, blank=True, help_text=_("For «Annet», eller produktet merket gjelder.")
    )
    score = models.PositiveSmallIntegerField(
        _("poeng"), null=True, blank=True, validators=[MaxValueValidator(100)], help_text=_("EcoVadis-poeng 0–100.")
    )
    valid_until = models.DateField(_("gyldig til"), null=True, blank=True)
    history = HistoricalRecords()

    # Warn this long before a certificate expires.
    WARN_DAYS = 60

    class Meta:
        ordering = ["valid_until"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikater")

    def __str__(self):
        return self.name or self.get_kind_display()

    @property
    def expires_soon(self) -> bool:
        today = timezone.localdate()
        return self.valid_until is not None and today <= self.valid_until <= today + timedelta(days=self.WARN_DAYS)

    @property
    def expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()


class Contract(models.Model):
    class Priority(models.TextChoices):
        HOY = "hoy", _("Høy")
        MIDDELS = "middels", _("Middels")
        LAV = "lav", _("Lav")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contracts")
    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("anskaffelse"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    reference = models.CharField(_("kontraktsnummer"), max_length=40, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("kategori")
    )
    suppliers = models.ManyToManyField(Supplier, related_name="contracts", verbose_name=_("leverandører"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("slutt"))
    option_months = models.PositiveSmallIntegerField(_("opsjoner (måneder)"), default=0)
    value = models.DecimalField(_("verdi (NOK eks. mva.)"), max_digits=14, decimal_places=0, null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_contracts",
        verbose_name=_("kontraktsoppfølger"),
    )
    # Set by suppliers.priority from the assessment, kept here so lists can sort and filter.
    priority = models.CharField(_("prioritet"), max_length=10, choices=Priority.choices, blank=True)
    priority_score = models.PositiveSmallIntegerField(_("prioritetspoeng"), null=True, blank=True)
    planned_followups = models.PositiveSmallIntegerField(
        _("planlagte særskilte oppfølginger"),
        default=0,
        help_text=_("For eksempel fabrikkrevisjoner eller målrettede oppfølginger i kontraktsperioden."),
    )
    followup_plan = models.TextField(_("oppfølgingsplan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["organization", "priority"])]
        verbose_name = _("kontrakt")
        verbose_name_plural = _("kontrakter")

    def __str__(self):
        return self.title


class Obligation(models.Model):
    """A contract term to follow up; copied from the tender's contract clauses when there is a tender."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.SET_NULL, null=True, blank=True, related_name="obligations"
    )
    number = models.CharField(_("nummer"), max_length=10, blank=True)
    title = models.CharField(_("tittel"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    human_rights = models.BooleanField(_("menneskerettigheter"), default=False)
    # A value the supplier promised in its bid (e.g. share of zero-emission vehicles), so
    # follow-up can log what was delivered against it; empty for ordinary contract terms.
    target = models.DecimalField(_("mål"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("enhet"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "number", "pk"]
        verbose_name = _("kontraktsforpliktelse")
        verbose_name_plural = _("kontraktsforpliktelser")

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class PriorityAssessment(models.Model):
    """Bergen's factors for special follow-up, one row per contract (see suppliers/priority.py)."""

    contract = models.OneToOneField(Contract, on_delete=models.CASCADE, related_name="assessment")
    immature_supplier = models.BooleanField(_("umoden leverandør"), default=False)
    known_breaches = models.BooleanField(_("kjente brudd (medier eller andre kilder)"), default=False)
    high_risk_countries = models.BooleanField(_("produksjon eller utvinning i høyrisikoland"), default=False)
    strong_market_position = models.BooleanField(_("sterk markedsposisjon som kan påvirke kjeden"), default=False)
    low_credibility = models.BooleanField(_("lite troverdig egenoppfølging"), default=False)
    strategic_importance = models.BooleanField(_("strategisk viktig kontrakt"), default=False)
    important_customer = models.BooleanField(_("vi er en viktig kunde for leverandøren"), default=False)
    unknown_risk = models.BooleanField(_("ukjent risiko og lite kunnskap"), default=False)
    comment = models.TextField(_("kommentar"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prioriteringsvurdering")
        verbose_name_plural = _("prioriteringsvurderinger")

    def __str__(self):
        return f"{self.contract} prioritering"


class Case(models.Model):
    """A follow-up case (oppfølgingssak): letters, answers, deviations and escalation about one supplier."""

    class Status(models.TextChoices):
        AAPEN = "apen", _("Åpen")
        LUKKET = "lukket", _("Lukket")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="cases")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, null=True, blank=True, related_name="cases")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="cases", verbose_name=_("leverandør"))
    title = models.CharField(_("tittel"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AAPEN)
    shared_with = models.ManyToManyField(Organization, through="CaseShare", related_name="shared_cases", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["request_type", "name"]
        verbose_name = _("brevmal")
        verbose_name_plural = _("brevmaler")

    def __str__(self):
        return self.name


class DueDiligenceRequest(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        SENDT = "sendt", _("Sendt")
        PURRET = "purret", _("Purret")
        BESVART = "besvart", _("Besvart")
        UNDER_VURDERING = "under_vurdering", _("Under vurdering")
        GODKJENT = "godkjent", _("Godkjent")
        OPPFOLGING_KREVES = "oppfolging_kreves", _("Oppfølging kreves")
        FORFALT = "forfalt", _("Forfalt")
        ESKALERT = "eskalert", _("Eskalert")
        LUKKET = "lukket", _("Lukket")

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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    sent_on = models.DateField(_("sendt"), null=True, blank=True)
    deadline = models.DateField(_("svarfrist"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]
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
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "offset_days", "recipient"], name="uniq_reminder"),
        ]

    def __str__(self):
        return f"{self.request_id} {self.offset_days:+d} {self.recipient}"


class Response(models.Model):
    class Assessment(models.TextChoices):
        TILFREDSSTILLENDE = "tilfredsstillende", _("Tilfredsstillende")
        DELVIS = "delvis", _("Delvis tilfredsstillende")
        IKKE = "ikke", _("Ikke tilfredsstillende")

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

    class Meta:
        ordering = ["original_name"]
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")

    def __str__(self):
        return self.original_name


class Deviation(models.Model):
    class Severity(models.TextChoices):
        LAV = "lav", _("Lav")
        MIDDELS = "middels", _("Middels")
        HOY = "hoy", _("Høy")
        KRITISK = "kritisk", _("Kritisk")

    class Status(models.TextChoices):
        AAPEN = "apen", _("Åpen")
        LUKKET = "lukket", _("Lukket")

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
    severity = models.CharField(_("alvorlighet"), max_length=10, choices=Severity.choices, default=Severity.MIDDELS)
    found_on = models.DateField(_("oppdaget"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AAPEN)
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
        AAPEN = "apen", _("Åpen")
        UTFORT = "utfort", _("Utført")
        FRAFALT = "frafalt", _("Frafalt")

    deviation = models.ForeignKey(Deviation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("tiltak"))
    owner = models.CharField(_("ansvarlig"), max_length=150, help_text=_("Hos leverandøren eller hos oss."))
    due_date = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AAPEN)
    waiver_reason = models.TextField(_("begrunnelse for å frafalle"), blank=True)
    closed_on = models.DateField(_("lukket"), null=True, blank=True)
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
