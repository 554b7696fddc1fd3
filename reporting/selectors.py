"""Read queries of the reporting pages."""

from django.db.models import QuerySet

from core.access import scoped
from procurement.models import Procurement
from reporting.models import EnteredValue


def procurements_in(request, pks: list[int]) -> QuerySet:
    """The organisation's procurements behind one number of the dashboard."""
    return scoped(request, Procurement).filter(pk__in=pks).select_related("category").order_by("reference")


def entered_values(request) -> QuerySet:
    return scoped(request, EnteredValue).order_by("indicator", "detail", "-year")
