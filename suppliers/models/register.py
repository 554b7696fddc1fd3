"""The supplier register: suppliers (one row across organisations), each organisation's own view of
them (profile, contacts, certificates), and its contracts with their obligations and priority assessment.

A supplier is one record across organisations (same organisasjonsnummer, same
row). Its identity (name, numbers, country, address, Transparency-Act coverage)
is maintained by one organisation, its owner: the first to register it. Everything
an organisation learns or does about it belongs to that organisation
(docs/architecture-suppliers.md, "Who may change a shared supplier").
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
    """The supplier's identity, the same for every organisation that has it in its register."""

    class TransparencyAct(models.TextChoices):
        """Whether the supplier is registered as covered by åpenhetsloven; most are simply not yet classified."""

        UNKNOWN = "ukjent", _("Ikke vurdert")
        COVERED = "omfattet", _("Omfattet")
        NOT_COVERED = "ikke_omfattet", _("Ikke omfattet")

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
    transparency_act = models.CharField(
        _("åpenhetsloven"),
        max_length=15,
        choices=TransparencyAct.choices,
        default=TransparencyAct.UNKNOWN,
        help_text=_(
            "Større virksomheter er omfattet: de skal gjøre aktsomhetsvurderinger og svare på informasjonskrav. "
            "Velg «Ikke vurdert» når dere ikke vet."
        ),
    )
    # The organisation that maintains the identity above: the first registrant. Nobody else may
    # change it (suppliers.register.services.update_supplier); empty when the owner left, and
    # then the next organisation that registers the supplier takes it over.
    owner = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_suppliers",
        verbose_name=_("vedlikeholdes av"),
    )
    # Optimistic locking (core/concurrency.py): a stale second submit is refused, not applied.
    version = models.PositiveIntegerField(default=0, editable=False)
    # Organisations that added the supplier to their register (created it, or found it by its
    # number and added it); see suppliers.register.access.register_suppliers for the full rule.
    registered_by = models.ManyToManyField(
        Organization, blank=True, related_name="registered_suppliers", verbose_name=_("i registeret til")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # registered_by too: which organisation added the supplier to its register, and when.
    history = HistoricalRecords(m2m_fields=[registered_by])

    class Meta:
        ordering = ["name"]
        # The register list is ordered by name, pk: walking this index it stops after its page.
        indexes = [models.Index(fields=["name", "id"], name="supplier_name_idx")]
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
    def covered_by_transparency_act(self) -> bool:
        return self.transparency_act == self.TransparencyAct.COVERED

    @property
    def not_covered_by_transparency_act(self) -> bool:
        """Registered as outside the Act: only then does a § 6 request warn before it is sent."""
        return self.transparency_act == self.TransparencyAct.NOT_COVERED

    @property
    def identifier(self) -> str:
        return self.orgnr or f"{self.country.code} {self.foreign_id}"


class SupplierProfile(models.Model):
    """One organisation's own view of a shared supplier: what it has checked and noted itself.

    Memberships are each buyer's own finding (verified when it followed the supplier up), not
    identity; another organisation never sees them. A row is made on the organisation's first save.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="supplier_profiles")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="profiles")
    member_ethical_trade_norway = models.BooleanField(_("medlem av Etisk handel Norge"), default=False)
    member_rba = models.BooleanField(_("medlem av RBA"), default=False)
    member_global_compact = models.BooleanField(_("tilsluttet FNs Global Compact"), default=False)
    notes = models.TextField(_("egne notater"), blank=True)
    # Optimistic locking; a saved profile starts at 1, so 0 means "none saved yet" in a form.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "supplier"], name="uniq_supplier_profile_per_org")
        ]
        verbose_name = _("egne opplysninger om leverandør")
        verbose_name_plural = _("egne opplysninger om leverandører")

    def __str__(self):
        return str(self.supplier)

    @property
    def memberships(self) -> list[str]:
        names = [
            (self.member_ethical_trade_norway, _("Etisk handel Norge")),
            (self.member_rba, _("RBA")),
            (self.member_global_compact, _("UN Global Compact")),
        ]
        return [str(label) for present, label in names if present]


class SupplierContact(models.Model):
    """A person at the supplier, as one organisation knows them."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="supplier_contacts")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=150)
    role = models.CharField(_("rolle"), max_length=150, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    # Optimistic locking (core/concurrency.py): the edit form carries it, every save bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        # One organisation's suppliers read from the index alone (access.register_pks).
        indexes = [models.Index(fields=["organization", "supplier"], name="suppliercontact_org_sup_idx")]
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
        NORDIC_SWAN = "svanemerket", _("Svanemerket")
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
    # Optimistic locking (core/concurrency.py): the edit form carries it, every save bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    # Warn this long before a certificate expires.
    WARN_DAYS = 60

    class Meta:
        ordering = ["valid_until"]
        # One organisation's suppliers read from the index alone (access.register_pks).
        indexes = [models.Index(fields=["organization", "supplier"], name="certificate_org_sup_idx")]
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
        HIGH = "hoy", _("Høy")
        MEDIUM = "middels", _("Middels")
        LOW = "lav", _("Lav")

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
    # Set by suppliers.register.priority from the assessment, kept here so lists can sort and filter.
    priority = models.CharField(_("prioritet"), max_length=10, choices=Priority.choices, blank=True)
    priority_score = models.PositiveSmallIntegerField(_("prioritetspoeng"), null=True, blank=True)
    planned_followups = models.PositiveSmallIntegerField(
        _("planlagte særskilte oppfølginger"),
        default=0,
        help_text=_("For eksempel fabrikkrevisjoner eller målrettede oppfølginger i kontraktsperioden."),
    )
    followup_plan = models.TextField(_("oppfølgingsplan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking of the edit form (core/concurrency.py): a stale submit cannot revert another's save.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [
            models.Index(fields=["organization", "priority"]),
            # The portfolio's order within one priority (selectors.PortfolioPages): a page is an
            # index range instead of a sort of every contract.
            models.Index(
                fields=["organization", "priority", "-priority_score", "end_date", "title", "id"],
                name="contract_portfolio_idx",
            ),
        ]
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
    """Bergen's factors for special follow-up, one row per contract (see suppliers/register/priority.py)."""

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
    # As SupplierProfile: a saved assessment starts at 1, so 0 in a form means "none saved yet".
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prioriteringsvurdering")
        verbose_name_plural = _("prioriteringsvurderinger")

    def __str__(self):
        return f"{self.contract} prioritering"
