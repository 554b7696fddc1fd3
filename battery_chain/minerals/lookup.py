"""The "Smelter Look-up" sheet: RMI's reference list of smelters that ships inside every template.

Columns (found by their headings): metal, look-up name, standard smelter name, country,
smelter ID, source, street, city, state. One smelter can have several look-up names
(aliases); the standard name and the ID are the same on each of them.
"""

import re
from dataclasses import dataclass

from battery_chain.minerals.text import data_text, norm

SHEET_NAMES = {"smelter look-up", "smelter lookup", "smelter look up"}
HEADER_ROWS = 6
MAX_COLUMNS = 12
CID_RE = re.compile(r"^CID\d{6}$")
# Choices of the look-up column that name no smelter.
NOT_A_SMELTER = {"smelter not listed", "smelter not yet identified", "smelter not identified"}


@dataclass(frozen=True)
class ReferenceEntry:
    metal: str
    lookup: str
    standard_name: str
    country: str
    smelter_id: str


def find_sheet(names: list[str]) -> str | None:
    return next((name for name in names if norm(name) in SHEET_NAMES), None)


def _columns(values) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(values):
        label = norm(value)
        if not label:
            continue
        if "metal" not in found and label.startswith("metal"):
            found["metal"] = c
        elif "standard_name" not in found and "standard" in label and "name" in label:
            found["standard_name"] = c
        elif "lookup" not in found and label.replace(" ", "").replace("-", "").startswith("smelterlookup"):
            found["lookup"] = c
        elif "country" not in found and "country" in label:
            found["country"] = c
        elif (
            "smelter_id" not in found and ("smelter id" in label or "identification" in label) and "source" not in label
        ):
            found["smelter_id"] = c
    return found


def read_entries(ws, max_rows: int) -> list[ReferenceEntry]:
    """Every row of the sheet that has a metal and a smelter ID or a name ([] if the headings are not found)."""
    entries: list[ReferenceEntry] = []
    cols = None
    for index, values in enumerate(ws.iter_rows(max_row=max_rows, max_col=MAX_COLUMNS, values_only=True)):
        if cols is None:
            found = _columns(values)
            if {"metal", "smelter_id"} <= found.keys() and ("standard_name" in found or "lookup" in found):
                cols = found
            elif index >= HEADER_ROWS:
                return []
            continue
        row = {key: data_text(values[c]) if c < len(values) else "" for key, c in cols.items()}
        if not row["metal"] or norm(row.get("lookup")) in NOT_A_SMELTER:
            continue
        if not row["smelter_id"] and not row.get("standard_name"):
            continue
        entries.append(
            ReferenceEntry(
                metal=row["metal"],
                lookup=row.get("lookup", ""),
                standard_name=row.get("standard_name") or row.get("lookup", ""),
                country=row.get("country", ""),
                smelter_id=row["smelter_id"].upper().replace(" ", ""),
            )
        )
    return entries


@dataclass
class LookupIndex:
    """The file's own reference list, by look-up name and by smelter ID."""

    by_lookup: dict[tuple[str, str], ReferenceEntry]
    by_id: dict[str, ReferenceEntry]

    @classmethod
    def of(cls, entries: list[ReferenceEntry]) -> "LookupIndex":
        by_lookup, by_id = {}, {}
        for entry in entries:
            by_lookup.setdefault((norm(entry.metal), norm(entry.lookup)), entry)
            if entry.smelter_id:
                by_id.setdefault(entry.smelter_id, entry)
        return cls(by_lookup=by_lookup, by_id=by_id)

    def __bool__(self) -> bool:
        return bool(self.by_id or self.by_lookup)
