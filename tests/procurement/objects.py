"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from tests.factories import procurement, requirement


def procurement_id(org, ctx):
    ctx.setdefault("procurement", procurement(organization=org))
    return ctx["procurement"].pk


def requirement_id(org, ctx):
    procurement_id(org, ctx)
    return requirement(ctx["procurement"]).pk


OBJECT_BUILDERS = {
    "procurement_id": procurement_id,
    "requirement_id": requirement_id,
    # Not an object, but the walker fills every URL parameter: any real status will do.
    "to_status": lambda org, ctx: "avlyst",
}
