"""The [placeholders] in a requirement's texts, one slot each, and the texts with slots filled (pure)."""

import re
from dataclasses import dataclass

# The same pattern the model's placeholders() and the publish gate use.
PATTERN = re.compile(r"\[[^\[\]\n]{1,80}\]")
# Placeholders sit in the requirement text and in the documentation requirement.
FIELDS = ("text", "documentation")
CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Slot:
    field: str
    name: str  # what is inside the brackets
    suggestion: str  # the library's suggested value, "" when it only names what to write
    before: str
    after: str


def suggestion_of(name: str) -> str:
    """The library writes a suggested value in the brackets ("[3] års garanti"); a word ("[antall]") only names the hole."""
    return name if any(ch.isdigit() for ch in name) else ""


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return (
        ("…" if start > CONTEXT_CHARS else "") + before.lstrip(),
        after.rstrip() + ("…" if end + CONTEXT_CHARS < len(text) else ""),
    )


def slots(texts: dict[str, str]) -> list[Slot]:
    """One slot per placeholder, in reading order: the text first, then the documentation."""
    found = []
    for field in FIELDS:
        text = texts.get(field) or ""
        for match in PATTERN.finditer(text):
            name = match.group(0)[1:-1]
            before, after = _context(text, match.start(), match.end())
            found.append(Slot(field, name, suggestion_of(name), before, after))
    return found


def fill(texts: dict[str, str], values: list[str]) -> dict[str, str]:
    """The texts with the n-th placeholder replaced by values[n]; a blank value leaves that placeholder."""
    remaining = iter(values)
    filled = {}
    for field in FIELDS:
        text = texts.get(field) or ""

        def replace(match):
            value = next(remaining, "").strip()
            return value or match.group(0)

        filled[field] = PATTERN.sub(replace, text)
    return filled
