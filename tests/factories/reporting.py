"""Values an administrator enters for the KPIs."""


def entered_value(organization, *, indicator="e_faktura_andel", year=2025, **fields):
    from reporting.models import EnteredValue

    data = {"value": 80, "unit": "%", "source": "Økonomisystemet", **fields}
    return EnteredValue.objects.create(organization=organization, indicator=indicator, year=year, **data)
