"""axe-core on every page the URL walk reaches, for every role: no serious or critical WCAG 2.1 AA finding.

The pages come from tests/url_walk.py: every route, filled with objects of the role's organisation made by
the apps' builders (tests/<app>/objects.py). A page is every URL that answers the role's GET with a whole
HTML page (200, text/html with <html>); redirects, 403s, 405s (POST-only), downloads and htmx fragments are
not pages. The supplier answer page is checked without login, with a real token, like the public pages.

One browser context per role, one tab reused for all its pages; axe-core is injected by an init script.
"""

import logging
import time
from collections import defaultdict

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.follow_up.answer_page import tokens
from tests.e2e.axe import AXE_JS, BLOCKING_IMPACTS, WCAG_AA_TAGS, describe
from tests.factories import dd_request, follow_up_case, member
from tests.url_walk import EXEMPT_NAMES, NATIONAL_NAMES, PUBLIC_NAMES, all_routes, object_builders

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = {
    "officer": Role.BUYER,
    "contract follower": Role.CONTRACT_FOLLOWER,
    "library editor": Role.LIBRARY_EDITOR,
    "org admin": Role.ORG_ADMIN,
    "read-only": Role.READ_ONLY,
}
TABS = 3  # axe runs in one tab while the next page loads in another
START_AXE = """tags => { window.__axe = null;
  axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(r => { window.__axe = r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                        nodes: v.nodes.slice(0, 5).map(n => ({target: n.target}))})); })
    .catch(e => { window.__axe = [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]; }); }"""


def _urls(organization, *, national: bool) -> list[str]:
    """Every walked route's URL with objects of `organization` (national reference data only for the national library).

    The builders share one context and each URL parameter is built once, so every route shows the same
    objects (a builder may not make its object twice in one organisation, e.g. one value per indicator and year).
    """
    builders, ctx, values = object_builders(), {}, {}
    urls = []
    for route in all_routes():
        if route.name in EXEMPT_NAMES or (route.name in NATIONAL_NAMES and not national):
            continue
        for param in route.params:
            if param not in values:
                values[param] = builders[param](organization, ctx)
        urls.append(route.url({p: values[p] for p in route.params}))
    return urls


def _pages(client: Client, urls: list[str]) -> list[str]:
    """The URLs that are whole HTML pages for this client."""
    pages = []
    for url in urls:
        response = client.get(url)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and is_html and b"<html" in response.content[:400]:
            pages.append(url)
    return pages


def _check(browser, base_url: str, pages: list[str], user=None) -> dict[str, list]:
    """axe-core's blocking findings on each URL that is a whole page (200, not redirected) for the user.

    A few tabs of one context take turns: axe is started in a tab without waiting, the next URL loads in
    the next tab, and a tab's findings are collected before it loads again.
    """
    context = browser.new_context(locale="nb-NO", bypass_csp=True)
    context.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    tabs = [context.new_page() for _ in range(TABS)]
    for tab in tabs:
        tab.set_default_timeout(30_000)
    running: dict = {}
    findings = {}

    def collect(tab):
        tab.wait_for_function("window.__axe !== null")
        found = tab.evaluate("window.__axe")
        findings[running.pop(tab)] = [v for v in found if v.get("impact") in BLOCKING_IMPACTS]

    for i, url in enumerate(pages):
        tab = tabs[i % TABS]
        if tab in running:
            collect(tab)
        response = tab.goto(base_url + url, wait_until="load")
        if response is None or response.status != 200 or response.request.redirected_from is not None:
            continue
        tab.evaluate(START_AXE, WCAG_AA_TAGS)
        running[tab] = url
    for tab in list(running):
        collect(tab)
    context.close()
    return findings


def _answer_page_urls(organization) -> list[str]:
    case = follow_up_case(organization, title="Batterier til elbussene")
    req = dd_request(case, sent_on=timezone.localdate())
    _link, token = tokens.issue(req=req, language="nb")
    return [
        reverse("answer_page:answer", kwargs={"token": token}),
        reverse("answer_page:extension", kwargs={"token": token}),
    ]


@pytest.fixture
def quiet_refusals():
    """A role's 403s are expected here by the hundred; keep their log records out of the run."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def test_every_page_for_every_role_has_no_serious_or_critical_axe_findings(
    quiet_refusals, live_server, browser, org, national_org, national_editors, first_library, rule_tables, capsys
):
    started = time.monotonic()
    users = {name: member(org, role) for name, role in ROLES.items()}
    users["national editor"] = national_editors[0]
    org_urls = _urls(org, national=False)
    national_urls = _urls(national_org, national=True)
    print(f"axe-core: {len(org_urls)} URLs walked, objects built in {time.monotonic() - started:.0f} s")

    # Which URLs are whole pages: asked once, as a member holding every role but read-only (a superset of
    # what each role may open); each role's browser then skips what is a 403 or a redirect for it.
    owner = Client()
    owner.force_login(member(org, *[role for role in Role if role != Role.READ_ONLY]))
    org_pages = _pages(owner, org_urls)
    national = Client()
    national.force_login(national_editors[0])
    national_pages = _pages(national, national_urls)
    print(
        f"axe-core: {len(org_pages)} + {len(national_pages)} (national) candidate pages, {time.monotonic() - started:.0f} s"
    )

    checked: dict[str, dict[str, list]] = {}
    for name, user in users.items():
        pages = national_pages if name == "national editor" else org_pages
        checked[name] = _check(browser, live_server.url, pages, user)
        print(f"axe-core: {name}: {len(checked[name])} pages, {time.monotonic() - started:.0f} s")

    public = [r.url() for r in all_routes() if r.name in PUBLIC_NAMES and not r.params]
    checked["no login (public pages, supplier answer page)"] = _check(
        browser, live_server.url, _pages(Client(), public + _answer_page_urls(org))
    )

    # The harness itself: the same injection and filtering must report a known serious finding.
    context = browser.new_context(locale="nb-NO", bypass_csp=True)
    context.add_init_script(script=AXE_JS.read_text(encoding="utf-8"))
    probe = context.new_page()
    probe.goto(live_server.url + reverse("core:accessibility"))
    probe.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<p style=\\'color:#aaa\\'>lys grå</p>')"
    )
    probe.evaluate(START_AXE, WCAG_AA_TAGS)
    probe.wait_for_function("window.__axe !== null")
    assert "color-contrast" in {v["id"] for v in probe.evaluate("window.__axe")}, "the axe harness reports nothing"
    context.close()

    failing = defaultdict(list)
    # The counts go to the terminal even when the test passes, so CI's log shows how much was checked.
    with capsys.disabled():
        print()
        for name, findings in checked.items():
            print(f"axe-core: {name}: {len(findings)} pages checked")
            for url, found in findings.items():
                if found:
                    failing[name].append(f"{url}\n{describe(found)}")
        total = sum(len(f) for f in checked.values())
        print(f"axe-core: {total} pages checked in {time.monotonic() - started:.0f} s")
    assert all(checked.values()), "a role reached no page: the walk or the login is broken"
    assert not failing, "\n".join(f"{name}:\n" + "\n".join(lines) for name, lines in failing.items())
