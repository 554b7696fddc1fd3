"""Display of exact scores: the scoring keeps Fractions; only the page rounds, to two decimals."""

from decimal import Decimal
from fractions import Fraction

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def score(value, places=2):
    if value is None or value == "":
        return "–"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return floatformat(value, places)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def absolute(value):
    return abs(value) if value is not None else value
