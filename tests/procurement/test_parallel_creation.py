"""Twenty officers press "Opprett" at the same moment: twenty procurements, twenty numbers, no error.

Numbering used to be max+1 with a few retries on IntegrityError; under load the
retries ran out and requests ended in 500. A locked per-organisation-and-year
counter row makes parallel creations queue for their number instead.
"""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from procurement.models import Procurement, ReferenceCounter
from tests.conftest import client_for
from tests.factories import CategoryFactory, member, procurement

PARALLEL = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_creations_give_twenty_distinct_references_and_no_error(org):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL (SQLite serialises the whole database)")
    category = CategoryFactory(slug="kjoretoy-og-transport", name="Kjøretøy og transport")
    clients = [client_for(member(org, Role.BUYER)) for _ in range(PARALLEL)]
    url = reverse("procurement:create")
    barrier = threading.Barrier(PARALLEL)
    statuses = []

    def create(client, n):
        try:
            barrier.wait(timeout=30)
            response = client.post(
                url,
                {
                    "title": f"Innkjøp {n}",
                    "category": category.pk,
                    "kind": "varer",
                    "buyer_type": "annen",
                    "estimated_value": 1_000_000,
                    "contract_months": 24,
                    "option_months": 0,
                    "procedure": "apen",
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(c, n)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert statuses == [302] * PARALLEL
    references = list(Procurement.objects.filter(organization=org).values_list("reference", flat=True))
    year = timezone.localdate().year
    assert sorted(references) == [f"{year}/{n:03d}" for n in range(1, PARALLEL + 1)]


@pytest.mark.django_db
def test_numbering_continues_after_the_highest_existing_number_and_per_organisation(org, other_org):
    first = procurement(organization=org)
    ReferenceCounter.objects.all().delete()  # as on a database made before the counter existed
    second = procurement(organization=org)
    elsewhere = procurement(organization=other_org)
    assert (first.sequence, second.sequence, elsewhere.sequence) == (1, 2, 1)
    assert ReferenceCounter.objects.get(organization=org).last == 2
