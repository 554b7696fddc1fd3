"""OCDS release packages: valid against the pinned extended schema, with the content the issue asks for."""

import copy
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.roles import Role
from procurement import ocds, services
from procurement.models import Procurement
from procurement.ocds_responses import package_for
from procurement.ocds_schema import validate_package
from tests.conftest import client_for
from tests.factories import member
from tests.factories import procurement as make_procurement
from tests.procurement.helpers import full_tender


def _package(client, p):
    response = client.get(reverse("procurement:ocds", args=[p.pk]))
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_every_demo_procurement_package_validates_with_no_errors(demo, rf):
    published = list(Procurement.objects.filter(published_at__isnull=False).select_related("organization"))
    assert len(published) >= 10
    request = rf.get("/")
    for p in published:
        package = package_for(request, p)
        report = validate_package(package)
        assert report.errors == [], f"{p.reference} {p.title}: {report.errors[:5]}"
        assert report.warnings == [], f"{p.reference}: {report.warnings[:5]}"


def test_a_deliberate_error_is_caught(demo, rf):
    p = Procurement.objects.filter(published_at__isnull=False, award_criteria__isnull=False).first()
    package = package_for(rf.get("/"), p)
    assert validate_package(package).valid
    broken = copy.deepcopy(package)
    del broken["releases"][0]["date"]
    broken["releases"][0]["tender"]["value"]["amount"] = "2500000"  # a Decimal serialised as text
    broken["releases"][0]["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["weight"] = "percentage"
    broken["releases"][0]["tender"]["procurementMethod"] = "åpen"
    errors = [str(e) for e in validate_package(broken).errors]
    assert any("'date' is a required property" in e for e in errors), errors
    assert any("'2500000' is not of type" in e for e in errors), errors
    assert any("closed codelist criterionWeight.csv" in e for e in errors), errors
    assert any("closed codelist method.csv" in e for e in errors), errors
    broken = copy.deepcopy(package)
    broken["releases"][0]["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["type"] = "quality-nor-env-criteria"
    report = validate_package(broken)
    assert report.valid and any("open codelist awardCriterionType.csv" in str(w) for w in report.warnings)


def _cpv(code):
    from procurement.models import CpvCode

    return CpvCode.objects.get(code=code)


def test_package_content_cpv_criteria_sustainability_and_amendments(org, settings, client):
    settings.OCDS_OCID_PREFIX = "ocds-abc123"
    call_command("load_cpv", verbosity=0)
    user = member(org, Role.BUYER)
    p = full_tender(org, estimated_value=2_000_000)
    services.set_cpv(procurement=p, user=user, main=_cpv("34144910"), additional=[_cpv("31440000")], version=p.version)
    services.publish(procurement=p, user=user)
    p.refresh_from_db()
    services.start_amendment(procurement=p, user=user, note="Ny tilbudsfrist")
    p.refresh_from_db()
    services.update_procurement(
        procurement=p, user=user, data={"title": "Elektriske busser, rettet"}, version=p.version
    )
    services.finish_amendment(procurement=p, user=user)

    package = _package(client_for(user), p)
    assert validate_package(package).errors == []
    first, second = package["releases"]
    assert first["ocid"] == second["ocid"] == f"ocds-abc123-{org.orgnr}-{p.reference.replace('/', '-')}"
    assert first["tag"] == ["tender"] and second["tag"] == ["tenderAmendment"]
    # The older release keeps the title it was published with; the amendment has the new one.
    assert first["tender"]["title"] == "Elektriske busser" and second["tender"]["title"] == "Elektriske busser, rettet"
    assert "amendments" not in first["tender"]
    assert second["tender"]["amendments"][0]["description"] == "Ny tilbudsfrist"
    tender = second["tender"]
    assert tender["value"] == {"amount": 2000000, "currency": "NOK"}
    assert tender["procurementMethod"] == "open" and tender["mainProcurementCategory"] == "goods"
    assert tender["items"][0]["classification"]["id"] == "34144910"
    assert tender["items"][0]["additionalClassifications"][0]["id"] == "31440000"
    lot = tender["lots"][0]
    assert lot["awardCriteria"]["criteria"] == [
        {"type": "price", "name": "Pris", "numbers": [{"number": 60, "weight": "percentageExact"}]},
        {
            "type": "quality",
            "name": "Klima og miljø",
            "description": "Klimafotavtrykk over livsløpet.",
            "numbers": [{"number": 40, "weight": "percentageExact"}],
        },
    ]
    assert lot["hasSustainability"] is True
    assert {"goal": "environmental", "strategies": ["awardCriteria"]} in lot["sustainability"]


def test_sustainability_goals_follow_themes_and_strategies_follow_kinds():
    snapshot = ocds.Snapshot(
        orgnr="964338531",
        organization="Bergen",
        reference="2026/001",
        title="PC-er",
        description="",
        status="publisert",
        kind="varer",
        procedure="apen",
        procedure_label="Åpen",
        estimated_value=1,
        tender_deadline=None,
        award_method="vekting",
        date=None,
        tag="tender",
        release_suffix="tender",
        requirements=[
            ocds.RequirementFacts("kravspesifikasjon", True, False, "forlenge-levetid", True),
            ocds.RequirementFacts("kontraktsvilkar", False, True, "menneskerettigheter", True),
            ocds.RequirementFacts("kvalifikasjonskrav", True, False, "", False),
        ],
    )
    assert ocds.sustainability(snapshot) == [
        {"goal": "environmental", "strategies": ["selectionCriteria"]},
        {"goal": "environmental.circularEconomy", "strategies": ["nationalGPPCriteria", "technicalSpecifications"]},
        {
            "goal": "social.humanRightsInSupplyChains",
            "strategies": ["contractPerformanceConditions", "nationalGPPCriteria"],
        },
    ]


def test_draft_has_no_release_and_outsider_gets_404(org, users, outsider):
    p = make_procurement(organization=org)
    owner = client_for(users[Role.BUYER])
    assert owner.get(reverse("procurement:ocds", args=[p.pk])).status_code == 409
    assert client_for(outsider).get(reverse("procurement:ocds", args=[p.pk])).status_code == 404


def test_bulk_package_streams_the_year_and_validates(org, users, django_assert_max_num_queries):
    user = users[Role.BUYER]
    for _ in range(3):
        services.publish(procurement=full_tender(org, per_section=1), user=user)
    year = Procurement.objects.filter(organization=org).first().published_at.year
    client = client_for(user)

    def fetch():
        response = client.get(reverse("procurement:ocds_bulk", args=[year]))
        assert response.streaming and response["Content-Disposition"].startswith("attachment")
        return json.loads(b"".join(response.streaming_content))

    with django_assert_max_num_queries(20):
        small = fetch()
    for _ in range(6):
        services.publish(procurement=full_tender(org, per_section=1), user=user)
    with django_assert_max_num_queries(20):
        large = fetch()
    assert len(small["releases"]) == 3 and len(large["releases"]) == 9
    assert validate_package(large).errors == []
