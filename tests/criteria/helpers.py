"""Shared bits for the criteria tests."""

from criteria.models import Criterion


def edit_form_data(c, **changes) -> dict:
    """The edit form of criterion `c` as it opens now (its current revision, basis level), with `changes`."""
    basis = c.current_revision.variant("basis")
    data = {
        "title": c.title,
        "category": c.category_id,
        "group": c.group_id or "",
        "theme": c.theme_id,
        "kind": c.kind,
        "purpose": c.purpose,
        "basis-include": "on",
        "basis-text": basis.text,
        "basis-documentation": basis.documentation,
        "basis-guidance": basis.guidance,
        "basis-verification": basis.verification,
        "basis-references": basis.references,
        "change_note": "Lengre periode for reservedeler.",
        "version": Criterion.objects.values_list("version", flat=True).get(pk=c.pk),
    }
    data.update(changes)
    return data
