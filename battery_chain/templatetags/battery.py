from django import template
from django.utils.translation import gettext as _

from battery_chain.diagram import band

register = template.Library()


@register.filter
def risk_band(value) -> str:
    """lav / middels / hoy for a 0–100 score, as used by the CSS classes and the diagram."""
    return band(value)[2]


@register.filter
def risk_band_label(value) -> str:
    return {"lav": _("Lav"), "middels": _("Middels"), "hoy": _("Høy")}.get(band(value)[2], _("Ukjent"))


@register.filter
def depth_label(depth: str) -> str:
    return {
        "gruve": _("Gruve"),
        "raffineri": _("Raffineri"),
        "celle": _("Celle"),
        "ingen": _("Ikke oppgitt"),
    }.get(depth, depth)
