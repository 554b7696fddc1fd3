"""Procurements and their tender: needs assessment, requirements, award criteria, checklist.

Rule parameters (thresholds, the § 7-9 minimum) are rows with validity dates,
never literals in code: the law changes and old procurements keep the rules of
their own date.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import GeneratedDocument, Organization
from criteria.models import Category, Criterion, CriterionRevision, Kind, Level

PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


class ProcurementKind(models.TextChoices):
    GOODS = "varer", _("Varer")
    SERVICES = "tjenester", _("Tjenester")
    WORKS = "bygg_og_anlegg", _("Bygg og anlegg")
    SPECIAL_SERVICES = "saerlige_tjenester", _("Helse- og sosialtjenester og andre særlige tjenester")


class BuyerType(models.TextChoices):
    STATE = "statlig", _("Statlig myndighet")
    OTHER = "annen", _("Annen offentlig oppdragsgiver")
    UTILITIES = "forsyning", _("Forsyningssektoren")


class DatedRuleValue(models.Model):
    """A number the law sets, valid from a date (and until one, when the next is known)."""

    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def value_of(self) -> Decimal:
        raise NotImplementedError


class Threshold(DatedRuleValue):
    """A threshold value (NOK ex. VAT) for a kind of purchase, valid for a period."""

    class Key(models.TextChoices):
        RULES_APPLY = "forskrift", _("Nedre grense for anskaffelsesforskriften")
        NATIONAL = "nasjonal", _("Nasjonal terskelverdi")
        EEA = "eos", _("EØS-terskelverdi")

    key = models.CharField(_("terskel"), max_length=20, choices=Key.choices)
    buyer_type = models.CharField(_("oppdragsgiver"), max_length=20, choices=BuyerType.choices, blank=True)
    kind = models.CharField(_("type anskaffelse"), max_length=30, choices=ProcurementKind.choices, blank=True)
    amount = models.DecimalField(_("beløp (NOK eks. mva.)"), max_digits=14, decimal_places=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "buyer_type", "kind", "-valid_from"]
        verbose_name = _("terskelverdi")
        verbose_name_plural = _("terskelverdier")

    def __str__(self):
        return f"{self.get_key_display()} {self.amount} ({self.valid_from}–{self.valid_to or ''})"

    def value_of(self) -> Decimal:
        return self.amount


class RuleParameter(DatedRuleValue):
    """A number the law sets, e.g. the minimum climate/environment weight of § 7-9."""

    class Key(models.TextChoices):
        MIN_ENVIRONMENT_WEIGHT = "min_miljovekt", _("Minste vekt for klima og miljø (prosent)")
        ENVIRONMENT_RULE_FROM_VALUE = "miljoregel_fra_verdi", _("Klima- og miljøregelen gjelder fra verdi (NOK)")
        RANKED_TOP = "rangert_topp", _("Klima og miljø blant de øverste ved rangering")

    key = models.CharField(_("parameter"), max_length=40, choices=Key.choices)
    value = models.DecimalField(_("verdi"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-valid_from"]
        verbose_name = _("regelparameter")
        verbose_name_plural = _("regelparametere")

    def __str__(self):
        return f"{self.get_key_display()}: {self.value}"

    def value_of(self) -> Decimal:
        return self.value


class Procurement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "utkast", _("Utkast")
        PUBLISHED = "publisert", _("Publisert")
        EVALUATION = "evaluering", _("Evaluering")
        AWARDED = "tildelt", _("Tildelt")
        CONTRACT_FOLLOW_UP = "kontraktsoppfolging", _("Kontraktsoppfølging")
        COMPLETED = "avsluttet", _("Avsluttet")
        CANCELLED = "avlyst", _("Avlyst")

    class Procedure(models.TextChoices):
        OPEN = "apen", _("Åpen anbudskonkurranse")
        RESTRICTED = "begrenset", _("Begrenset anbudskonkurranse")
        NEGOTIATED = "forhandling", _("Konkurranse med forhandling")
        COMPETITIVE_DIALOGUE = "dialog", _("Konkurransepreget dialog")
        NATIONAL = "nasjonal", _("Nasjonal konkurranse (del II)")
        DIRECT = "direkte", _("Direkte anskaffelse")

    class AwardMethod(models.TextChoices):
        WEIGHTED = "vekting", _("Vekting i prosent")
        RANKED = "rangering", _("Rangering")

    class RuleException(models.TextChoices):
        NONE = "", _("Ingen unntak")
        SPECIFICATION = "kravspesifikasjon", _("Krav i kravspesifikasjonen gir klart bedre klima- og miljøeffekt")
        INSIGNIFICANT = "ubetydelig", _("Anskaffelsen har ubetydelig klima- og miljøavtrykk")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="procurements")
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("referanse"), max_length=20, editable=False)
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="procurements", verbose_name=_("kategori")
    )
    kind = models.CharField(_("type anskaffelse"), max_length=30, choices=ProcurementKind.choices)
    buyer_type = models.CharField(
        _("type oppdragsgiver"), max_length=20, choices=BuyerType.choices, default=BuyerType.OTHER
    )
    estimated_value = models.DecimalField(
        _("anslått verdi (NOK eks. mva.)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    contract_months = models.PositiveSmallIntegerField(
        _("kontraktsperiode (måneder)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    option_months = models.PositiveSmallIntegerField(
        _("opsjoner (måneder)"), default=0, validators=[MaxValueValidator(600)]
    )
    procedure = models.CharField(_("prosedyre"), max_length=20, choices=Procedure.choices, default=Procedure.OPEN)
    tender_deadline = models.DateField(_("tilbudsfrist"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_procurements",
        verbose_name=_("ansvarlig innkjøper"),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)

    award_method = models.CharField(
        _("tildelingsmetode"), max_length=20, choices=AwardMethod.choices, default=AwardMethod.WEIGHTED
    )
    rule_exception = models.CharField(
        _("unntak fra klima- og miljøregelen"), max_length=30, choices=RuleException.choices, blank=True
    )
    rule_exception_justification = models.TextField(_("begrunnelse for unntaket"), blank=True)
    high_risk_justification = models.TextField(
        _("begrunnelse for å publisere uten menneskerettighetsklausul"), blank=True
    )

    # "Need, not solution": what the organisation chose before buying new (see needs.NEED_STEPS).
    need_step = models.CharField(_("valgt løsning på behovet"), max_length=40, blank=True)
    need_comment = models.TextField(_("kommentar til behovet"), blank=True)

    document_version = models.PositiveIntegerField(_("dokumentversjon"), default=1)
    # After publishing the tender is frozen; an open amendment (rettelse) lets the
    # officer change it, and finishing the amendment raises the document version.
    amendment_open = models.BooleanField(default=False, editable=False)
    amendment_note = models.TextField(_("hva rettelsen gjelder"), blank=True)
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True)
    # Optimistic locking: every save of the procurement's own fields or award
    # criteria raises it; a form submitted with an older value is a conflict.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "sequence"], name="uniq_procurement_reference"),
        ]
        indexes = [models.Index(fields=["organization", "status"])]
        verbose_name = _("anskaffelse")
        verbose_name_plural = _("anskaffelser")

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def total_months(self) -> int:
        return self.contract_months + self.option_months

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT or (self.status == self.Status.PUBLISHED and self.amendment_open)


class NeedsAssessment(models.Model):
    """DFØ's five assessments before choosing requirements."""

    class Rating(models.TextChoices):
        LOW = "lav", _("Lav")
        MEDIUM = "middels", _("Middels")
        HIGH = "hoy", _("Høy")

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="needs")
    impact = models.CharField(_("miljøpåvirkning og forbedringspotensial"), max_length=10, choices=Rating.choices)
    impact_comment = models.TextField(_("kommentar"), blank=True)
    size = models.CharField(_("størrelse og varighet"), max_length=10, choices=Rating.choices)
    size_comment = models.TextField(_("kommentar"), blank=True)
    market = models.CharField(_("påvirkning på markedet"), max_length=10, choices=Rating.choices)
    market_comment = models.TextField(_("kommentar"), blank=True)
    cost = models.CharField(_("kostnad ved kravene"), max_length=10, choices=Rating.choices)
    cost_comment = models.TextField(_("kommentar"), blank=True)
    alternatives = models.CharField(
        _("grønne alternativer og ferdige kriterier"), max_length=10, choices=Rating.choices
    )
    alternatives_comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("behovsvurdering")
        verbose_name_plural = _("behovsvurderinger")

    def __str__(self):
        return f"{self.procurement.reference} behovsvurdering"


class Requirement(models.Model):
    """A requirement of a tender: a copy of a library revision's texts, or written on the spot."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="requirements")
    section = models.CharField(_("del"), max_length=30, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("tittel"), max_length=200)
    text = models.TextField(_("kravtekst"))
    documentation = models.TextField(_("dokumentasjonskrav"), blank=True)
    guidance = models.TextField(_("veiledning"), blank=True)
    verification = models.TextField(_("verifisering og oppfølging"), blank=True)
    references = models.TextField(_("referanser"), blank=True)
    mandatory = models.BooleanField(_("skal-krav"), default=True, help_text=_("Av for bør-krav som evalueres."))
    level = models.CharField(_("nivå"), max_length=10, choices=Level.choices, blank=True)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="tender_requirements"
    )
    source_revision = models.ForeignKey(
        CriterionRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="tender_requirements"
    )
    environmental = models.BooleanField(_("miljøkrav"), default=False)
    social = models.BooleanField(_("sosialt krav"), default=False)
    human_rights_clause = models.BooleanField(_("menneskerettighetsklausul"), default=False)
    environmental_management = models.BooleanField(_("krav om miljøledelse (ISO 14001/EMAS)"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["procurement", "section", "position", "pk"]
        verbose_name = _("krav")
        verbose_name_plural = _("krav")

    def __str__(self):
        return self.title

    @property
    def is_custom(self) -> bool:
        return self.criterion_id is None

    def placeholders(self) -> list[str]:
        return PLACEHOLDER.findall(self.text) + PLACEHOLDER.findall(self.documentation)

    @property
    def has_newer_revision(self) -> bool:
        """Needs select_related("criterion"): no query of its own."""
        return (
            self.criterion is not None
            and self.criterion.current_revision_id is not None
            and self.criterion.status == Criterion.Status.PUBLISHED
            and self.criterion.current_revision_id != self.source_revision_id
        )


class AwardCriterion(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="award_criteria")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("navn"), max_length=150)
    weight = models.PositiveSmallIntegerField(
        _("vekt (%)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    rank = models.PositiveSmallIntegerField(_("rang"), null=True, blank=True, validators=[MinValueValidator(1)])
    description = models.TextField(_("beskrivelse"), blank=True)
    sub_criteria = models.TextField(_("underkriterier"), blank=True)
    scoring = models.TextField(_("slik vurderes det"), blank=True)
    is_environmental = models.BooleanField(_("klima og miljø"), default=False)
    is_price = models.BooleanField(_("pris eller kostnad"), default=False)
    requirements = models.ManyToManyField(Requirement, blank=True, related_name="award_criteria")
    history = HistoricalRecords()

    class Meta:
        ordering = ["procurement", "position", "pk"]
        verbose_name = _("tildelingskriterium")
        verbose_name_plural = _("tildelingskriterier")

    def __str__(self):
        return self.name


class ChecklistAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "ja", _("Ja")
        NO = "nei", _("Nei")
        NOT_RELEVANT = "ikke_relevant", _("Ikke relevant")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="checklist_answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(_("svar"), max_length=20, choices=Answer.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procurement", "question"], name="uniq_checklist_question"),
        ]
        verbose_name = _("svar i sjekklisten")
        verbose_name_plural = _("svar i sjekklisten")

    def __str__(self):
        return f"{self.question}: {self.get_answer_display()}"


class ProcurementEvent(models.Model):
    """The procurement's own log: status changes and numbered amendments (rettelser)."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Statusendring")
        AMENDMENT_STARTED = "rettelse_startet", _("Rettelse startet")
        AMENDMENT = "rettelse", _("Rettelse")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    amendment_number = models.PositiveIntegerField(null=True, blank=True)
    document_version = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")

    def __str__(self):
        if self.kind == self.Kind.AMENDMENT:
            return f"{self.get_kind_display()} {self.amendment_number}"
        return f"{self.get_kind_display()} {self.from_status} → {self.to_status}".strip()

    @property
    def from_label(self) -> str:
        return Procurement.Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Procurement.Status(self.to_status).label if self.to_status else ""


class TenderDocument(GeneratedDocument):
    """One generated version of a procurement's tender document (konkurransegrunnlag) as PDF.

    Every version is kept and stays downloadable. `number` counts the versions
    made of this procurement; `document_version` is the procurement's own
    version (raised by amendments) printed on the cover.
    """

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveIntegerField(_("versjon"))
    document_version = models.PositiveIntegerField(_("dokumentversjon"))
    is_draft = models.BooleanField(_("utkast"), default=True)
    history = HistoricalRecords(excluded_fields=["error"])

    class Meta:
        ordering = ["procurement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="uniq_tender_document_number"),
        ]
        verbose_name = _("konkurransegrunnlag (PDF)")
        verbose_name_plural = _("konkurransegrunnlag (PDF)")

    def __str__(self):
        return f"{self.procurement.reference} v{self.number}"

    @property
    def filename(self) -> str:
        """What the download is called: the reference without its slash, and the version."""
        return f"konkurransegrunnlag-{self.procurement.reference.replace('/', '-')}-v{self.number}.pdf"
