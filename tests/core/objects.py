"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from core.models import Invitation
from core.roles import Role
from tests.core.images import give_logo
from tests.factories import MembershipFactory


def membership(org, ctx):
    return MembershipFactory(organization=org, role=Role.BUYER).pk


def logo(org, ctx):
    return give_logo(org).pk


def invitation(org, ctx):
    return Invitation.objects.create(organization=org, email="ny@test.example", role=Role.BUYER).pk


OBJECT_BUILDERS = {
    "membership_id": membership,
    "invitation_id": invitation,
    "logo_id": logo,
}
