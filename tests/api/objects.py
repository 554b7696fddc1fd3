"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from api import services
from tests.factories import member


def token_id(org, ctx):
    token, _secret = services.create_token(organization=org, user=member(org), name="Statistikk")
    return token.pk


OBJECT_BUILDERS = {"token_id": token_id}
