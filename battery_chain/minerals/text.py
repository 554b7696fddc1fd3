"""Cell values as text: the normalisation every reader of a workbook shares."""

import re
from datetime import date, datetime

EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
# What the templates' look-up formulas leave in a row with nothing to look up.
FORMULA_LEFTOVERS = {"0", "0.0"}


def norm(value) -> str:
    """Lower case, single spaces, without the (*) and (1) markers and trailing colons."""
    text = re.sub(r"\s+", " ", str(value if value is not None else "")).strip().lower()
    text = re.sub(r"\(\s*[*\d]\s*\)", "", text)
    return text.strip(" :：*").strip()


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as trimmed text; Excel's error values (a look-up that found nothing) count as empty."""
    if blank(value) or (isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def data_text(value) -> str:
    """A data cell of a list: like `text`, and a formula's leftover 0 is no data either."""
    result = text(value)
    return "" if result in FORMULA_LEFTOVERS else result


def label_text(value) -> str:
    """A label the supplier picked from a list, without the template's (*) marker."""
    return re.sub(r"\s*\(\s*\*\s*\)\s*", " ", text(value)).strip()
