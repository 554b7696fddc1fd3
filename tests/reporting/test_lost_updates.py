"""Two administrators on one entered indicator value: the stale second submit loses nothing."""

import pytest
from django.urls import reverse

from core.roles import Role
from reporting.models import EnteredValue
from tests.conftest import client_for
from tests.edit_forms import MISSING, opened, save_again, stale_second_submit, without_version
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def value(org):
    return EnteredValue.objects.create(
        organization=org, indicator="e_faktura_andel", year=2025, value=84, unit="%", source="Økonomisystemet"
    )


@pytest.fixture
def two_admins(org):
    return client_for(member(org, Role.ORG_ADMIN)), client_for(member(org, Role.ORG_ADMIN))


def test_a_stale_value_submit_shows_both_and_keeps_the_first(value, two_admins):
    anne, bjorn = two_admins
    url = reverse("reporting:entered_edit", args=[value.pk])
    response, bjorns = stale_second_submit(
        anne, bjorn, url, {"source": "Annes kilde"}, {"source": "Bjørns kilde", "value": "90"}
    )
    page = response.content.decode()
    assert "Annes kilde" in page and "Bjørns kilde" in page
    value.refresh_from_db()
    assert (value.source, value.value) == ("Annes kilde", 84)

    assert save_again(bjorn, url, response, bjorns).status_code == 302
    value.refresh_from_db()
    assert (value.source, value.value) == ("Bjørns kilde", 90)


def test_a_value_submit_without_the_version_overwrites_nothing(value, two_admins):
    anne, _bjorn = two_admins
    url = reverse("reporting:entered_edit", args=[value.pk])
    response = anne.post(url, without_version(opened(anne, url, source="Blindt overskrevet")))
    assert response.status_code == 200 and MISSING in response.content.decode()
    value.refresh_from_db()
    assert value.source == "Økonomisystemet"
