"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from reporting.models import EnteredValue

OBJECT_BUILDERS = {
    "value_id": lambda org, ctx: (
        EnteredValue.objects.create(
            organization=org, indicator="e_faktura_andel", year=2025, value=80, unit="%", source="Økonomisystemet"
        ).pk
    ),
    # Not objects, but the walker fills every URL parameter.
    "fmt": lambda org, ctx: "csv",
    "key": lambda org, ctx: "alle_med_miljo",
    "year": lambda org, ctx: 2025,
}
