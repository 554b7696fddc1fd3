"""Two people on one edit form: the stale second submit is refused, loses nothing and overwrites nothing.

Shared by the register's and the follow-up's lost-update tests (issue 15, item 5).
"""

STALE = "Noen andre har lagret endringer mens du skrev"
MISSING = "Skjemaet mangler versjonsnummeret"


def opened_form(client, url, **changes) -> dict:
    """The form on the page as it was opened (hidden version included), with changes, ready to post."""
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        # As the browser would send it: a chosen row by its pk, a list of questions one per line.
        data[name] = field.prepare_value(value)
    return {**data, **changes}


def assert_a_stale_submit_keeps_the_first_save(anne, bjorn, url, read, field, extra=None, done=302):
    """Anne and Bjørn open the form; Anne saves; Bjørn's stale submit shows both values and changes nothing.

    read() gives the stored value of `field`; saving again from the warning overwrites on purpose.
    """
    extra = extra or {}
    annes = opened_form(anne, url, **extra, **{field: "Annes versjon"})
    bjorns = opened_form(bjorn, url, **extra, **{field: "Bjørns versjon"})
    assert annes["version"] == bjorns["version"]

    assert anne.post(url, annes).status_code == done
    assert read() == "Annes versjon"
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Annes versjon" in page and "Bjørns versjon" in page
    assert read() == "Annes versjon", "the stale submit overwrote the first save"

    again = response.context["form"]["version"].value()
    assert again != bjorns["version"]
    assert bjorn.post(url, {**bjorns, "version": again}).status_code == done
    assert read() == "Bjørns versjon"


def assert_a_submit_without_the_version_overwrites_nothing(client, url, read, field, extra=None):
    before = read()
    data = opened_form(client, url, **(extra or {}), **{field: "Blindt overskrevet"})
    data.pop("version", None)
    response = client.post(url, data)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert read() == before
