"""Scale benchmark: every list and detail page at N and 2N procurements, served by gunicorn.

Usage (PostgreSQL on 127.0.0.1, user postgres, trust auth):

    /work/main/.venv/bin/python bench/scale.py --scale 10000 [--rounds 15] [--db ans_bench]

For each size (N, then 2N) it creates a throwaway database (dropped at the end), migrates
it, bulk-inserts one organisation's history (N procurements with ~8 requirements and 2–3
award criteria each, N/10 published criteria made through the criteria services, N/2
suppliers, N/5 contracts, N/10 cases, N/50 battery products), collects static files,
starts gunicorn (2 workers, DEBUG=0, production settings, a free port on 127.0.0.1) and
requests every page interleaved with a trivial view and the bare page shell. It prints
per page: queries (counted once in-process), median and p99 latency, the median as a
multiple of the shell's, and the response size. gunicorn is stopped at the end.
Not a test: it is for a quiet machine; loops are bounded by --rounds.
"""

import argparse
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(PG + "postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def drop_database(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(PG + "postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


# ----------------------------------------------------------------- building (child process)


def build(n: int) -> dict:
    """The data set, in bulk where nothing derives from it, through services where it does."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from core.models import Membership, Organization
    from core.roles import Role
    from criteria import services as library
    from criteria.models import Category, Theme
    from procurement.models import AwardCriterion, Procurement, Requirement

    org = Organization.objects.create(name="Skalakommune", orgnr="974760673", kind="kommune")
    user = get_user_model().objects.create_user("skala@test.example", password=secrets.token_hex(8))
    Membership.objects.create(user=user, organization=org, role=Role.BUYER)
    categories = [Category.objects.create(slug=f"s{i}", name=f"Kategori {i}", high_risk=i % 3 == 0) for i in range(6)]
    theme = Theme.objects.create(slug="skala", name="Skala")
    criteria = []
    for i in range(max(n // 10, 20)):
        data = library.CriterionData(
            code=f"SK-{i:05d}",
            title=f"Krav om ombruk og reservedeler {i}",
            category=categories[i % 6],
            group=None,
            theme=theme,
            kind="kravspesifikasjon",
            variants=[
                library.VariantData(
                    level="basis", text=f"Leverandøren skal sikre ombruk ({i}).", documentation="Produktdatablad."
                )
            ],
        )
        created = library.create_criterion(data=data, organization=None, user=None)
        criteria.append(library.publish_criterion(criterion=created, user=None))

    per_year = max(n // 8, 1)
    procurements = []
    for year in range(2019, 2027):
        procurements += Procurement.objects.bulk_create(
            Procurement(
                organization=org,
                year=year,
                sequence=i + 1,
                reference=f"{year}-{i + 1:04d}",
                title=f"Anskaffelse {year} nr. {i}",
                category=categories[i % 6],
                kind="varer" if i % 3 == 0 else "tjenester",
                estimated_value=500_000 + i,
                status="avsluttet" if year < 2026 else "utkast",
                published_at=datetime(year, 5, 1, tzinfo=UTC) if year < 2026 else None,
                responsible=user,
            )
            for i in range(per_year)
        )
    batch = []
    for p in procurements:
        for k in range(8):
            batch.append(
                Requirement(procurement=p, section="kravspesifikasjon", position=k, title=f"Krav {k}", text="Tekst.")
            )
        if len(batch) > 20_000:
            Requirement.objects.bulk_create(batch)
            batch = []
    Requirement.objects.bulk_create(batch)
    AwardCriterion.objects.bulk_create(
        [AwardCriterion(procurement=p, name="Pris", weight=60, is_price=True) for p in procurements]
        + [AwardCriterion(procurement=p, name="Miljø", weight=30, is_environmental=True) for p in procurements]
        + [AwardCriterion(procurement=p, name="Kvalitet", weight=10) for i, p in enumerate(procurements) if i % 2]
    )
    extra = build_suppliers_and_chains(n, org, user, categories[0], procurements)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    draft = Procurement.objects.filter(organization=org, status="utkast", category=categories[0]).first()
    return {"session": session.session_key, "procurement": draft.pk, "criterion": criteria[0].pk, **extra}


def build_suppliers_and_chains(n, org, user, category, procurements) -> dict:
    from battery_chain.models import Product
    from suppliers.models import Case, Contract, Supplier

    suppliers = Supplier.objects.bulk_create(
        Supplier(name=f"Leverandør {i:05d} AS", foreign_id=f"SK{i:06d}", country="SE") for i in range(max(n // 2, 10))
    )
    org.registered_suppliers.add(*suppliers)
    contracts = Contract.objects.bulk_create(
        Contract(
            organization=org,
            procurement=procurements[i],
            title=f"Kontrakt {i}",
            category=category,
            start_date=date(2024, 1, 1),
            end_date=date(2027, 12, 31),
            responsible=user,
        )
        for i in range(max(n // 5, 5))
    )
    through = Contract.suppliers.through
    through.objects.bulk_create(
        through(contract_id=c.pk, supplier_id=suppliers[i % len(suppliers)].pk) for i, c in enumerate(contracts)
    )
    cases = Case.objects.bulk_create(
        Case(organization=org, supplier=suppliers[i % len(suppliers)], title=f"Sak {i}") for i in range(max(n // 10, 5))
    )
    products = Product.objects.bulk_create(
        Product(organization=org, name=f"Buss {i}", kind="buss", maker="Produsent") for i in range(max(n // 50, 3))
    )
    return {"supplier": suppliers[0].pk, "contract": contracts[0].pk, "case": cases[0].pk, "product": products[0].pk}


def pages(ids: dict) -> list[tuple[str, str]]:
    from django.urls import reverse

    p, c = ids["procurement"], ids["criterion"]
    return [
        ("trivial view", "/bench/trivial/"),
        ("page shell", "/bench/shell/"),
        ("start page", reverse("core:home")),
        ("activity", reverse("core:activity")),
        ("procurement list p1", reverse("procurement:start")),
        ("procurement list p50", reverse("procurement:start") + "?side=50"),
        ("procurement detail", reverse("procurement:detail", args=[p])),
        ("requirements builder", reverse("procurement:requirements", args=[p])),
        ("award", reverse("procurement:award", args=[p])),
        ("criteria library", reverse("criteria:start")),
        ("criteria search ombruk", reverse("criteria:start") + "?q=ombruk"),
        ("criterion detail", reverse("criteria:detail", args=[c])),
        ("KPI dashboard 2019-2026", reverse("reporting:dashboard") + "?fra=2019&til=2026"),
        ("supplier list", reverse("suppliers:supplier_list")),
        ("supplier detail", reverse("suppliers:supplier_detail", args=[ids["supplier"]])),
        ("contract portfolio", reverse("suppliers:portfolio")),
        ("contract detail", reverse("suppliers:contract_detail", args=[ids["contract"]])),
        ("case list", reverse("suppliers:case_list")),
        ("case detail", reverse("suppliers:case_detail", args=[ids["case"]])),
        ("battery products", reverse("battery_chain:start")),
        ("battery product", reverse("battery_chain:product", args=[ids["product"]])),
    ]


def count_queries(session_key: str, urls) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    counts = {}
    for label, url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts[label] = len(ctx)
    return counts


def child(n: int) -> None:
    """Run inside the bench environment: build, list the pages, count their queries."""
    import json

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    ids = build(n)
    urls = pages(ids)
    print(json.dumps({"session": ids["session"], "pages": urls, "queries": count_queries(ids["session"], urls)}))


# ----------------------------------------------------------------- measuring (parent)


def fetch(port: int, url: str, session: str) -> tuple[float, int, int]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={session}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback only)
        body = response.read()
        status = response.status
    return time.perf_counter() - start, len(body), status


def run_size(n: int, args) -> list[dict]:
    import json

    db = f"{args.db}_{n}"
    recreate_database(db)
    static_root = tempfile.mkdtemp(prefix="scale-static-")
    env = {
        **os.environ,
        "DATABASE_URL": PG + db,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",  # testserver: the in-process query count
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "scale_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    }
    env.pop("CELERY_BROKER_URL", None)
    server = None
    try:
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)], env=env, check=True, stdout=subprocess.PIPE, text=True
        ).stdout
        built = json.loads(out.strip().splitlines()[-1])
        print(f"  built and migrated {n} procurements in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", "config.wsgi"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(300):  # up to 60 s for the workers to boot on a loaded machine
            try:
                fetch(port, "/bench/trivial/", built["session"])
                break
            except OSError:
                time.sleep(0.2)
        samples = {label: [] for label, _ in built["pages"]}
        sizes, statuses = {}, {}
        for _label, url in built["pages"]:  # warm each worker's caches once
            fetch(port, url, built["session"])
            fetch(port, url, built["session"])
        for _ in range(args.rounds):
            for label, url in built["pages"]:  # interleaved: load on the machine hits every page alike
                seconds, size, status = fetch(port, url, built["session"])
                samples[label].append(seconds)
                sizes[label], statuses[label] = size, status
        shell = statistics.median(samples["page shell"])
        rows = []
        for label, _ in built["pages"]:
            times = sorted(samples[label])
            median = statistics.median(times)
            rows.append(
                {
                    "page": label,
                    "queries": built["queries"][label],
                    "median": median,
                    "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
                    "shell": median / shell,
                    "size": sizes[label],
                    "status": statuses[label],
                }
            )
        return rows
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        drop_database(db)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000, help="procurements at N (2N is measured too)")
    parser.add_argument("--rounds", type=int, default=15, help="requests per page and size")
    parser.add_argument("--db", default="ans_bench", help="prefix of the throwaway databases")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    n = args.scale
    small, large = run_size(n, args), run_size(2 * n, args)
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.uname().nodename}, {os.cpu_count()} CPUs, N = {n}")
    print(
        "| page | queries | N: p50 ms | p99 ms | × shell | KB | queries 2N | 2N: p50 ms | p99 ms | × shell | KB | growth |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for a, b in zip(small, large, strict=True):
        flag = "" if a["status"] == b["status"] == 200 else f" (HTTP {a['status']}/{b['status']})"
        print(
            f"| {a['page']}{flag} | {a['queries']} | {a['median'] * 1000:.0f} | {a['p99'] * 1000:.0f} | "
            f"{a['shell']:.1f} | {a['size'] / 1024:.0f} | {b['queries']} | {b['median'] * 1000:.0f} | "
            f"{b['p99'] * 1000:.0f} | {b['shell']:.1f} | {b['size'] / 1024:.0f} | "
            f"{(b['median'] / a['median'] - 1) * 100:+.0f} % |"
        )


if __name__ == "__main__":
    main()
