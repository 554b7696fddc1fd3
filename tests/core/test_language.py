import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_bokmal_is_the_default_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nb"' in response.content.decode()
    assert "Logg inn" in response.content.decode()
    assert response["Content-Language"] == "nb"


def test_language_switch_gives_english_until_switched_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Log in" in page

    client.post(reverse("set_language"), {"language": "nb", "next": reverse("login")})
    assert "Logg inn" in client.get(reverse("login")).content.decode()


def test_unknown_language_cookie_falls_back_to_bokmal(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert 'lang="nb"' in client.get(reverse("login")).content.decode()


def test_the_switch_offers_bokmal_nynorsk_and_english(client):
    page = client.get(reverse("login")).content.decode()
    for code in ("nb", "nn", "en"):
        assert f'value="{code}"' in page


def test_nynorsk_gives_nynorsk_pages(client):
    client.post(reverse("set_language"), {"language": "nn", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="nn"' in page and "Logg inn" in page
    # Bokmål «Velg språk» is «Vel språk» in nynorsk.
    assert "Vel språk" in page and "Velg språk" not in page
