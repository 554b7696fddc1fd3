"""An edit page's form as a user opens it, read from the HTML, for tests that post it back.

Read from the page rather than the view's context, so a lost-update test also proves the
page carries the hidden version field.
"""

from tests.form_walk import forms_in

STALE = "Noen andre har lagret endringer mens du skrev"
MISSING = "Skjemaet mangler versjonsnummeret"


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


def stale_second_submit(first, second, url, firsts: dict, seconds: dict):
    """Both open `url`; `first` saves its changes, then `second` submits from its now stale page.

    Returns the refused response (the warning, with `second`'s answers in the form) and the data
    `second` posted, so a test can check what was kept and save again on purpose.
    """
    first_data, second_data = opened(first, url, **firsts), opened(second, url, **seconds)
    assert first_data["version"] == second_data["version"]
    assert first.post(url, first_data).status_code == 302
    response = second.post(url, second_data)
    assert response.status_code == 200 and STALE in response.content.decode()
    return response, second_data


def save_again(client, url, response, data: dict):
    """Submit once more from the warning: the form now carries the current version, so this overwrites."""
    return client.post(url, {**data, "version": response.context["form"]["version"].value()})
