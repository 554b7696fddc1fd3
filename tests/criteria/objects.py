"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from tests.factories import criterion


def local_criterion(org, ctx):
    # National criteria are visible to all on purpose; a local one is the organisation's own.
    return criterion(organization=org).pk


def proposal(org, ctx):
    # The organisation's own proposal to a national criterion: seen by its editors and the
    # national editors, by no other organisation.
    from core.roles import Role
    from criteria import services
    from tests.factories import member

    national = criterion(organization=None)
    editor = member(org, Role.LIBRARY_EDITOR)
    data = services.CriterionData(
        code=national.code,
        title=f"{national.title} (forslag)",
        category=national.category,
        theme=national.theme,
        kind=national.kind,
        variants=[services.VariantData(level="basis", text="Ny tekst [antall] år.", documentation="Datablad.")],
    )
    revision = services.update_criterion(
        criterion=national, data=data, user=editor, change_note="Strengere krav.", organization=org
    )
    return revision.pk


OBJECT_BUILDERS = {"criterion_id": local_criterion, "revision_id": proposal}
