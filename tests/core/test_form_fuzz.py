"""Every form of every page, posted back with NUL bytes, 10 000-character strings and negative numbers.

The forms are read from the pages the URL walk opens (as a member holding every
role but read-only), so new forms are covered without a list to keep. Odd input
must give a form error or a refusal, never a 500. Run on PostgreSQL in CI: it
refuses NUL characters in text, which SQLite stores silently.
"""

import pytest
from django.test import Client

from core.roles import Role
from tests.conftest import client_for
from tests.factories import member
from tests.form_walk import Field, forms_in
from tests.url_walk import EXEMPT_NAMES, PUBLIC_NAMES, all_routes, url_for

ROUTES = [r for r in all_routes() if r.name not in EXEMPT_NAMES and r.name not in {"core:logout", "logout"}]
TEXT_KINDS = {"text", "textarea", "search", "email", "url", "tel", "password", "hidden"}
NOT_FUZZED = {"csrfmiddlewaretoken"}
LONG = "x" * 10_000


def _nul(f: Field) -> str:
    return f"{f.value}\x00" if f.value else "a\x00b"


def _long(f: Field) -> str:
    return LONG if f.kind in TEXT_KINDS | {"number", "date", "select"} else f.value


def _negative(f: Field) -> str:
    return "-1" if f.kind in {"number", "hidden", "select", "text"} else f.value


VARIANTS = {"NUL": _nul, "10000 characters": _long, "negative numbers": _negative}


def test_the_form_reader_posts_what_a_browser_posts():
    """Selects take their selected (else first) option and a textarea loses the newline after its tag;
    otherwise every select is fuzzed empty and a required one stops every form before its service."""
    html = (
        '<form method="post"><select name="a"><option value="1">En</option><option value="2" selected>To</option>'
        '</select><select name="b"><option value="x">X</option><option value="y">Y</option></select>'
        '<textarea name="t">\nTekst</textarea></form>'
    )
    (form,) = forms_in(html)
    assert [(f.name, f.value) for f in form.fields] == [("a", "2"), ("b", "x"), ("t", "Tekst")]


def _submit(client, page_url, form, data):
    target = form.action or page_url
    if form.method == "post":
        return client.post(target, data)
    return client.get(target, data)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_forms_survive_odd_input(route, org):
    user = member(org, *[role for role in Role if role != Role.READ_ONLY])
    client = Client(raise_request_exception=False) if route.name in PUBLIC_NAMES else client_for(user)
    client.raise_request_exception = False
    url = url_for(route, org) if route.params else route.url()
    page = client.get(url)
    assert page.status_code != 500, f"GET {url}"
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return
    failures = []
    for form in forms_in(page.content.decode()):
        fuzzable = [f for f in form.fields if f.name not in NOT_FUZZED]
        for label, change in VARIANTS.items():
            # Every field at once, then each field alone (the others keep the page's values), so
            # one field's validation error cannot hide another field's crash further in.
            for changed in [fuzzable, *([f] for f in fuzzable if len(fuzzable) > 1)]:
                data = {f.name: f.value for f in form.fields}
                data.update({f.name: change(f) for f in changed})
                response = _submit(client, url, form, data)
                if response.status_code >= 500:
                    names = ", ".join(f.name for f in changed)
                    failures.append(f"{form.method.upper()} {form.action or url} {names} = {label}: 500")
    assert failures == []
