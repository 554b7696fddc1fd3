"""The dashboard's summary (FactGroup) equals the live computation after every write that changes a fact.

`live_fact_groups` is the old GROUP BY over the procurements, kept as the reference;
`fact_groups` reads the summary. After each write path below the two must agree, for
the whole organisation and under each filter the dashboard offers.
"""

import threading
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from core.roles import Role
from procurement import services
from procurement.models import AwardCriterion, CpvCode, Procurement
from procurement.services import AwardRow
from procurement.signals import procurements_written
from reporting import fact_summary
from reporting.facts import fact_groups, live_fact_groups
from reporting.models import CountedProcurement, FactGroup
from tests.factories import CategoryFactory, member
from tests.procurement.helpers import full_tender
from tests.reporting.conftest import published, with_requirement

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.now(UTC).year


def _groups(read, org, **filters) -> Counter:
    return Counter(dict(read(org, **filters)))


def assert_in_step(org, *, counted: int | None = None) -> None:
    """The summary equals the live facts, unfiltered and under each filter; `counted`: how many count."""
    kinds = set(Procurement.objects.filter(organization=org).values_list("kind", flat=True))
    categories = set(Procurement.objects.filter(organization=org).values_list("category_id", flat=True))
    filters = [{}, {"years": [THIS_YEAR]}, {"cpv_division": "30"}]
    filters += [{"kind": k} for k in kinds] + [{"category_id": c} for c in categories]
    for f in filters:
        assert _groups(fact_groups, org, **f) == _groups(live_fact_groups, org, **f), f
    if counted is not None:
        assert sum(n for _f, n in fact_groups(org)) == counted


@pytest.fixture
def buyer(org):
    return member(org, Role.BUYER)


@pytest.fixture
def tender(org, buyer):
    return services.publish(procurement=full_tender(org, per_section=1), user=buyer)


def _version(p) -> int:
    return Procurement.objects.get(pk=p.pk).version


def test_publishing_counts_a_tender_and_cancelling_takes_it_off(org, buyer):
    draft = full_tender(org, per_section=1)
    assert_in_step(org, counted=0)
    services.publish(procurement=draft, user=buyer)
    assert_in_step(org, counted=1)
    services.change_status(procurement=draft, user=buyer, to_status=Procurement.Status.CANCELLED)
    assert_in_step(org, counted=0)


def test_each_edit_under_an_amendment_moves_the_tender_to_its_new_group(org, buyer, tender):
    services.start_amendment(procurement=tender, user=buyer, note="Rettelse av verdi og type.")
    assert_in_step(org, counted=1)
    data = {"estimated_value": 90_000}  # below the floor: no longer counted
    services.update_procurement(procurement=tender, user=buyer, data=data, version=_version(tender))
    assert_in_step(org, counted=0)
    other = CategoryFactory(slug="tekstiler-summary", name="Tekstiler")
    data = {"estimated_value": 2_000_000, "kind": "tjenester", "category": other}
    services.update_procurement(procurement=tender, user=buyer, data=data, version=_version(tender))
    assert_in_step(org, counted=1)
    assert fact_groups(org)[0][0].kind == "tjenester"
    code = CpvCode.objects.create(code="30213100", label_en="Portable computers")
    services.set_cpv(procurement=tender, user=buyer, main=code, additional=[], version=_version(tender))
    assert_in_step(org, counted=1)
    assert len(fact_groups(org, cpv_division="30")) == 1


def test_award_method_criteria_and_exception_changes_are_followed(org, buyer, tender):
    services.start_amendment(procurement=tender, user=buyer, note="Nye tildelingskriterier.")
    price, environment = tender.award_criteria.order_by("position")
    rows = [AwardRow("Pris", weight=100, is_price=True, id=price.pk)]  # the environmental criterion removed
    services.save_award(
        procurement=tender,
        user=buyer,
        rows=rows,
        method=Procurement.AwardMethod.WEIGHTED,
        exception="kravspesifikasjon",
        justification="Miljøkrav i kravspesifikasjonen.",
        version=_version(tender),
    )
    assert_in_step(org, counted=1)
    (facts, _n), *_ = fact_groups(org)
    assert facts.price_only and not facts.has_environment and facts.rule_exception == "kravspesifikasjon"
    rows = [AwardRow("Pris", rank=2, is_price=True, id=price.pk), AwardRow("Miljø", rank=1, is_environmental=True)]
    services.save_award(
        procurement=tender,
        user=buyer,
        rows=rows,
        method=Procurement.AwardMethod.RANKED,
        exception="",
        justification="",
        version=_version(tender),
    )
    assert_in_step(org, counted=1)
    (facts, _n), *_ = fact_groups(org)
    assert facts.has_environment and not facts.weighted


def test_requirement_add_edit_and_remove_are_followed(org, buyer, tender):
    tender = services.start_amendment(procurement=tender, user=buyer, note="Krav om miljøledelse.")
    ems = services.add_custom(
        procurement=tender,
        user=buyer,
        data={
            "section": "kvalifikasjonskrav",
            "title": "ISO 14001",
            "text": "Tekst.",
            "environmental_management": True,
        },
    )
    assert_in_step(org, counted=1)
    assert fact_groups(org)[0][0].environmental_management
    clause = tender.requirements.get(human_rights_clause=True)
    services.update_requirement(
        requirement=clause, user=buyer, data={"human_rights_clause": False}, version=clause.version
    )
    assert_in_step(org, counted=1)
    assert not fact_groups(org)[0][0].human_rights_clause
    services.remove_requirement(requirement=ems, user=buyer)
    assert_in_step(org, counted=1)
    assert not fact_groups(org)[0][0].environmental_management


def test_queryset_deletes_of_criteria_and_requirements_are_followed(org, tender):
    tender.award_criteria.all().delete()
    assert_in_step(org, counted=1)
    tender.requirements.filter(human_rights_clause=True).delete()
    assert_in_step(org, counted=1)
    (facts, _n), *_ = fact_groups(org)
    assert not facts.has_environment and not facts.human_rights_clause


def test_a_category_turning_high_risk_needs_no_refresh(org, tender):
    category = tender.category
    category.high_risk = not category.high_risk
    category.save()
    assert_in_step(org, counted=1)


def test_deleting_a_procurement_or_its_organisation_takes_its_count_off(org, other_org, tender):
    kept = published(other_org, env=30, price=70, year=THIS_YEAR)
    Procurement.objects.get(pk=tender.pk).delete()
    assert_in_step(org, counted=0)
    assert not CountedProcurement.objects.filter(procurement_pk=tender.pk).exists()
    published(org, env=30, price=70, year=THIS_YEAR)
    org.delete()
    assert not FactGroup.objects.filter(organization_id=org.pk).exists()
    assert_in_step(other_org, counted=1)
    assert CountedProcurement.objects.filter(procurement_pk=kept.pk).exists()


def test_each_organisation_has_its_own_summary(org, other_org):
    """The same tenders in two organisations: each sees only its own counts, and a write in one moves nothing in the other."""
    mine = [published(org, env=30, price=70), published(org, price=100)]
    theirs = published(other_org, env=30, price=70)
    with_requirement(theirs, environmental_management=True)
    assert_in_step(org, counted=2)
    assert_in_step(other_org, counted=1)
    Procurement.objects.get(pk=mine[0].pk).delete()
    assert_in_step(org, counted=1)
    assert_in_step(other_org, counted=1)
    assert not any(f.environmental_management for f, _n in fact_groups(org))


def test_bulk_writes_are_followed_once_announced(org):
    p = published(org, env=30, price=70)
    Procurement.objects.filter(pk=p.pk).update(published_at=datetime(THIS_YEAR - 3, 2, 1, tzinfo=UTC))
    AwardCriterion.objects.bulk_create(
        [AwardCriterion(procurement=p, name="Miljø 2", weight=10, is_environmental=True)]
    )
    procurements_written.send(sender=Procurement, pks=[p.pk])
    assert_in_step(org, counted=1)
    assert fact_groups(org)[0][0].year == THIS_YEAR - 3


def test_rebuild_command_recomputes_a_summary_that_drifted(org, other_org):
    published(org, env=30, price=70)
    published(org, price=100)
    published(other_org, env=40, price=60)
    FactGroup.objects.filter(organization=org).update(count=7)  # drifted, as after a restore
    call_command("rebuild_kpi_facts", "--org", org.orgnr)
    assert_in_step(org, counted=2)
    call_command("rebuild_kpi_facts")
    call_command("rebuild_kpi_facts")  # again: the same, nothing counted twice
    assert_in_step(org, counted=2)
    assert_in_step(other_org, counted=1)


def test_the_migration_fills_the_summary_with_its_historical_models(org):
    published(org, env=30, price=70)
    with_requirement(published(org, price=100), environmental_management=True)
    FactGroup.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("reporting", "0002_kpi_fact_summary"))
    assert fact_summary.rebuild(apps=state.apps) == 2
    assert_in_step(org, counted=2)


def test_the_dashboard_reads_the_summary_not_the_procurements(org):
    """One query on the summary table, whatever the history: it never scans procurement_procurement."""
    for i in range(12):
        with_requirement(published(org, env=20 + i % 3 * 10, price=80 - i % 3 * 10), human_rights_clause=i % 2 == 0)
    with CaptureQueriesContext(connection) as queries:
        groups = fact_groups(org, years=[2024, 2025])
    assert len(queries) == 1
    assert "procurement_procurement" not in queries[0]["sql"]
    assert "reporting_factgroup" in queries[0]["sql"]
    assert sum(n for _f, n in groups) == 12
    assert len(groups) == 6, "12 procurements in 6 combinations of facts: 6 rows read"


def test_a_save_of_fields_that_are_no_fact_does_not_refresh(org, buyer, django_assert_num_queries):
    draft = full_tender(org, per_section=1)
    with django_assert_num_queries(0):
        # The signal handler itself: no lock, no recomputation for a save naming only other fields.
        fact_summary._procurement_saved(Procurement, draft, update_fields=["need_step", "updated_at"])


def test_the_demo_data_leaves_every_summary_in_step(capsys):
    """The demo loaders write in bulk and with .update() (back-dating, CPV codes): they keep the summary too."""
    from core.models import Organization

    call_command("load_demo")
    for org in Organization.objects.all():
        assert_in_step(org)
    assert FactGroup.objects.filter(count__gt=0).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_writes_to_the_same_procurements_and_groups_add_up(org):
    """Two officers edit each of eight tenders at once: every move lands, none is counted twice.

    Both requirements of a tender are added in parallel transactions: the second refresh waits
    for the first's procurement lock and then sees both; the eight tenders move into the same
    groups in parallel, so the group rows take concurrent increments.
    """
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL (SQLite serialises the whole database)")
    tenders = [published(org, env=30, price=70) for _ in range(8)]
    Procurement.objects.filter(pk__in=[t.pk for t in tenders]).update(amendment_open=True)
    buyer = member(org, Role.BUYER)
    flags = ({"environmental_management": True}, {"human_rights_clause": True})
    jobs = [(t.pk, f) for t in tenders for f in flags]
    barrier = threading.Barrier(len(jobs))
    errors = []

    def add(pk, flag):
        try:
            barrier.wait(timeout=30)
            data = {"section": "kvalifikasjonskrav", "title": "Krav", "text": "Tekst.", **flag}
            services.add_custom(procurement=Procurement.objects.get(pk=pk), user=buyer, data=data)
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's error
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert_in_step(org, counted=8)
    (facts, n), *others = fact_groups(org)
    assert (n, others) == (8, []) and facts.environmental_management and facts.human_rights_clause
