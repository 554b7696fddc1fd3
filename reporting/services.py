"""Writes on entered indicator values."""

from django.db import transaction

from core.concurrency import bump, lock_current
from reporting.models import EnteredValue


@transaction.atomic
def save_entered_value(
    *, organization, user, data: dict, instance: EnteredValue | None = None, version: int | None = None
) -> EnteredValue:
    """version: the value's version the edit form was opened with; another save since then raises StaleEdit."""
    if instance is not None:
        value = lock_current(EnteredValue, instance.pk, version)
        bump(value)
    else:
        value = EnteredValue(organization=organization)
    for name, field_value in data.items():
        setattr(value, name, field_value)
    value.entered_by = user
    value.save()
    return value


@transaction.atomic
def delete_entered_value(*, value: EnteredValue, user) -> None:
    value.delete()
