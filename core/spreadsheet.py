"""Text cells in CSV and XLSX exports that a spreadsheet cannot run as formulas.

Excel and LibreOffice treat a cell that starts with = + - @ (or a tab or carriage
return followed by one) as a formula, so a criterion text or indicator name
typed as `=HYPERLINK(...)` would run on the reader's machine (CSV injection).
Every export writes its text through `safe_cell`, which puts an apostrophe in
front, as OWASP recommends; the apostrophe shows, and nothing runs. Numbers
are left alone (a negative number is data, and XLSX stores it as a number).
Our own importers read the apostrophe back off with `restore_cell`, so an
exported file round-trips.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def restore_cell(value):
    """The text as it was before safe_cell (for re-importing our own exports)."""
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
