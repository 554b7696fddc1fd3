import pytest

from battery_chain.reference import load_reference_data
from core.roles import Role
from tests.conftest import client_for


@pytest.fixture
def reference(db):
    load_reference_data()


@pytest.fixture
def follower_client(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


@pytest.fixture
def editor_client(users):
    return client_for(users[Role.LIBRARY_EDITOR])
