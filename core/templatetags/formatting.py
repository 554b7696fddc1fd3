"""Template filters for dates and numbers in the one house style (core/formatting.py)."""

from django import template

from core import formatting

register = template.Library()


@register.filter
def day(value):
    return formatting.format_day(value)


@register.filter
def moment(value):
    return formatting.format_moment(value)


@register.filter
def num(value, places=None):
    return formatting.format_number(value, None if places in (None, "") else int(places))
