"""The read-only role sees read-only pages: no enabled input in a form that writes, no "Fyll ut" link (issue 21).

Walks every page a reader can open (the URL walk's routes, objects from the builders) and reads the
HTML: a control in a POST form must be disabled (itself or by a disabled fieldset), unless the form
posts to one of the few routes a reader may post to (log out, language, organisation switch).
"""

from html.parser import HTMLParser

import pytest
from django.urls import Resolver404, resolve

from core.access import READ_ONLY_ALLOWED_POSTS
from core.roles import Role
from tests.conftest import client_for
from tests.url_walk import PUBLIC_NAMES, all_routes, url_for

CONTROLS = {"input", "select", "textarea", "button"}
HARMLESS_INPUTS = {"hidden"}


class _Controls(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.form = None  # (method, action) of the open form
        self.disabled_depth = []  # stack of fieldsets: True when disabled
        self.enabled = []
        self.fill_links = []
        self._in_link = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = ((a.get("method") or "get").lower(), a.get("action") or self.page_url)
        elif tag == "fieldset":
            self.disabled_depth.append("disabled" in a)
        elif tag in CONTROLS and self.form and self.form[0] == "post" and not _reader_may_post(self.form[1]):
            if "disabled" in a or any(self.disabled_depth) or a.get("type") in HARMLESS_INPUTS:
                return
            self.enabled.append(f"<{tag} name={a.get('name')!r}> in the form to {self.form[1]}")
        elif tag == "a":
            self._in_link = a.get("href")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "fieldset" and self.disabled_depth:
            self.disabled_depth.pop()
        elif tag == "a":
            self._in_link = None

    def handle_data(self, data):
        if self._in_link and "Fyll ut" in data:
            self.fill_links.append(self._in_link)


def _reader_may_post(action: str) -> bool:
    try:
        match = resolve(action.split("?")[0])
    except Resolver404:
        return False
    return match.view_name in READ_ONLY_ALLOWED_POSTS


def problems_on(html: str, url: str) -> list[str]:
    parser = _Controls(url)
    parser.feed(html)
    return parser.enabled + [f"'Fyll ut' link to {href}" for href in parser.fill_links]


def test_the_checker_sees_an_enabled_input_and_a_fill_in_link():
    html = '<form method="post"><input name="x"><fieldset disabled><input name="y"></fieldset></form><a href="/k/">Fyll ut</a>'
    assert problems_on(html, "/s/") == ["<input name='x'> in the form to /s/", "'Fyll ut' link to /k/"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in all_routes() if r.name not in PUBLIC_NAMES], ids=lambda r: r.name)
def test_a_reader_sees_no_enabled_input_and_no_fill_in_link(route, org, users):
    url = url_for(route, org) if route.params else route.url()
    response = client_for(users[Role.READ_ONLY]).get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return
    assert problems_on(response.content.decode(), url) == []


@pytest.mark.django_db
def test_a_reader_gets_no_fill_in_link_on_the_publish_page_of_a_tender_with_placeholders(org, users):
    from django.urls import reverse

    from tests.factories import procurement, requirement

    p = procurement(organization=org)
    r = requirement(p, text="Bussene skal ha [antall] seter.")
    for url in (
        reverse("procurement:publish", args=[p.pk]),
        reverse("procurement:requirement_placeholders", args=[p.pk, r.pk]),
    ):
        page = client_for(users[Role.READ_ONLY]).get(url).content.decode()
        assert problems_on(page, url) == [], url
    officer_page = client_for(users[Role.BUYER]).get(reverse("procurement:publish", args=[p.pk])).content.decode()
    assert problems_on(officer_page, "/") == [
        f"'Fyll ut' link to {reverse('procurement:requirement_placeholders', args=[p.pk, r.pk])}"
    ]
