"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from tests.factories import criterion


def local_criterion(org, ctx):
    # National criteria are visible to all on purpose; a local one is the organisation's own.
    ctx.setdefault("criterion", criterion(organization=org))
    return ctx["criterion"].pk


def criterion_share(org, ctx):
    # Shared with a third organisation: the outsider of the walk is not named, so it still gets 404.
    from criteria.models import CriterionShare
    from tests.factories import OrganizationFactory

    local_criterion(org, ctx)
    return CriterionShare.objects.create(criterion=ctx["criterion"], organization=OrganizationFactory()).pk


def library_import(org, ctx):
    # An import into the organisation's own library waiting for a second editor.
    from core.roles import Role
    from criteria import library_io
    from criteria.models import LibraryImport
    from tests.factories import member

    data = {"format": library_io.FORMAT, "format_version": library_io.FORMAT_VERSION, "criteria": []}
    uploader = member(org, Role.LIBRARY_EDITOR)
    return LibraryImport.objects.create(organization=org, filename="lokalt.json", data=data, uploaded_by=uploader).pk


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


OBJECT_BUILDERS = {
    "criterion_id": local_criterion,
    "criterion_share_id": criterion_share,
    "revision_id": proposal,
    "library_import_id": library_import,
}
