"""Placeholders are filled one field each, with the library's suggested value (issue 21)."""

import pytest
from django.urls import reverse

from procurement import placeholders
from procurement.models import Requirement
from tests.factories import procurement, requirement

TEXT = "Utstyret skal ha minst [3] års garanti, med reparasjon innen [antall] virkedager."


def test_each_placeholder_is_a_slot_with_the_suggested_value_when_the_library_gives_one():
    found = placeholders.slots({"text": TEXT, "documentation": "Garantivilkår for [år]."})
    assert [(s.field, s.name, s.suggestion) for s in found] == [
        ("text", "3", "3"),
        ("text", "antall", ""),
        ("documentation", "år", ""),
    ]
    assert found[1].before.endswith("reparasjon innen ") and found[1].after.startswith(" virkedager")


def test_filling_replaces_each_placeholder_in_order_and_leaves_blank_ones():
    filled = placeholders.fill({"text": TEXT, "documentation": "Garantivilkår for [år]."}, ["5", "", "2027"])
    assert filled == {
        "text": "Utstyret skal ha minst 5 års garanti, med reparasjon innen [antall] virkedager.",
        "documentation": "Garantivilkår for 2027.",
    }


@pytest.mark.django_db
def test_the_placeholder_page_has_one_field_per_placeholder_and_saves_the_values(officer_client, org):
    p = procurement(organization=org)
    r = requirement(p, text=TEXT)
    url = reverse("procurement:requirement_placeholders", args=[p.pk, r.pk])
    page = officer_client.get(url).content.decode()
    assert 'name="slot_0"' in page and 'value="3"' in page and 'name="slot_1"' in page
    assert 'name="slot_2"' not in page and 'name="text"' not in page
    response = officer_client.post(url, {"version": r.version, "slot_0": "3", "slot_1": "2"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.text == "Utstyret skal ha minst 3 års garanti, med reparasjon innen 2 virkedager."
    assert r.history.count() == 2


@pytest.mark.django_db
def test_publish_gate_and_builder_send_the_officer_to_the_placeholder_fields(officer_client, org):
    p = procurement(organization=org)
    r = requirement(p, text=TEXT)
    url = reverse("procurement:requirement_placeholders", args=[p.pk, r.pk])
    assert url in officer_client.get(reverse("procurement:publish", args=[p.pk])).content.decode()
    assert url in officer_client.get(reverse("procurement:requirements", args=[p.pk])).content.decode()


@pytest.mark.django_db
def test_a_stale_placeholder_form_changes_nothing(officer_client, org):
    p = procurement(organization=org)
    r = requirement(p, text=TEXT)
    Requirement.objects.filter(pk=r.pk).update(version=r.version + 1)
    url = reverse("procurement:requirement_placeholders", args=[p.pk, r.pk])
    officer_client.post(url, {"version": r.version, "slot_0": "9", "slot_1": "9"})
    r.refresh_from_db()
    assert r.text == TEXT
