"""Indicators that come from outside the tender data, entered per year by an organisation's administrator."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import format_number
from core.models import Organization


class EnteredIndicator(models.TextChoices):
    ECO_LABELLED_SHARE = "miljomerket_andel", _("Andel miljømerkede innkjøp")
    FLIGHTS = "flyreiser", _("Flyreiser")
    FLIGHT_KM = "flyreiser_km", _("Flyreiser, kilometer")
    FLIGHT_CO2 = "flyreiser_co2", _("Flyreiser, CO2")
    DELIVERIES = "leveranser_per_avtale", _("Leveranser per rammeavtale")
    E_INVOICE_SHARE = "e_faktura_andel", _("Andel e-faktura")


class EnteredValue(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="entered_values")
    indicator = models.CharField(_("indikator"), max_length=40, choices=EnteredIndicator.choices)
    detail = models.CharField(
        _("produktområde eller avtale"),
        max_length=120,
        blank=True,
        help_text=_("For eksempel «Kontorrekvisita» for miljømerket andel, eller avtalens navn for leveranser."),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("verdi"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("enhet"), max_length=30, help_text=_("For eksempel %, antall, km eller kg CO2."))
    source = models.CharField(_("kilde"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "detail", "year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "indicator", "detail", "year"], name="uniq_entered_value"),
        ]
        verbose_name = _("registrert indikatorverdi")
        verbose_name_plural = _("registrerte indikatorverdier")

    def __str__(self):
        return f"{self.get_indicator_display()} {self.detail} {self.year}: {format_number(self.value)} {self.unit}".replace(
            "  ", " "
        )


class FactGroup(models.Model):
    """How many counted procurements of an organisation share one combination of KPI facts in a year.

    A summary kept up to date on every write that changes a fact (reporting/fact_summary.py),
    so the dashboard sums a few dozen of these rows instead of reading the organisation's
    whole history. Bookkeeping derived from the procurements, which keep the history;
    `manage.py rebuild_kpi_facts` recomputes it from them. A category's high-risk flag is
    not copied here: the dashboard reads it through the category, so changing it moves nothing.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    cpv_division = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=30)
    category = models.ForeignKey("criteria.Category", on_delete=models.CASCADE, related_name="+")
    award_method = models.CharField(max_length=20)
    env_weight = models.IntegerField()
    has_env = models.BooleanField()
    price_only = models.BooleanField()
    has_ems = models.BooleanField()
    has_hr = models.BooleanField()
    rule_exception = models.CharField(max_length=40, blank=True)
    # Kept when it falls to 0: deleting a row another transaction is about to increment would lose that count.
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organization",
                    "year",
                    "cpv_division",
                    "kind",
                    "category",
                    "award_method",
                    "env_weight",
                    "has_env",
                    "price_only",
                    "has_ems",
                    "has_hr",
                    "rule_exception",
                ],
                name="uniq_fact_group",
            ),
        ]

    def __str__(self):
        return f"{self.organization_id}/{self.year}: {self.count}"


class CountedProcurement(models.Model):
    """The group a counted procurement is in now, so a change moves it out of exactly that group.

    No foreign key to the procurement: when a procurement is deleted this row must still
    be there for the delete signal to take its count off the group, in the same transaction.
    """

    procurement_pk = models.BigIntegerField(primary_key=True)
    group = models.ForeignKey(FactGroup, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.procurement_pk} in {self.group_id}"
