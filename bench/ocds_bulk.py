"""Time and peak memory of the yearly OCDS bulk export, as ratios to a floor measured in the same run.

Usage: DEBUG=1 .venv/bin/python bench/ocds_bulk.py [--procurements 10000] [--repeat 3]
Builds an organisation with N procurements published in one year (each with two
award criteria, three requirements from the library and CPV codes) in a
throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL is
set), then writes the year's package through the same generator the download
streams (procurement.ocds.stream_package over ocds_data.latest_releases).

- floor: the same rows read with values_list().iterator() and written as one
  small JSON object each: the least any streamed export of these rows costs;
- streamed: the real export;
- in memory: the same releases put in a list and dumped at once, for contrast
  (what not streaming would cost).

Time is the best of --repeat runs without tracing; peak memory is measured in a
separate run with tracemalloc (Python allocations, not the process's RSS). The
streamed export is also measured at N/10 procurements: its peak should not grow
with N, while the in-memory one does.
"""

import argparse
import json
import os
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

YEAR = 2025


def build(n: int):
    from core.models import Organization
    from criteria.models import Category, Criterion, Theme
    from procurement import cpv
    from procurement.models import AwardCriterion, Procurement, Requirement

    cpv.load()
    org = Organization.objects.create(name=f"Benkekommune {n}", orgnr=f"9{n:08d}"[-9:], kind="kommune")
    category = Category.objects.get_or_create(slug="ikt-utstyr", defaults={"name": "IKT-utstyr"})[0]
    theme = Theme.objects.get_or_create(slug="forlenge-levetid", defaults={"name": "Forlenge levetid"})[0]
    library = Criterion.objects.get_or_create(
        code="BENK-01",
        defaults={"title": "Reservedeler", "category": category, "theme": theme, "kind": "kravspesifikasjon"},
    )[0]
    made = Procurement.objects.bulk_create(
        Procurement(
            organization=org,
            year=YEAR,
            sequence=i + 1,
            reference=f"{YEAR}/{i + 1:05d}",
            title=f"Anskaffelse {i} av datamaskiner og skjermer til skolene",
            description="Rammeavtale om kjøp av bærbare datamaskiner, skjermer og tilbehør.",
            category=category,
            kind="varer",
            estimated_value=2_500_000 + i,
            status="publisert",
            main_cpv_id="30213100",
            published_at=datetime(YEAR, 1 + i % 12, 1 + i % 28, 10, tzinfo=UTC),
        )
        for i in range(n)
    )
    AwardCriterion.objects.bulk_create(
        [AwardCriterion(procurement=p, position=1, name="Pris", weight=60, is_price=True) for p in made]
        + [
            AwardCriterion(procurement=p, position=2, name="Klima og miljø", weight=40, is_environmental=True)
            for p in made
        ]
    )
    Requirement.objects.bulk_create(
        Requirement(
            procurement=p,
            section=section,
            position=1,
            title="Reservedeler i fem år",
            text="Leverandøren skal kunne levere reservedeler i fem år.",
            environmental=True,
            criterion=library,
        )
        for p in made
        for section in ("kvalifikasjonskrav", "kravspesifikasjon", "kontraktsvilkar")
    )
    through = Procurement.additional_cpv.through
    through.objects.bulk_create(through(procurement_id=p.pk, cpvcode_id="30231300") for p in made)
    return org


class Sink:
    """Counts what a response would send, keeping nothing."""

    def __init__(self):
        self.bytes = 0

    def write(self, chunk: str):
        self.bytes += len(chunk.encode())


def floor(org):
    from procurement.models import Procurement

    sink = Sink()
    rows = (
        Procurement.objects.filter(organization=org, published_at__year=YEAR)
        .values_list("reference", "title", "estimated_value")
        .iterator(chunk_size=500)
    )
    sink.write("[")
    for n, (reference, title, value) in enumerate(rows):
        sink.write(("," if n else "") + json.dumps({"id": reference, "title": title, "amount": int(value)}))
    sink.write("]")
    return sink.bytes


def streamed(org):
    from procurement import ocds, ocds_data

    sink = Sink()
    for chunk in ocds.stream_package(
        ocds_data.latest_releases(org, YEAR), uri="https://example.invalid/", published=datetime.now(UTC), publisher="x"
    ):
        sink.write(chunk)
    return sink.bytes


def in_memory(org):
    from procurement import ocds, ocds_data

    releases = list(ocds_data.latest_releases(org, YEAR))
    text = json.dumps(
        ocds.package(releases, uri="https://example.invalid/", published=datetime.now(UTC), publisher="x"),
        ensure_ascii=False,
    )
    return len(text.encode())


def timed(fn, org, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        size = fn(org)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, size


def peak(fn, org):
    tracemalloc.start()
    try:
        fn(org)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--procurements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        large = build(args.procurements)
        small = build(max(1, args.procurements // 10))
        results = {}
        for name, fn in (("floor", floor), ("streamed", streamed), ("in memory", in_memory)):
            seconds, size = timed(fn, large, args.repeat)
            results[name] = (seconds, peak(fn, large), size)
        small_peak = peak(streamed, small)
        base_s, base_mem, _size = results["floor"]
        print(f"{args.procurements} procurements, {connection.vendor}, best of {args.repeat}")
        print(f"{'':10} {'seconds':>8} {'x floor':>8} {'peak MiB':>9} {'x floor':>8} {'MB out':>7}")
        for name, (seconds, memory, size) in results.items():
            print(
                f"{name:10} {seconds:8.2f} {seconds / base_s:8.1f} {memory / 2**20:9.1f} "
                f"{memory / base_mem:8.1f} {size / 1e6:7.1f}"
            )
        print(
            f"streamed peak at {max(1, args.procurements // 10)} procurements: {small_peak / 2**20:.1f} MiB "
            f"({results['streamed'][1] / small_peak:.2f}x that at {args.procurements})"
        )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
