"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from tests.factories import criterion


def local_criterion(org, ctx):
    # National criteria are visible to all on purpose; a local one is the organisation's own.
    return criterion(organization=org).pk


OBJECT_BUILDERS = {"criterion_id": local_criterion}
