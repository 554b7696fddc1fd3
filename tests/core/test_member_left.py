"""A person whose last role in an organisation is removed is no longer responsible for its work."""

import pytest

from core import services
from core.models import Membership
from core.roles import Role
from tests.factories import MembershipFactory, contract, member, procurement

pytestmark = pytest.mark.django_db


def test_removing_the_last_role_clears_responsible_on_procurements_and_contracts(org, other_org, users):
    leaver = member(org, Role.BUYER, Role.CONTRACT_FOLLOWER)
    MembershipFactory(user=leaver, organization=other_org, role=Role.BUYER)
    elsewhere = procurement(organization=other_org, responsible=leaver)
    own = procurement(organization=org, responsible=leaver)
    followed = contract(organization=org, responsible=leaver)
    admin = users[Role.ORG_ADMIN]

    first, second = Membership.objects.filter(organization=org, user=leaver)
    services.remove_membership(membership=first, acting_user=admin)
    own.refresh_from_db()
    assert own.responsible == leaver, "one role left: still a member, still responsible"

    services.remove_membership(membership=second, acting_user=admin)
    own.refresh_from_db()
    followed.refresh_from_db()
    assert own.responsible is None and followed.responsible is None
    assert own.history.first().responsible_id is None, "the change is in the history"
    elsewhere.refresh_from_db()
    assert elsewhere.responsible == leaver, "still a member of the other organisation"
