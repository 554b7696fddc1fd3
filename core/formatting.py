"""Dates and numbers as the pages show them: one Norwegian style ("1. des. 2026"), en-GB in English.

Every template has the filters (`day`, `moment`, `num`; core/templatetags/formatting.py is a
template builtin), and Python code that writes text for people (messages, letters, the activity
log's labels) calls the functions here, so a date or a number reads the same everywhere.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language

# Språkrådet's abbreviations: the short months are written out, the others end in a full stop.
NB_MONTHS = ("jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des.")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Letters and the tender document write the month in full, as formal Norwegian documents do.
NB_MONTHS_LONG = (
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember",
)  # fmt: skip
EN_MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip


def _english() -> bool:
    return (get_language() or "nb").startswith("en")


def format_day(value: date | datetime | None, *, long: bool = False) -> str:
    """'1. des. 2026' (bokmål), '1 Dec 2026' (English); a datetime is shown on its Oslo day.

    ``long`` writes the month in full ('1. desember 2026'), for letters and the tender document.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _english():
        return f"{value.day} {(EN_MONTHS_LONG if long else EN_MONTHS)[value.month - 1]} {value.year}"
    return f"{value.day}. {(NB_MONTHS_LONG if long else NB_MONTHS)[value.month - 1]} {value.year}"


def format_moment(value: datetime | None) -> str:
    """'1. des. 2026 kl. 14.05' (bokmål), '1 Dec 2026, 14:05' (English), in Oslo time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if _english():
        return f"{format_day(local)}, {local:%H:%M}"
    return f"{format_day(local)} kl. {local:%H.%M}"


def format_number(value, places: int | None = None) -> str:
    """Decimal comma and a no-break space between thousands (bokmål), point and comma (English).

    Whole numbers have no decimals; `places` rounds first (the KPIs use one decimal).
    """
    if value is None:
        return "–"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    whole = number == number.to_integral_value()
    text = f"{int(number):,}" if whole else f"{number.normalize():,f}"
    if _english():
        return text
    return text.replace(",", "\u00a0").replace(".", ",")
