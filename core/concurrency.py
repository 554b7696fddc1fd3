"""Optimistic locking for forms that two people may submit at once.

A model with a `version` field is loaded with the version into the form; the
save checks, under a row lock, that nobody saved in between. A stale submit
raises StaleEdit carrying the row as it is now, so the view can show both
versions and lose nothing.
"""

from django.db.models import Model


class StaleEdit(Exception):
    def __init__(self, current: Model):
        self.current = current
        super().__init__(f"{type(current).__name__} {current.pk} changed since the form was opened")


def lock_current(model_or_qs, pk: int, submitted_version: int | None) -> Model:
    """Lock the row and check the version. Call inside a transaction."""
    qs = model_or_qs._default_manager.all() if isinstance(model_or_qs, type) else model_or_qs
    current = qs.select_for_update(of=("self",)).get(pk=pk)
    if submitted_version is not None and current.version != submitted_version:
        raise StaleEdit(current)
    return current


def bump(obj: Model) -> None:
    obj.version += 1


def data_with_version(form, version: int):
    """The form's submitted data, its version now ``version``: submitting again overwrites on purpose.

    For a plain form (version_field()) rebuilt with its own arguments after a StaleEdit.
    """
    data = form.data.copy()
    data[form.add_prefix("version")] = version
    return data


def conflict_rows(form, current: Model) -> list[tuple[str, str, str]]:
    """(label, saved by someone else, yours) for every field where the two differ."""
    rows = []
    for name in form._meta.fields:
        field = form.fields.get(name)
        if field is None or name not in form.cleaned_data:
            continue
        theirs, yours = getattr(current, name), form.cleaned_data[name]
        if theirs != yours:
            rows.append((str(field.label), _display(theirs, field), _display(yours, field)))
    return rows


def _display(value, field) -> str:
    if value is None or value == "":
        return "–"
    choices = dict(getattr(field, "choices", []) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "✓" if value else "–"
    return str(value)


def rebound_with_current_version(form_class, form, current: Model, **kwargs):
    """The same submitted data, now carrying the current version: submitting again overwrites on purpose."""
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    return form_class(data, instance=form.instance, **kwargs)
