"""Bids and their evaluation: the scoring model per award criterion, bids, scores, the award decision.

The scoring model belongs to the tender (it is printed in it and frozen with it);
bids, scores and the decision belong to the procurement's organisation. Every
table keeps its history: an evaluation must be reconstructible if a tenderer
complains.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_orgnr


class ScoringMethod(models.TextChoices):
    PRICE_PROPORTIONAL = "pris_forholdsmessig", _("Pris: forholdsmessig modell")
    PRICE_LINEAR = "pris_lineaer", _("Pris: lineær modell")
    POINTS = "poengskala", _("Poengskala med skjønnsmessig vurdering")
    FUEL_MATRIX = "drivstoffmatrise", _("Drivstoff- og utslippsmatrise")


PRICE_METHODS = frozenset({ScoringMethod.PRICE_PROPORTIONAL, ScoringMethod.PRICE_LINEAR})


class StandstillRegime(models.TextChoices):
    """The regimes above an EEA threshold (procurement.rules.ABOVE_EEA_PARTS); below them there is no standstill."""

    CLASSIC = "del_3", _("Anskaffelsesforskriften del III")
    SPECIAL_SERVICES = "saerlige", _("Anskaffelsesforskriften, særlige tjenester over terskelverdien")
    UTILITIES = "forsyning", _("Forsyningsforskriften")


class StandstillRule(models.Model):
    """The standstill period (karensperiode) in days for one regime above its EEA threshold, valid from a date."""

    regime = models.CharField(
        _("regelverk"), max_length=20, choices=StandstillRegime.choices, default=StandstillRegime.CLASSIC
    )
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    days = models.PositiveSmallIntegerField(_("karensperiode (dager)"))
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        ordering = ["regime", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["regime", "valid_from"], name="uniq_standstill_rule")]
        verbose_name = _("karensperiode")
        verbose_name_plural = _("karensperioder")

    def __str__(self):
        return f"{self.get_regime_display()}: {self.days} ({self.valid_from}–{self.valid_to or ''})"

    def value_of(self) -> Decimal:
        return Decimal(self.days)


class CriterionScoring(models.Model):
    """How one award criterion is scored. A criterion without a row uses default_method()."""

    criterion = models.OneToOneField(
        "procurement.AwardCriterion", on_delete=models.CASCADE, related_name="scoring_model"
    )
    method = models.CharField(_("poengmodell"), max_length=30, choices=ScoringMethod.choices)
    max_points = models.DecimalField(
        _("høyeste poengsum"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
    )
    linear_zero_percent = models.DecimalField(
        _("nullpunkt (prosent over laveste pris)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Lineær modell: en pris så mange prosent over den laveste får 0 poeng, og ingen får under 0."),
    )
    scale_description = models.TextField(
        _("beskrivelse av poengskalaen"),
        blank=True,
        help_text=_("Hva som gir høy og lav poengsum, slik leverandørene leser det i konkurransegrunnlaget."),
    )
    # Optimistic locking of the scoring model form (core/concurrency.py); 0 in the form means "no row yet".
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        verbose_name = _("poengmodell")
        verbose_name_plural = _("poengmodeller")

    def __str__(self):
        return f"{self.criterion}: {self.get_method_display()}"


def default_method(criterion) -> str:
    return ScoringMethod.PRICE_PROPORTIONAL if criterion.is_price else ScoringMethod.POINTS


class FuelClass(models.Model):
    """One row of a fuel/emission matrix: a vehicle class and the points it gives."""

    scoring = models.ForeignKey(CriterionScoring, on_delete=models.CASCADE, related_name="fuel_classes")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("kjøretøyklasse"), max_length=120)
    points = models.DecimalField(_("poeng"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        ordering = ["scoring", "position", "pk"]
        verbose_name = _("klasse i drivstoffmatrisen")
        verbose_name_plural = _("klasser i drivstoffmatrisen")

    def __str__(self):
        return f"{self.name}: {self.points}"


class Bid(models.Model):
    """A tender received (tilbud), registered by the officer after the deadline."""

    procurement = models.ForeignKey("procurement.Procurement", on_delete=models.CASCADE, related_name="bids")
    tenderer_name = models.CharField(_("leverandør"), max_length=200)
    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9, validators=[validate_orgnr])
    received_on = models.DateField(_("mottatt"))
    price = models.DecimalField(
        _("tilbudt pris (NOK eks. mva.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    mandatory_met = models.BooleanField(_("alle skal-krav er oppfylt"), default=True)
    rejection_reason = models.TextField(_("begrunnelse for avvisning"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking of the bid form (core/concurrency.py): a stale submit cannot revert another's save.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        ordering = ["procurement", "tenderer_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["procurement", "orgnr"], name="uniq_bid_tenderer")]
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")

    def __str__(self):
        return self.tenderer_name


class BidQualification(models.Model):
    """Whether a tenderer meets one qualification requirement (kvalifikasjonskrav)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="qualifications")
    requirement = models.ForeignKey("procurement.Requirement", on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField(_("oppfylt"))
    reason = models.TextField(_("begrunnelse"), blank=True)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        constraints = [models.UniqueConstraint(fields=["bid", "requirement"], name="uniq_bid_qualification")]
        verbose_name = _("kvalifikasjonsvurdering")
        verbose_name_plural = _("kvalifikasjonsvurderinger")

    def __str__(self):
        return f"{self.bid}: {self.requirement_id}"


class BidFleetShare(models.Model):
    """The share of the offered fleet in one class of the fuel/emission matrix."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="fleet_shares")
    fuel_class = models.ForeignKey(FuelClass, on_delete=models.CASCADE, related_name="+")
    share = models.DecimalField(
        _("andel av flåten (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        constraints = [models.UniqueConstraint(fields=["bid", "fuel_class"], name="uniq_bid_fleet_share")]
        verbose_name = _("andel i drivstoffmatrisen")
        verbose_name_plural = _("andeler i drivstoffmatrisen")

    def __str__(self):
        return f"{self.bid}: {self.share} %"


class BidPromise(models.Model):
    """A climate value the tenderer promised (e.g. share of zero-emission vehicles); becomes a contract target."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="promises")
    title = models.CharField(_("lovet verdi"), max_length=200)
    target = models.DecimalField(_("mål"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("enhet"), max_length=40)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        ordering = ["bid", "pk"]
        verbose_name = _("lovet klimaverdi")
        verbose_name_plural = _("lovede klimaverdier")

    def __str__(self):
        return f"{self.title}: {self.target} {self.unit}"


class Score(models.Model):
    """One evaluator's own points for one bid on one criterion, given alone before the consensus step."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("procurement.AwardCriterion", on_delete=models.CASCADE, related_name="+")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("poeng"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    evidence = models.TextField(_("hva i tilbudet poengene bygger på"), blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # One evaluator's scores for one bid are saved together: every saved row gets the set's new
    # version, and the form carries the highest (core/concurrency.py; 0 = none saved yet).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="uniq_score_per_evaluator")
        ]
        verbose_name = _("poeng fra evaluator")
        verbose_name_plural = _("poeng fra evaluatorer")

    def __str__(self):
        return f"{self.bid} {self.criterion_id}: {self.points}"


class ConsensusScore(models.Model):
    """The agreed points for one bid on one criterion: the score the ranking uses."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="consensus_scores")
    criterion = models.ForeignKey("procurement.AwardCriterion", on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(
        _("omforent poengsum"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("begrunnelse"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="uniq_consensus_score")]
        verbose_name = _("omforent poengsum")
        verbose_name_plural = _("omforente poengsummer")

    def __str__(self):
        return f"{self.bid} {self.criterion_id}: {self.points}"


class AwardDecision(models.Model):
    """The award decision (tildelingsbeslutning) and its standstill period; the contract follows it."""

    procurement = models.OneToOneField(
        "procurement.Procurement", on_delete=models.CASCADE, related_name="award_decision"
    )
    winner = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+", verbose_name=_("valgt leverandør"))
    decided_on = models.DateField(_("dato for tildelingsbeslutningen"))
    reasons = models.TextField(_("begrunnelse for valget"))
    advantages = models.TextField(_("det valgte tilbudets egenskaper og relative fordeler"))
    standstill_days = models.PositiveSmallIntegerField(_("karensperiode (dager)"), default=0)
    standstill_end = models.DateField(_("karensperioden slutter"), null=True, blank=True)
    contract_signed_on = models.DateField(_("kontrakt signert"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        app_label = "procurement"
        verbose_name = _("tildelingsbeslutning")
        verbose_name_plural = _("tildelingsbeslutninger")

    def __str__(self):
        return f"{self.procurement_id}: {self.winner}"
