from django.core.management import call_command

from procurement.models import Procurement


def test_demo_has_the_bus_tender_and_the_it_purchase_in_several_states(db):
    call_command("load_demo", verbosity=0)
    buses = Procurement.objects.get(title="Elektriske busser for bybusstrafikken")
    # Published by the procurement demo; the suppliers demo then awards it and makes the contract.
    assert buses.status == Procurement.Status.CONTRACT_FOLLOW_UP and buses.estimated_value == 120_000_000
    assert buses.published_at is not None
    levels = dict(
        buses.requirements.filter(criterion__code__startswith="BUSS-BATT").values_list("criterion__code", "level")
    )
    assert levels == {f"BUSS-BATT-0{i}": "avansert" for i in range(1, 6)}
    assert sorted(buses.award_criteria.values_list("weight", "is_environmental")) == [(40, True), (60, False)]

    it = Procurement.objects.get(title="PC-er og skjermer til skolene")
    assert set(it.requirements.values_list("level", flat=True)) == {"basis"}
    assert it.requirements.filter(criterion__category__slug="ikt-utstyr").count() >= 5

    # The cleaning tender went through evaluering to a signed contract (tests/procurement/evaluation/test_flow.py).
    assert {p.status for p in Procurement.objects.all()} >= {"utkast", "kontraktsoppfolging", "avlyst"}
    count = Procurement.objects.count()
    call_command("load_demo", verbosity=0)
    assert Procurement.objects.count() == count, "loading the demo twice creates nothing new"
