"""The battery demo: reference data, Bergen's cars and bus, idempotent."""

import pytest
from django.core.management import call_command

from battery_chain import selectors
from battery_chain.models import BatteryPack, Product, ProductionShare, SourcingLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def scores():
    data = selectors.reference_data()
    products = Product.objects.filter(organization__orgnr="964338531").prefetch_related(selectors.packs_prefetch())
    return {p.name: selectors.score_of(p, data) for p in products}


def test_bergen_has_five_cars_and_vestland_a_bus_with_the_tender_circularity_requirements(demo):
    names = set(Product.objects.filter(organization__orgnr="964338531").values_list("name", flat=True))
    assert {"Nissan Leaf", "Nissan e-NV200", "Hyundai Ioniq", "Mitsubishi i-MIEV", "Renault Zoe"} <= names
    # City buses are the county's (Vestland/Skyss), like the tender (issue 14).
    bus = Product.objects.get(kind=Product.Kind.BUS, organization__orgnr="821311632")
    assert bus.contract.procurement.title == "Elektriske busser for bybusstrafikken"
    codes = set(bus.packs.get().circularity_requirements.values_list("criterion__code", flat=True))
    assert codes == {"BUSS-BATT-02", "BUSS-BATT-03"}


def test_only_renault_zoe_discloses_mine_countries(demo):
    lines = SourcingLine.objects.select_related("pack__product", "material")
    assert {line.pack.product.name for line in lines} == {"Renault Zoe"}
    by_material = {}
    for line in lines:
        by_material.setdefault(line.material.slug, set()).add(str(line.mine_country))
    assert by_material == {"kobolt": {"CD"}, "litium": {"CL", "AU"}, "nikkel": {"CD", "PG"}}
    assert {line.source for line in lines} == {"saq"} and {str(line.source_date) for line in lines} == {"2020-10-30"}
    assert BatteryPack.objects.get(product__name="Renault Zoe").cell_maker == "LG Chem"


def test_renault_zoe_scores_lower_and_more_open_than_the_undisclosed_model_of_the_same_chemistry(demo):
    # Hyundai Ioniq has the same chemistry (NMC 622) and discloses nothing; a model with another
    # chemistry (the i-MIEV's manganese-rich LMO) has a different material mix and may score lower.
    result = scores()
    zoe, ioniq = result["Renault Zoe"], result["Hyundai Ioniq"]
    assert zoe.score < ioniq.score, (zoe.score, ioniq.score)
    assert zoe.transparency > ioniq.transparency == 0
    cars = {n: s for n, s in result.items() if n not in {"Renault Zoe", "Solaris Urbino 18 electric"}}
    assert all(zoe.transparency > s.transparency for s in cars.values())


def test_the_demo_loads_twice_without_duplicates(demo):
    counts = (Product.objects.count(), SourcingLine.objects.count(), ProductionShare.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Product.objects.count(), SourcingLine.objects.count(), ProductionShare.objects.count()) == counts
