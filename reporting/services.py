"""Writes on entered indicator values."""

from django.db import transaction

from reporting.models import EnteredValue


@transaction.atomic
def save_entered_value(*, organization, user, data: dict, instance: EnteredValue | None = None) -> EnteredValue:
    value = instance or EnteredValue(organization=organization)
    for name, field_value in data.items():
        setattr(value, name, field_value)
    value.entered_by = user
    value.save()
    return value


@transaction.atomic
def delete_entered_value(*, value: EnteredValue, user) -> None:
    value.delete()
