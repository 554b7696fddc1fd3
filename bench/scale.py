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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(name: str, template: str = "template0") -> None:
    import psycopg2

    conn = psycopg2.connect(PG + "postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    conn.close()


def database_exists(name: str) -> bool:
    import psycopg2

    conn = psycopg2.connect(PG + "postgres")
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        found = cur.fetchone() is not None
    conn.close()
    return found


def drop_database(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(PG + "postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


# ----------------------------------------------------------------- building (child process)


# Base sizes at --scale 1 (the data set); 2N doubles every one of them.
BASE = {
    "procurements": 10_000,
    "criteria": 1_000,
    "suppliers": 5_000,
    "contracts": 2_000,
    "cases": 1_000,
    "products": 200,
}
BATCH = 5_000


def sizes(scale: float) -> dict:
    return {name: max(int(count * scale), 5) for name, count in BASE.items()}


def build(size: dict) -> dict:
    """One organisation's history, inserted in bulk (batches of BATCH rows).

    Rows that derive fields from others (a criterion's current revision, levels and
    search text) get them from the same helpers the services use, so the pages see
    what the services would have written; history rows are bulk-created with dates
    spread over the years, so the activity page reads a realistic history table.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from core.models import Membership, Organization
    from core.roles import Role
    from criteria.models import Category, Theme

    with transaction.atomic():
        org = Organization.objects.create(name="Skalakommune", orgnr="974760673", kind="kommune")
        user = get_user_model().objects.create_user("skala@test.example", password=secrets.token_hex(8))
        Membership.objects.create(user=user, organization=org, role=Role.BUYER)
        categories = [
            Category.objects.create(slug=f"s{i}", name=f"Kategori {i}", high_risk=i % 3 == 0) for i in range(6)
        ]
        theme = Theme.objects.create(slug="skala", name="Skala")
        criteria = build_criteria(size["criteria"], categories, theme)
        procurements = build_procurements(size["procurements"], org, user, categories)
        extra = build_suppliers_and_chains(size, org, user, categories[0], procurements)
        from reporting import fact_summary

        fact_summary.rebuild(org.pk)  # bulk inserts pass the signals that keep the KPI dashboard's summary
    draft = next(p for p in reversed(procurements) if p.status == "utkast")
    return {"procurement": draft.pk, "criterion": criteria[0].pk, **extra}


def login_session() -> str:
    """A session of the data set's officer, signed with this run's SECRET_KEY (a fresh one per run)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="skala@test.example")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def build_criteria(count, categories, theme) -> list:
    from criteria.models import Criterion, CriterionRevision, Variant
    from criteria.services import VariantData, point_at

    criteria = Criterion.objects.bulk_create(
        (
            Criterion(
                code=f"SK-{i:05d}",
                title=f"Krav om ombruk og reservedeler {i}" if i % 4 == 0 else f"Krav om energibruk {i}",
                category=categories[i % 6],
                theme=theme,
                kind="kravspesifikasjon",
                status=Criterion.Status.PUBLISHED,
                environmental=i % 2 == 0,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    revisions = CriterionRevision.objects.bulk_create(
        (
            CriterionRevision(criterion=c, number=1, title=c.title, published_at=date(2024, 1, 1), change_note="Første")
            for c in criteria
        ),
        batch_size=BATCH,
    )
    variants = [
        VariantData(
            level="basis",
            text=f"Leverandøren skal sikre {'ombruk' if i % 4 == 0 else 'lav energibruk'} ({i}).",
            documentation="Produktdatablad.",
        )
        for i in range(count)
    ]
    Variant.objects.bulk_create(
        (Variant(revision=r, level=v.level, **v.as_fields()) for r, v in zip(revisions, variants, strict=True)),
        batch_size=BATCH,
    )
    for c, r, v in zip(criteria, revisions, variants, strict=True):
        point_at(c, r, [v])
    Criterion.objects.bulk_update(
        criteria, ["current_revision", "title", "has_basis", "has_avansert", "search_text"], batch_size=BATCH
    )
    return criteria


def build_procurements(count, org, user, categories) -> list:
    from django.utils import timezone

    from procurement.models import AwardCriterion, Procurement, Requirement

    per_year = max(count // 8, 1)
    now = timezone.now()
    rows = []
    for year in range(2019, 2027):
        for i in range(per_year):
            p = Procurement(
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
            # Spread over the year, the current year's within the last 90 days.
            p._history_date = (
                datetime(year, 1 + i % 12, 1 + i % 28, tzinfo=UTC)
                if year < 2026
                else now - timedelta(minutes=i * 90 * 24 * 60 // per_year)
            )
            rows.append(p)
    procurements = Procurement.objects.bulk_create(rows, batch_size=BATCH)
    Procurement.history.bulk_history_create(procurements, batch_size=BATCH, default_user=user)
    requirements = (
        Requirement(procurement=p, section="kravspesifikasjon", position=k, title=f"Krav {k}", text="Tekst.")
        for p in procurements
        for k in range(8)
    )
    Requirement.objects.bulk_create(requirements, batch_size=BATCH)
    awards = [
        AwardCriterion(
            procurement=p, name=name, weight=weight, is_price=name == "Pris", is_environmental=name == "Miljø"
        )
        for i, p in enumerate(procurements)
        for name, weight in (("Pris", 60), ("Miljø", 30), ("Kvalitet", 10))
        if name != "Kvalitet" or i % 2
    ]
    AwardCriterion.objects.bulk_create(awards, batch_size=BATCH)
    return procurements


def build_suppliers_and_chains(size, org, user, category, procurements) -> dict:
    from battery_chain.models import Product
    from suppliers.models import Case, Contract, Supplier

    suppliers = Supplier.objects.bulk_create(
        (
            Supplier(name=f"Leverandør {i:05d} AS", foreign_id=f"SK{i:06d}", country="SE")
            for i in range(size["suppliers"])
        ),
        batch_size=BATCH,
    )
    org.registered_suppliers.through.objects.bulk_create(
        (org.registered_suppliers.through(organization_id=org.pk, supplier_id=s.pk) for s in suppliers),
        batch_size=BATCH,
    )
    contracts = Contract.objects.bulk_create(
        (
            Contract(
                organization=org,
                procurement=procurements[i % len(procurements)],
                title=f"Kontrakt {i}",
                category=category,
                start_date=date(2024, 1, 1),
                end_date=date(2027, 12, 31),
                responsible=user,
            )
            for i in range(size["contracts"])
        ),
        batch_size=BATCH,
    )
    through = Contract.suppliers.through
    through.objects.bulk_create(
        (through(contract_id=c.pk, supplier_id=suppliers[i % len(suppliers)].pk) for i, c in enumerate(contracts)),
        batch_size=BATCH,
    )
    cases = Case.objects.bulk_create(
        (
            Case(organization=org, supplier=suppliers[i % len(suppliers)], title=f"Sak {i}")
            for i in range(size["cases"])
        ),
        batch_size=BATCH,
    )
    products = Product.objects.bulk_create(
        (Product(organization=org, name=f"Buss {i}", kind="buss", maker="Produsent") for i in range(size["products"])),
        batch_size=BATCH,
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


def child(mode: str, scale: float) -> None:
    """Run inside the bench environment: migrate the template, or build and count queries."""
    import json

    import django

    django.setup()
    from django.core.management import call_command

    if mode == "migrate":
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        return
    if mode == "build":
        ids = build(sizes(scale))
        from django.db import connection

        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would have by now
            cursor.execute("ANALYZE")
    else:  # "count": a kept database, already built; the ids come from the environment
        ids = json.loads(os.environ["SCALE_IDS"])
    ids["session"] = login_session()
    urls = pages(ids)
    result = {"ids": ids, "session": ids["session"], "pages": urls, "queries": count_queries(ids["session"], urls)}
    print(json.dumps(result))


# ----------------------------------------------------------------- measuring (parent)


def fetch(port: int, url: str, session: str) -> tuple[float, int, int]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={session}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (loopback only)
        body = response.read()
        # A redirect (to the login page, say) would time the wrong page: show it in the table.
        status = response.status if response.geturl().endswith(url) else 302
    return time.perf_counter() - start, len(body), status


def environment(db: str, static_root: str) -> dict:
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
    return env


def run_child(env: dict, *argv: str) -> str:
    return subprocess.run(
        [sys.executable, __file__, *argv], env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout


class Site:
    """One size's database, built from the migrated template, served by its own gunicorn."""

    def __init__(self, scale: float, args, template: str, static_root: str):
        import json

        self.n = sizes(scale)["procurements"]
        self.db = f"{args.db}_{self.n}"
        self.env = environment(self.db, static_root)
        kept = Path(tempfile.gettempdir()) / f"{self.db}.json"  # ids of a database kept by --keep
        t0 = time.perf_counter()
        if args.keep and kept.exists() and database_exists(self.db):
            self.env["SCALE_IDS"] = json.dumps(json.loads(kept.read_text())["ids"])
            self.built = json.loads(run_child(self.env, "--child", "count", str(scale)).strip().splitlines()[-1])
            print(f"  reused the kept {self.n} procurements", file=sys.stderr)
        else:
            recreate_database(self.db, template=template)
            self.built = json.loads(run_child(self.env, "--child", "build", str(scale)).strip().splitlines()[-1])
            print(f"  built {self.n} procurements in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        if args.keep:
            kept.write_text(json.dumps(self.built))
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.server = subprocess.Popen(
            # No access log, no worker recycling mid-run (gunicorn.conf.py sets both for production).
            [str(gunicorn), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--log-level", "warning"]
            + ["--access-logfile", "/dev/null", "--max-requests", "0", "config.wsgi"],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(300):  # up to 60 s for the workers to boot on a loaded machine
            try:
                self.get("/bench/trivial/")
                break
            except OSError:
                time.sleep(0.2)

    def get(self, url: str) -> tuple[float, int, int]:
        return fetch(self.port, url, self.built["session"])

    def stop(self, keep: bool) -> None:
        os.killpg(self.server.pid, signal.SIGTERM)
        self.server.wait(timeout=30)
        if not keep:
            drop_database(self.db)


REFERENCE_PAGES = ("trivial view", "page shell")


def measure(sites: list[Site], rounds: int, only: list[str] | None = None) -> list[list[dict]]:
    """Every page of every size, interleaved page by page and size by size.

    Interleaving means a burst of load on the shared machine hits the shell, the
    page and both sizes alike, so ratios and growth stay meaningful when absolute
    times do not.
    """
    labels = [
        label
        for label, _ in sites[0].built["pages"]
        if not only or label in REFERENCE_PAGES or any(part in label for part in only)
    ]
    urls = [dict(site.built["pages"]) for site in sites]
    samples = [{label: [] for label in labels} for _ in sites]
    body, status = [{} for _ in sites], [{} for _ in sites]
    for s, site in enumerate(sites):  # warm each worker's caches
        for label in labels:
            site.get(urls[s][label])
            site.get(urls[s][label])
    for _ in range(rounds):
        for label in labels:
            for s, site in enumerate(sites):
                seconds, size, code = site.get(urls[s][label])
                samples[s][label].append(seconds)
                body[s][label], status[s][label] = size, code
    tables = []
    for s, site in enumerate(sites):
        shell = statistics.median(samples[s]["page shell"])
        rows = []
        for label in labels:
            times = sorted(samples[s][label])
            median = statistics.median(times)
            rows.append(
                {
                    "page": label,
                    "queries": site.built["queries"][label],
                    "median": median,
                    "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
                    "shell": median / shell,
                    "size": body[s][label],
                    "status": status[s][label],
                }
            )
        tables.append(rows)
    return tables


def run(args) -> list[list[dict]]:
    template = f"{args.db}_template"
    static_root = tempfile.mkdtemp(prefix="scale-static-")
    if not (args.keep and database_exists(template)):
        recreate_database(template)
    sites = []
    try:
        t0 = time.perf_counter()
        run_child(environment(template, static_root), "--child", "migrate", "0")
        print(f"  migrated the template in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        for scale in (args.scale, 2 * args.scale):
            sites.append(Site(scale, args, template, static_root))
        return measure(sites, args.rounds, args.only)
    finally:
        for site in sites:
            site.stop(args.keep)
        if not args.keep:
            drop_database(template)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiple of the issue's data set at N (0.1 for a smoke run)"
    )
    parser.add_argument("--rounds", type=int, default=15, help="interleaved requests per page and size")
    parser.add_argument("--db", default="bench_scale", help="prefix of the throwaway databases")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the databases: the next --keep run migrates the template and reuses the built data",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="TEXT",
        help="measure only the pages whose label contains one of these (plus the two references)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], float(args.child[1]))
    n = sizes(args.scale)["procurements"]
    small, large = run(args)
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
