"""The register's demo: Bergen's EV leasing contract, the bus contract from the demo tender, idempotent."""

from django.core.management import call_command
from django.utils import timezone

from core.validators import validate_orgnr
from procurement.models import Procurement
from suppliers.models import Certificate, Contract, Supplier


def test_demo_has_the_contracts_priorities_and_an_expiring_certificate(db):
    call_command("load_demo", verbosity=0)
    ev = Contract.objects.get(organization__orgnr="964338531", reference="BK-2017-ELBIL")
    assert ev.category.slug == "kjoretoy-og-transport" and str(ev.end_date) == "2021-06-14"
    assert ev.priority == "hoy" and ev.assessment.high_risk_countries and ev.planned_followups == 3
    assert ev.obligations.filter(human_rights=True).exists()
    assert "[" not in ev.obligations.get().text, "the demo fills the clause's placeholders"

    buses = Procurement.objects.get(title="Elektriske busser for bybusstrafikken")
    assert buses.status == Procurement.Status.CONTRACT_FOLLOW_UP
    bus_contract = buses.contracts.get()
    # The tender's contract clauses, and the winner's promised climate values as targets (issue 18).
    clauses = buses.requirements.filter(section="kontraktsvilkar").count()
    assert bus_contract.obligations.filter(target__isnull=True).count() == clauses > 0
    assert bus_contract.obligations.filter(target__isnull=False).count() == buses.award_decision.winner.promises.count()

    # Vestland: the leasing contract and the city-bus contract from the county's tender (issue 14).
    assert Contract.objects.filter(organization__orgnr="821311632").count() == 2
    assert buses.organization.orgnr == bus_contract.organization.orgnr == "821311632"
    for s in Supplier.objects.exclude(orgnr=""):
        validate_orgnr(s.orgnr)
    assert Supplier.objects.filter(country="KR", name__startswith="LG Energy Solution").exists()
    assert any(c.expires_soon for c in Certificate.objects.all())
    assert timezone.localdate() < bus_contract.end_date

    counts = (Supplier.objects.count(), Contract.objects.count(), Certificate.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Supplier.objects.count(), Contract.objects.count(), Certificate.objects.count()) == counts
