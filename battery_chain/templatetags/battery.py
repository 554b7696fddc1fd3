from django import template
from django.utils.translation import gettext as _
from django_countries import countries

from battery_chain.diagram import band, country_name
from battery_chain.risk import DEPTH_POINTS

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


@register.filter
def depth_points(depth: str) -> int:
    return DEPTH_POINTS.get(depth, 0)


@register.filter
def country_label(code) -> str:
    code = str(code or "")
    return country_name(code) if code == "" or code in dict(countries) else code


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
