"""An edit page's form as a user opens it, read from the HTML, for tests that post it back.

Read from the page rather than the view's context, so a lost-update test also proves the
page carries the hidden version field.
"""

from tests.form_walk import forms_in


def opened(client, url, **changes) -> dict:
    """The POST data of the page's own form (action empty or `url`) as `client` finds it, with changes."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = next(f for f in forms_in(response.content.decode()) if f.method == "post" and f.action in ("", url))
    data: dict = {}
    for field in form.fields:
        if field.name == "csrfmiddlewaretoken":
            continue
        data.setdefault(field.name, []).append(field.value)
    return {**{name: v[0] if len(v) == 1 else v for name, v in data.items()}, **changes}


def without_version(data: dict) -> dict:
    return {name: value for name, value in data.items() if name != "version"}
