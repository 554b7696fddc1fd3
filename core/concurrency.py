"""Optimistic locking for forms that two people may submit at once.

A model with a `version` field is loaded with the version into the form; the
save checks, under a row lock, that nobody saved in between. A stale submit
raises StaleEdit carrying the row as it is now, so the view can show both
versions and lose nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

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


def lock_or_new(qs, submitted_version: int | None, new: Callable[[], Model]) -> Model:
    """The one row of qs under a lock with its version checked, or new() (unsaved) when none is saved yet.

    For a row made on its first save (one per contract, per supplier): its form opens at version 0,
    so of two people who opened it before anyone saved, the second is refused too. Lock the parent
    row first, so two first saves do not both insert. The caller bumps a row that has a pk.
    """
    current = qs.select_for_update(of=("self",)).first()
    if current is None:
        unsaved = new()
        if submitted_version not in (None, 0):
            unsaved.version = 0
            raise StaleEdit(unsaved)
        return unsaved
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
    # A model form compares its model fields; a plain form (version_field()) every field but the version.
    names = form._meta.fields if hasattr(form, "_meta") else [n for n in form.fields if n != "version"]
    for name in names:
        field = form.fields.get(name)
        if field is None or name not in form.cleaned_data or not hasattr(current, name):
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
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)  # a list of questions, one per line as typed
    return str(value)


def rebound_with_current_version(form_class, form, current: Model, **kwargs):
    """The same submitted data, now carrying the current version: submitting again overwrites on purpose."""
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    if hasattr(form, "instance"):
        kwargs.setdefault("instance", form.instance)
    return form_class(data, **kwargs)


@dataclass
class Saved:
    """What save_or_conflict did: the service's result, or the conflict and the form to show again."""

    result: object
    form: object
    conflict: list | None = None


def save_or_conflict(form, save: Callable[[], object], **form_kwargs) -> Saved:
    """Run the service call; a StaleEdit becomes the rows that differ and the same form carrying the
    current version, so the view shows both versions and submitting again overwrites on purpose.

    form_kwargs: what the form's constructor takes besides the data (organization=, case=, ...).
    """
    try:
        return Saved(save(), form)
    except StaleEdit as stale:
        conflict = conflict_rows(form, stale.current)
        rebound = rebound_with_current_version(type(form), form, stale.current, **form_kwargs)
        rebound.is_valid()
        return Saved(None, rebound, conflict)
