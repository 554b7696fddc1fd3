"""The organisation's logo in a PDF template, embedded as a data: URI (the PDF service fetches nothing else)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.logos import read_logo

register = template.Library()


@register.simple_tag
def organization_logo(organization, max_width="7cm", max_height="2.5cm"):
    """An <img> with the logo and its alternative text, or nothing when the organisation has none."""
    logo = read_logo(organization) if organization is not None else None
    if logo is None:
        return ""
    return format_html(
        '<p><img src="{}" alt="{}" style="max-width: {}; max-height: {};"></p>',
        logo.data_uri,
        _("Logoen til %(name)s") % {"name": organization.name},
        max_width,
        max_height,
    )
