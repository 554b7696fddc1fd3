"""Shared bits for the criteria tests."""


def edit_form_data(c, **changes) -> dict:
    """The edit form of criterion `c` as its current revision fills it (basis level), with `changes`."""
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
    }
    data.update(changes)
    return data
