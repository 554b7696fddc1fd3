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
