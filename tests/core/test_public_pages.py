"""The favicon and the accessibility statement: public, linked from every page."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_is_not_a_404_and_points_at_the_logo_mark(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    logo = finders.find("img/logo.svg")
    assert logo and Path(logo).read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_every_page_links_the_icon_and_shows_the_logo_mark(client):
    html = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/logo' in html
    assert 'class="brand-mark"' in html
