"""Signals of the procurement app for the apps that read it."""

from django.dispatch import Signal

# Procurements, or their requirements or award criteria, were written past the models' save()
# and delete() (a queryset .update(), a bulk_create): no post_save was sent for them.
# Argument: pks, the procurements concerned. Reporting refreshes its KPI summary from it.
procurements_written = Signal()
