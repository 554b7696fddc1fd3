import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Logg inn" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name",
    ["core:home", "core:activity", "criteria:start", "procurement:start", "suppliers:start", "battery_chain:start"],
)
def test_member_pages_render(officer_client, name):
    assert officer_client.get(reverse(name)).status_code == 200
