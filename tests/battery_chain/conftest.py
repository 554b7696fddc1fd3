import pytest

from battery_chain.reference import load_reference_data
from core.roles import Role
from tests.conftest import client_for
from tests.factories import minerals_materials, minerals_product


@pytest.fixture
def reference(db):
    load_reference_data()


@pytest.fixture
def follower_client(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


@pytest.fixture
def editor_client(national_editors):
    # Reference data is the national library's: its editors change it.
    return client_for(national_editors[0])


@pytest.fixture
def product(org):
    """A battery product of `org` with one pack, and the minerals the templates report on."""
    minerals_materials()
    return minerals_product(org)
