"""Shared fixtures: an organisation with a member of every role, and an outsider organisation.

Tests follow the owner / member / outsider pattern: every view is also tried by
a member of another organisation, who must get a 404.
"""

import importlib
import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client

from core.roles import Role
from tests.factories import OrganizationFactory, member

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    """Skip a test whose service is missing, unless CI demands every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org(db):
    return OrganizationFactory(name="Bergen testkommune")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="Annen kommune")


@pytest.fixture
def users(org):
    """One user per role in `org`."""
    return {role: member(org, role) for role in Role}


@pytest.fixture
def outsider(other_org):
    """A member of another organisation holding every role there."""
    return member(other_org, *Role)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer_client(users):
    return client_for(users[Role.BUYER])


@pytest.fixture
def admin_client_org(users):
    return client_for(users[Role.ORG_ADMIN])


@pytest.fixture
def reader_client(users):
    return client_for(users[Role.READ_ONLY])


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture
def first_library(db):
    """The library the product ships with (80 criteria)."""
    from criteria.demo import load_first_library

    load_first_library()


@pytest.fixture
def rule_tables(db):
    """The thresholds, the § 7-9 parameters and both texts' routes of the data migrations.

    A transactional test (the browser tests) flushes every table when it ends,
    migration data included; tests that need the tables after such a test ask
    for them here (the load is idempotent).
    """
    from django.apps import apps

    importlib.import_module("procurement.migrations.0002_rule_data").load(apps, None)
    routes = importlib.import_module("procurement.migrations.0004_environment_routes_two_texts")
    routes.load_routes(apps, None)
    routes.load_transparency_periods(apps, None)
    # The standstill rows per regime (0009 supersedes 0006's single row).
    importlib.import_module("procurement.migrations.0009_standstill_per_regime").load_rows(apps, None)


@pytest.fixture
def eager_tasks():
    """Tasks run in-process whatever CELERY_BROKER_URL says (the worker tests cover Redis)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _rule_data_survives_flushes(request):
    """Reload the migrations' rule rows when a browser test in this worker flushed them.

    Which tests share a worker with a browser test is up to xdist, so every test that
    uses the database gets the rows back; the check is one query when they are there.
    """
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    from procurement.models import RuleParameter

    if not RuleParameter.objects.filter(key=RuleParameter.Key.TRANSPARENCY_ANSWER_WEEKS).exists():
        request.getfixturevalue("rule_tables")


@pytest.fixture
def counting_server():
    """A local HTTP server that counts the requests it receives."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def national_org(db):
    """The organisation that owns the national library (criteria, letter templates, reference data)."""
    return OrganizationFactory(name="DFØ (nasjonalt bibliotek)", kind="statlig", is_national_library=True)


@pytest.fixture
def national_editors(national_org):
    """Two library editors of the national library: one writes, the other approves."""
    return member(national_org, Role.LIBRARY_EDITOR), member(national_org, Role.LIBRARY_EDITOR)
