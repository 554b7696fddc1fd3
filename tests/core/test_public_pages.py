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


def test_accessibility_statement_is_public_and_names_the_standard_the_contact_and_the_date(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "uu@kommune.example.no"
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tilgjengelighetserklæring</h1>" in html
    assert "WCAG 2.1" in html and "AA" in html
    assert 'href="mailto:uu@kommune.example.no"' in html
    assert "uutilsynet.no" in html
    assert "sist gjennomgått 1. des. 2026" in html


def test_accessibility_statement_without_a_contact_address_points_to_the_administrator(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "mailto:" not in html and "administrerer løsningen" in html


def test_footer_of_every_page_links_the_accessibility_statement(client):
    html = client.get(reverse("login")).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{reverse("core:accessibility")}"' in footer
