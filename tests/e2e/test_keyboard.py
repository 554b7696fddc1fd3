"""Keyboard only (Tab, Shift+Tab, Enter, Space and typing; no mouse): the tender builder and the supplier answer page.

Every stop of the Tab walk must show a visible focus indicator (WCAG 2.4.7) and the main actions must be
reachable and work from the keyboard (2.1.1); after an htmx swap the focus stays in the builder (2.4.3).
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import Role
from suppliers.follow_up.answer_page import tokens
from suppliers.models import DueDiligenceRequest
from tests.factories import dd_request, follow_up_case, member, procurement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') || '',
    name: (el.innerText || el.value || el.getAttribute('aria-label') || el.id || '').trim().replace(/\\s+/g, ' ').slice(0, 80),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    shown: rect.width > 0 && rect.height > 0,
    inBuilder: !!el.closest('#builder'),
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, name_pattern: str, *, limit: int = 150, stops: list | None = None) -> dict:
    """Press Tab until the focused element's text matches; every stop on the way must show its focus."""
    wanted = re.compile(name_pattern)
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now is not None, "Tab left the page's controls (focus on <body>)"
        assert now["shown"] and now["ring"], f"no visible focus on {now}"
        if stops is not None:
            stops.append(now["name"])
        if wanted.search(now["name"]):
            return now
    raise AssertionError(f"{name_pattern!r} not reached with Tab in {limit} presses")


def logged_in_context(browser, base_url, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="nb-NO")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    return context


def test_tender_builder_by_keyboard_only(live_server, browser, org, first_library, rule_tables):
    officer = member(org, Role.BUYER)
    p = procurement(organization=org, title="Elektriske busser", user=officer)
    context = logged_in_context(browser, live_server.url, officer)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("procurement:requirements", args=[p.pk]))

    # The first Tab reaches the skip link, visible when focused; Enter moves on to the main content.
    skip = tab_to(page, "Hopp til hovedinnholdet", limit=1)
    assert skip["tag"] == "a"
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))

    # Search the library: type in the search field, Enter submits (htmx swaps the builder).
    stops: list[str] = []
    tab_to(page, "^lib-q$|Søk i biblioteket", stops=stops)
    page.keyboard.type("batteri")
    page.keyboard.press("Enter")
    expect(page.locator("#builder aside li[data-criterion]").first).to_contain_text(re.compile("batteri", re.I))
    assert focused(page)["tag"] == "input", "focus left the search field after the search"

    # Add the first library criterion at basis level with Enter; the builder lists it, focus stays in the builder.
    code = page.locator("#builder aside li[data-criterion]").first.get_attribute("data-criterion")
    tab_to(page, rf"Legg til basis {re.escape(code)}", stops=stops)
    page.keyboard.press("Enter")
    expect(page.locator("#builder [data-requirement]")).to_have_count(1)
    expect(page.locator(f'#builder aside li[data-criterion="{code}"]')).to_contain_text("Lagt til")
    # app.js puts focus back after htmx settles, a moment after the new content shows: wait for it.
    page.wait_for_function("document.activeElement && document.activeElement !== document.body", timeout=5000)
    after = focused(page)
    assert after is not None and after["inBuilder"], f"focus lost after adding a requirement: {after}"

    # Back to the new requirement with Shift+Tab; Enter follows its "Rediger" link.
    for _ in range(200):
        page.keyboard.press("Shift+Tab")
        now = focused(page)
        assert now is not None and now["ring"], f"no visible focus on {now}"
        if now["name"] == "Rediger":
            break
    else:
        raise AssertionError("Rediger not reached with Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/krav/\d+/$"))

    # The edit form: its save button is reachable and Space presses it, back to the builder.
    tab_to(page, "^Lagre kravet$", stops=stops)
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/krav/$"))
    expect(page.locator("#builder [data-requirement]")).to_have_count(1)
    context.close()
    print(f"keyboard: tender builder, {len(stops)} Tab stops, every one with a visible focus ring")


def test_supplier_answer_page_by_keyboard_only(live_server, browser, org):
    case = follow_up_case(org, title="Batterier til elbussene")
    req = dd_request(case, sent_on=timezone.localdate())
    _link, token = tokens.issue(req=req, language="nb")
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("answer_page:answer", kwargs={"token": token}))

    tab_to(page, "Hopp til hovedinnholdet", limit=1)
    page.keyboard.press("Enter")

    # Every answer field in order, typed into; then "Lagre utkast" with Space keeps the draft.
    stops: list[str] = []
    questions = page.locator("main form").first.locator("textarea").count()
    assert questions >= 1
    for _ in range(questions):
        for _ in range(20):
            page.keyboard.press("Tab")
            now = focused(page)
            assert now is not None and now["ring"] and now["shown"], f"no visible focus on {now}"
            stops.append(now["name"])
            if now["tag"] == "textarea":
                break
        page.keyboard.type("Vi følger opp leverandørkjeden og svarer med vedlegg.")
    tab_to(page, "^Lagre utkast$", stops=stops)
    page.keyboard.press("Space")
    expect(page.locator("main .alert-success")).to_contain_text("Utkastet er lagret")

    # The upload form is reachable (file kind, file, "Last opp"); back up and submit the answer with Enter.
    tab_to(page, "^Last opp$", stops=stops)
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        now = focused(page)
        assert now is not None and now["ring"], f"no visible focus on {now}"
        if now["name"] == "Send inn svaret":
            break
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_have_text("Takk for svaret")
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.ANSWERED
    context.close()
    print(f"keyboard: answer page, {len(stops)} Tab stops, every one with a visible focus ring")
