"""How long the KPI dashboard takes for an organisation with many procurements.

Usage: DEBUG=1 .venv/bin/python bench/kpi_bench.py [--procurements 10000] [--repeat 5]
Builds the data in a throwaway test database (SQLite by default, PostgreSQL when
DATABASE_URL is set), then times GET /rapporter/ through Django's test client
(the whole request: queries, computing and template). Prints seconds and queries.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(n: int):
    from django.contrib.auth import get_user_model

    from core.models import Membership, Organization
    from core.roles import Role
    from criteria.models import Category
    from procurement.models import AwardCriterion, Procurement, Requirement

    org = Organization.objects.create(name="Benkekommune", orgnr="974760673", kind="kommune")
    user = get_user_model().objects.create_user("bench@test.example", password="x")
    Membership.objects.create(user=user, organization=org, role=Role.BUYER)
    categories = [Category.objects.create(slug=f"k{i}", name=f"Kategori {i}", high_risk=i % 2 == 0) for i in range(6)]
    made = []
    for year in range(2022, 2026):
        made += Procurement.objects.bulk_create(
            Procurement(
                organization=org,
                year=year,
                sequence=i + 1,
                reference=f"{year}/{i + 1:05d}",
                title=f"Anskaffelse {i}",
                category=categories[i % 6],
                kind="varer" if i % 3 == 0 else "tjenester",
                estimated_value=500_000,
                status="avsluttet",
                published_at=datetime(year, 5, 1, tzinfo=UTC),
            )
            for i in range(n // 4)
        )
    AwardCriterion.objects.bulk_create(
        AwardCriterion(procurement=p, name="Miljø", weight=10 + i % 35, is_environmental=True)
        for i, p in enumerate(made)
        if i % 3
    )
    AwardCriterion.objects.bulk_create(
        AwardCriterion(procurement=p, name="Pris", weight=70, is_price=True) for p in made
    )
    Requirement.objects.bulk_create(
        Requirement(
            procurement=p, section="kvalifikasjonskrav", title="ISO 14001", text="x", environmental_management=True
        )
        for i, p in enumerate(made)
        if i % 2
    )
    from reporting import fact_summary

    fact_summary.rebuild(org.pk)  # bulk inserts pass the signals that keep the dashboard's summary
    return user


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--procurements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        user = build(args.procurements)
        client = Client()
        client.force_login(user)
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get("/rapporter/", {"fra": 2022, "til": 2025})
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        print(
            f"{args.procurements} procurements, {connection.vendor}: best {min(times):.3f} s, "
            f"median {sorted(times)[len(times) // 2]:.3f} s, {len(queries)} queries"
        )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
