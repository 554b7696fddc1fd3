"""Where the bid form finds the organisation's known suppliers.

Procurement may not import the supplier register (suppliers depends on
procurement), so the register hands over a lookup here when it loads, as apps do
with core's home panels. Without one the form simply asks for name and number.
"""

from collections.abc import Callable

_lookups: list[Callable] = []


def register(lookup: Callable) -> None:
    """lookup(organization) -> iterable of (orgnr, name)."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def known_tenderers(organization) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for lookup in _lookups:
        for orgnr, name in lookup(organization):
            seen.setdefault(orgnr, name)
    return sorted(seen.items(), key=lambda item: item[1].lower())
