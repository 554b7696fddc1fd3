"""Two people on one product, pack, sourcing line or reference fact: the stale second submit loses nothing.

The first save stays; the second sees the "someone else saved" warning with both values and its own
answers still in the form; saving again from there overwrites on purpose. A submit without the
version is a form error, never a blind overwrite.
"""

import pytest
from django.urls import reverse

from core.roles import Role
from tests.conftest import client_for
from tests.factories import (
    battery_pack,
    battery_product,
    chemistry_content,
    country_risk,
    material_risk,
    member,
    procurement,
    production_share,
    raw_material,
    requirement,
    sourcing_line,
)
from tests.factories.suppliers import contract
from tests.suppliers.lost_updates import (
    STALE,
    assert_a_stale_submit_keeps_the_first_save,
    assert_a_submit_without_the_version_overwrites_nothing,
    opened_form,
)

pytestmark = pytest.mark.django_db


def _followers(org):
    return client_for(member(org, Role.CONTRACT_FOLLOWER)), client_for(member(org, Role.CONTRACT_FOLLOWER))


def _product(org, editors):
    row = battery_product(organization=org, name="Renault Zoe")
    return reverse("battery_chain:product_edit", args=[row.pk]), row, "notes", _followers(org)


def _pack(org, editors):
    row = battery_pack(battery_product(organization=org), maker="CATL")
    return reverse("battery_chain:pack_edit", args=[row.product_id, row.pk]), row, "maker", _followers(org)


def _line(org, editors):
    row = sourcing_line(battery_pack(battery_product(organization=org)), refiner="Huayou")
    url = reverse("battery_chain:line_edit", args=[row.pack.product_id, row.pack_id, row.pk])
    return url, row, "refiner", _followers(org)


def _reference(url_name, build, field):
    def case(org, editors):
        row = build()
        return reverse(f"battery_chain:{url_name}", args=[row.pk]), row, field, tuple(map(client_for, editors))

    return case


CASES = {
    "product": _product,
    "pack": _pack,
    "line": _line,
    "material": _reference("material_edit", raw_material, "main_risks"),
    "material risk": _reference("material_risk_edit", material_risk, "comment"),
    "country risk": _reference("country_edit", country_risk, "basis"),
    "production share": _reference("share_edit", production_share, "source"),
    "chemistry content": _reference("content_edit", chemistry_content, "source"),
}


def _reader(row, field):
    return lambda: getattr(type(row).objects.get(pk=row.pk), field)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_stale_second_submit_is_refused_shows_both_values_and_keeps_the_first(case, org, national_editors):
    url, row, field, (anne, bjorn) = case(org, national_editors)
    assert 'type="hidden" name="version"' in anne.get(url).content.decode(), "the page carries the version"
    assert_a_stale_submit_keeps_the_first_save(anne, bjorn, url, _reader(row, field), field)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_submit_without_the_version_overwrites_nothing(case, org, national_editors):
    url, row, field, (anne, _bjorn) = case(org, national_editors)
    assert_a_submit_without_the_version_overwrites_nothing(anne, url, _reader(row, field), field)


def test_a_stale_pack_submit_keeps_the_first_saves_circularity_requirements(org):
    tender = procurement(organization=org)
    reuse, recycle = requirement(tender, title="Gjenbruk"), requirement(tender, title="Gjenvinning")
    bus_contract = contract(organization=org, procurement=tender, category=tender.category)
    pack = battery_pack(battery_product(organization=org, kind="buss", contract=bus_contract))
    url = reverse("battery_chain:pack_edit", args=[pack.product_id, pack.pk])
    anne, bjorn = _followers(org)
    annes = opened_form(anne, url, circularity_requirements=[reuse.pk])
    bjorns = opened_form(bjorn, url, circularity_requirements=[recycle.pk])
    assert anne.post(url, annes).status_code == 302
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200 and STALE in response.content.decode()
    # The table compares the chosen requirements, not a manager with a queryset.
    assert any(
        "Gjenbruk" in theirs and "Gjenvinning" in yours for _label, theirs, yours in response.context["conflict"]
    )
    assert list(pack.circularity_requirements.all()) == [reuse]
