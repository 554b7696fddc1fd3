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


def conflict_rows(form, current: Model) -> list[tuple[str, str, str]]:
    """(label, saved by someone else, yours) for every field where the two differ."""
    rows = []
    for name in form._meta.fields:
        field = form.fields.get(name)
        if field is None or name not in form.cleaned_data:
            continue
        theirs, yours = getattr(current, name), form.cleaned_data[name]
        if hasattr(theirs, "all"):  # many-to-many: compare the chosen rows, not a manager with a queryset
            theirs, yours = _joined(theirs.all()), _joined(yours)
        if theirs != yours:
            rows.append((str(field.label), _display(theirs, field), _display(yours, field)))
    return rows


def _joined(rows) -> str:
    return ", ".join(sorted(str(row) for row in rows))


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


def after_stale_edit(form_class, form, current: Model, *, more_rows=(), **kwargs):
    """What an edit view shows after StaleEdit: (conflict, the user's answers carrying the current version).

    conflict is the rows of conflict_rows followed by more_rows (the page's other forms), or True when
    nothing differs (the warning then shows without a table); the rebound form is validated so its
    errors and values render as submitted. kwargs go to form_class.
    """
    conflict = [*conflict_rows(form, current), *more_rows] or True
    rebound = rebound_with_current_version(form_class, form, current, **kwargs)
    rebound.is_valid()
    return conflict, rebound
