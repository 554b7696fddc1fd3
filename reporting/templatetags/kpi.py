"""The KPI number filter for the dashboard's entered values and the PDF (the table's cells: reporting/table.py)."""

from django import template

from reporting import table

register = template.Library()


@register.filter
def number(value):
    """A KPI value: one decimal at most, in the page's language (core.formatting); a dash for nothing to measure."""
    return table.number(value)
