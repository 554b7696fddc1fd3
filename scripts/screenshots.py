"""Regenerate the README's screenshots (docs/screenshots/*.png) from a running demo.

    make run                                   # or any server with `manage.py load_demo` data
    .venv/bin/python scripts/screenshots.py    # --base-url http://127.0.0.1:8000 --out docs/screenshots

Headless Chromium (the system's, as in tests/e2e) logs in as the demo user whose role the page is
for and saves one PNG per page. Only HTTP is used, so the script works against any demo server.
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DEMO_PASSWORD = "gronn-demo-2026"  # noqa: S105 - the published demo credential (core/demo.py)
BUYER = "innkjoper@bergen.example"
FOLLOWER = "oppfolger@bergen.example"
ADMIN = "admin@bergen.example"
DRAFT_TENDER = "PC-er og skjermer til skolene"  # a draft in Bergen: the builder with its library buttons
BUS_TENDER = "Elektriske busser for bybusstrafikken"  # Vestland's, with its award criteria
ORG_OF_BUS_TENDER = "Vestland fylkeskommune"
VIEWPORT = {"width": 1280, "height": 900}


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/konto/login/)"))


def switch_organisation(page, name: str) -> None:
    select = page.locator("#org-switch")
    if select.count():
        with page.expect_navigation():  # the form submits itself on change (data-autosubmit)
            select.select_option(label=name)


def procurement_url(page, base_url: str, title: str) -> str:
    page.goto(f"{base_url}/anskaffelser/")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_load_state()
    return re.sub(r"(/anskaffelser/\d+/).*", r"\1", page.url)


def shoot(page, out: Path, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
    print(f"  {out / name}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs" / "screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    base, out = args.base_url.rstrip("/"), args.out
    out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])

        def session(username: str):
            context = browser.new_context(locale="nb-NO", viewport=VIEWPORT, device_scale_factor=1)
            page = context.new_page()
            page.set_default_timeout(20_000)
            log_in(page, base, username)
            return context, page

        context, page = session(BUYER)
        page.goto(f"{base}/")
        shoot(page, out, "start-page")
        page.goto(procurement_url(page, base, DRAFT_TENDER) + "krav/")
        shoot(page, out, "tender-builder")
        switch_organisation(page, ORG_OF_BUS_TENDER)
        page.goto(procurement_url(page, base, BUS_TENDER) + "tildeling/")
        shoot(page, out, "award")
        context.close()

        context, page = session(FOLLOWER)
        page.goto(f"{base}/oppfolging/")
        shoot(page, out, "follow-up-desk")
        context.close()

        context, page = session(ADMIN)
        page.goto(f"{base}/rapporter/")
        shoot(page, out, "kpi-dashboard")
        context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
