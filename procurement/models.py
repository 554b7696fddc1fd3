"""Procurements and their tender: needs assessment, requirements, award criteria, checklist.

Rule parameters (thresholds, the § 7-9 minimum) are rows with validity dates,
never literals in code: the law changes and old procurements keep the rules of
their own date.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import format_day, format_number
from core.models import GeneratedDocument, Organization
from criteria.models import Category, Criterion, CriterionRevision, Kind, Level
from procurement.placeholders import PATTERN as PLACEHOLDER


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
        return f"{self.get_key_display()} {format_number(self.amount)} ({format_day(self.valid_from)}–{format_day(self.valid_to)})"

    def value_of(self) -> Decimal:
        return self.amount


class RuleParameter(DatedRuleValue):
    """A number the law sets, e.g. the minimum climate/environment weight of § 7-9."""

    class Key(models.TextChoices):
        MIN_ENVIRONMENT_WEIGHT = "min_miljovekt", _("Minste vekt for klima og miljø (prosent)")
        ENVIRONMENT_RULE_FROM_VALUE = "miljoregel_fra_verdi", _("Klima- og miljøregelen gjelder fra verdi (NOK)")
        RANKED_TOP = "rangert_topp", _("Klima og miljø blant de øverste ved rangering")
        TRANSPARENCY_ANSWER_WEEKS = "apenhet_svarfrist_uker", _("Åpenhetsloven § 6: svarfrist (uker)")
        TRANSPARENCY_EXTENDED_MONTHS = "apenhet_utvidet_maneder", _("Åpenhetsloven § 6: utvidet svarfrist (måneder)")

    key = models.CharField(_("parameter"), max_length=40, choices=Key.choices)
    value = models.DecimalField(_("verdi"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-valid_from"]
        verbose_name = _("regelparameter")
        verbose_name_plural = _("regelparametere")

    def __str__(self):
        return f"{self.get_key_display()}: {format_number(self.value)}"

    def value_of(self) -> Decimal:
        return self.value


class CpvCode(models.Model):
    """One code of the Common Procurement Vocabulary (CPV 2008), loaded by `load_cpv`.

    Reference data from a published list (procurement/data/cpv/cpv.csv), the same
    for every organisation; no history because the file is its history.
    """

    code = models.CharField(_("kode"), max_length=8, primary_key=True)
    division = models.CharField(_("hovedgruppe"), max_length=2, db_index=True, editable=False)
    label_nb = models.CharField(_("norsk betegnelse"), max_length=400, blank=True)
    label_en = models.CharField(_("engelsk betegnelse"), max_length=400)

    class Meta:
        ordering = ["code"]
        verbose_name = _("CPV-kode")
        verbose_name_plural = _("CPV-koder")

    def __str__(self):
        return f"{self.code} {self.label}"

    def save(self, *args, **kwargs):
        self.division = self.code[:2]
        super().save(*args, **kwargs)

    @property
    def is_division(self) -> bool:
        return self.code.endswith("000000")

    @property
    def label(self) -> str:
        """Norwegian where the list has it (and the page is Norwegian), English otherwise."""
        if get_language() == "en":
            return self.label_en
        return self.label_nb or self.label_en


class EnvironmentRoute(DatedRuleValue):
    """One way a procurement may meet § 7-9 under the text valid for a period: a route or an exception.

    Both texts of § 7-9 (from 2024-01-01 and the revision from 2026-07-01) are rows
    like these, loaded by a migration and editable in the admin. The award page
    offers exactly the rows valid on the procurement's rule date; the pure rule in
    procurement/seven_nine.py reads their flags, so nothing about a text is written
    in code.
    """

    class Kind(models.TextChoices):
        WEIGHTED = "vekting", _("Tildelingskriterium med vekt")
        RANKED = "rangering", _("Tildelingskriterium ved rangering")
        SPECIFICATION = "kravspesifikasjon", _("Klima- og miljøkrav i kravspesifikasjonen")
        EXCEPTION = "unntak", _("Unntak")

    class Obligation(models.TextChoices):
        SHALL = "skal", _("skal")
        SHOULD = "bør", _("bør")

    key = models.SlugField(
        _("nøkkel"),
        max_length=40,
        help_text=_("Det anskaffelsen lagrer; samme nøkkel i begge tekstene når det er samme grunnlag."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text_label = models.CharField(
        _("hvilken tekst"), max_length=120, help_text=_("For eksempel «§ 7-9 slik den lyder fra 1. juli 2026».")
    )
    text_label_en = models.CharField(_("hvilken tekst (engelsk)"), max_length=120, blank=True)
    paragraph = models.CharField(_("ledd"), max_length=30, help_text=_("For eksempel «§ 7-9 (3)»."))
    obligation = models.CharField(_("skal eller bør"), max_length=5, choices=Obligation.choices, default="skal")
    eforms_code = models.CharField(_("eForms-kode (BT-539)"), max_length=60)
    label = models.CharField(_("navn"), max_length=200)
    label_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    explanation = models.TextField(_("forklaring"))
    explanation_en = models.TextField(_("forklaring (engelsk)"), blank=True)
    requires_justification = models.BooleanField(_("krever begrunnelse"), default=False)
    requires_specification_requirement = models.BooleanField(
        _("krever klima- eller miljøkrav i kravspesifikasjonen"), default=False
    )
    mutually_exclusive = models.BooleanField(
        _("utelukker de andre unntakene"), default=False, help_text=_("Bare ett av unntakene med dette merket.")
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="uniq_environment_route_key_from"),
        ]
        verbose_name = _("grunnlag etter § 7-9")
        verbose_name_plural = _("grunnlag etter § 7-9")

    def __str__(self):
        return f"{self.paragraph} {self.label} ({format_day(self.valid_from)}–{format_day(self.valid_to)})"

    def value_of(self):
        return self.key


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

    class RuleException:
        """Keys of the EnvironmentRoute rows a procurement may choose; texts and dates are in the rows."""

        NONE = ""
        SPECIFICATION = "kravspesifikasjon"
        INSIGNIFICANT = "ubetydelig"
        CRITICAL_INTEREST = "kritisk_interesse"
        NATIONAL_MINIMUM = "nasjonalt_minstekrav"

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
    # What the tender document tells the tenderers about the competition itself.
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_procurements",
        verbose_name=_("kontaktperson"),
    )
    submission = models.TextField(
        _("slik leveres tilbudet"),
        blank=True,
        help_text=_("Hvor og hvordan tilbudet leveres, for eksempel i hvilket konkurransegjennomføringsverktøy."),
    )
    question_deadline = models.DateField(_("frist for spørsmål"), null=True, blank=True)
    qualification_notes = models.TextField(
        _("kvalifikasjon og ESPD"),
        blank=True,
        help_text=_(
            "Hvordan leverandøren dokumenterer kvalifikasjonen, og om ESPD (egenerklæringsskjema) skal brukes."
        ),
    )

    award_method = models.CharField(
        _("tildelingsmetode"), max_length=20, choices=AwardMethod.choices, default=AwardMethod.WEIGHTED
    )
    # The key of the EnvironmentRoute chosen instead of (or with) the award criteria:
    # the specification route or an exception; blank = the award criteria alone.
    rule_exception = models.CharField(_("grunnlag eller unntak etter § 7-9"), max_length=40, blank=True)
    rule_exception_justification = models.TextField(_("begrunnelse"), blank=True)
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
    # The checklist answers are saved together; their own version, so a checklist save does
    # not conflict with an edit of the procurement's fields.
    checklist_version = models.PositiveIntegerField(default=1, editable=False)
    # What the ranking rests on (consensus points, bids) has its own version: the consensus form
    # and the award decision carry it, so neither is saved over a ranking that changed meanwhile.
    evaluation_version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # CPV (BT-262 main, BT-263 additional): what is bought, in the EU's own vocabulary.
    main_cpv = models.ForeignKey(
        CpvCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="main_in_procurements",
        verbose_name=_("CPV-hovedkode"),
    )
    additional_cpv = models.ManyToManyField(
        CpvCode, blank=True, related_name="additional_in_procurements", verbose_name=_("CPV-tilleggskoder")
    )
    history = HistoricalRecords(excluded_fields=["version", "checklist_version"])

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "sequence"], name="uniq_procurement_reference"),
        ]
        # What the list, the KPIs and the reports filter and sort on; the newest-first order
        # itself is served by the unique (organization, year, sequence) index.
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["organization", "status", "year"], name="procurement_org_status_year"),
            models.Index(fields=["organization", "reference"], name="procurement_org_reference"),
            models.Index(fields=["organization", "published_at"], name="procurement_org_published"),
        ]
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


class ReferenceCounter(models.Model):
    """The last reference sequence an organisation used in a year (2026/014 -> 14).

    Creating a procurement locks this row (select_for_update), so parallel
    creations queue up for a number instead of racing for max+1. It is
    bookkeeping, not domain data: the procurement's own history records the
    reference it got.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="uniq_reference_counter")]

    def __str__(self):
        return f"{self.organization_id}/{self.year}: {self.last}"


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
    # Optimistic locking (core/concurrency.py): a stale second submit is refused, not applied.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

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


# The evaluation's tables live in their own module; imported here so Django registers them with the app.
from procurement.evaluation.models import (  # noqa: E402, F401
    AwardDecision,
    Bid,
    BidFleetShare,
    BidPromise,
    BidQualification,
    ConsensusScore,
    CriterionScoring,
    FuelClass,
    Score,
    StandstillRule,
)
