"""Two administrators on one entered indicator value: the stale second submit loses nothing."""

import pytest
from django.urls import reverse

from core.roles import Role
from reporting.models import EnteredValue
from tests.conftest import client_for
from tests.factories import member
from tests.suppliers.lost_updates import (
    assert_a_stale_submit_keeps_the_first_save,
    assert_a_submit_without_the_version_overwrites_nothing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def value(org):
    return EnteredValue.objects.create(
        organization=org, indicator="e_faktura_andel", year=2025, value=84, unit="%", source="Økonomisystemet"
    )


@pytest.fixture
def two_admins(org):
    return client_for(member(org, Role.ORG_ADMIN)), client_for(member(org, Role.ORG_ADMIN))


def _source(value):
    return lambda: EnteredValue.objects.get(pk=value.pk).source


def test_a_stale_value_submit_shows_both_and_keeps_the_first(value, two_admins):
    anne, bjorn = two_admins
    url = reverse("reporting:entered_edit", args=[value.pk])
    assert 'type="hidden" name="version"' in anne.get(url).content.decode(), "the page carries the version"
    assert_a_stale_submit_keeps_the_first_save(anne, bjorn, url, _source(value), "source")


def test_a_value_submit_without_the_version_overwrites_nothing(value, two_admins):
    anne, _bjorn = two_admins
    url = reverse("reporting:entered_edit", args=[value.pk])
    assert_a_submit_without_the_version_overwrites_nothing(anne, url, _source(value), "source")
