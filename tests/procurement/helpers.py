"""Form data for the procurement views, as a browser would send it."""


def award_post(procurement, rows, *, method="vekting", exception="", justification="", version=None) -> dict:
    """POST data for the award page: rows are dicts of AwardCriterionForm fields."""
    data = {
        "version": procurement.version if version is None else version,
        "method": method,
        "exception": exception,
        "justification": justification,
        "kriterier-TOTAL_FORMS": len(rows),
        "kriterier-INITIAL_FORMS": 0,
        "kriterier-MIN_NUM_FORMS": 0,
        "kriterier-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                data[f"kriterier-{i}-{name}"] = "on"
            elif value not in (False, None):
                data[f"kriterier-{i}-{name}"] = value
    return data


PRICE_60_ENV_40 = [
    {"name": "Pris", "weight": 60, "is_price": True},
    {"name": "Klima og miljø", "weight": 40, "is_environmental": True},
]
