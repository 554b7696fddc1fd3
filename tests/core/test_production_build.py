"""The production build: collectstatic with DEBUG=0 (the Dockerfile's step) and gunicorn serving it.

The manifest storage rewrites every url() and sourceMappingURL in the static
files and stops at the first one whose target is missing, so a vendored file
that points at an absent `.map` breaks the image build (and, without the
manifest, every HTML page is a 500).
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
STATIC = BASE / "static"
SOURCE_MAP = re.compile(rb"[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)
GUNICORN = Path(sys.executable).with_name("gunicorn")


def test_every_source_map_comment_in_static_points_at_a_vendored_file():
    dangling = []
    for path in STATIC.rglob("*"):
        if path.suffix not in {".js", ".css"}:
            continue
        for match in SOURCE_MAP.finditer(path.read_bytes()):
            target = path.parent / match.group(1).decode()
            if not target.exists():
                dangling.append(f"{path.relative_to(STATIC)} -> {match.group(1).decode()}")
    assert dangling == []


def _production_env(tmp: Path) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "production-build-test-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


@pytest.fixture(scope="module")
def production_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE,
        env=_production_env(tmp),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp


def test_collectstatic_with_production_settings_succeeds(production_build):
    manifest = json.loads((production_build / "static" / "staticfiles.json").read_text())
    assert "vendor/bootstrap-5.3.9/bootstrap.min.css" in manifest["paths"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request(
            method, path, body=body, headers={"Host": "testserver", "X-Forwarded-Proto": "https", **(headers or {})}
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def gunicorn_server(production_build):
    port = _free_port()
    env = {**_production_env(production_build), "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py"],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                _request(port, "GET", "/healthz")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stderr.read().decode()[-2000:])
                time.sleep(0.25)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    assert process.poll() is not None


def test_gunicorn_serves_the_login_page_and_its_static_files_with_debug_off(gunicorn_server, production_build):
    status, body = _request(gunicorn_server, "GET", "/konto/login/")
    assert status == 200
    css = re.search(rb'href="(/static/vendor/bootstrap-5\.3\.9/bootstrap\.min\.[0-9a-f]+\.css)"', body)
    assert css, "the page links the hashed (manifest) file name"
    status, body = _request(gunicorn_server, "GET", css.group(1).decode())
    assert status == 200
    assert b"Bootstrap" in body[:400]


def test_gunicorn_refuses_oversized_headers(gunicorn_server):
    status, _ = _request(gunicorn_server, "GET", "/konto/login/", headers={"X-Padding": "a" * 10_000})
    assert status in {400, 431}
    status, _ = _request(gunicorn_server, "GET", "/konto/login/?" + "a" * 5000)
    assert status in {400, 414}


def test_request_body_over_the_limit_is_refused_before_django_reads_it(gunicorn_server):
    status, body = _request(
        gunicorn_server,
        "POST",
        "/konto/login/",
        headers={"Content-Length": str(settings.REQUEST_MAX_BYTES + 1), "Content-Type": "application/octet-stream"},
        body=b"",
    )
    assert status == 413
