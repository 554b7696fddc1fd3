import pytest
from django.core.cache import cache
from django.test import Client

from api import services
from core.roles import Role
from tests.factories import member


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The throttle counts in the cache; a token id reused by the next test must start at zero.
    cache.clear()
    yield
    cache.clear()


def token_client(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def token(org):
    return services.create_token(organization=org, user=member(org, Role.ORG_ADMIN), name="Test")


@pytest.fixture
def api(token):
    return token_client(token[1])


@pytest.fixture
def outsider_api(other_org):
    _token, secret = services.create_token(organization=other_org, user=member(other_org), name="Annen")
    return token_client(secret)
