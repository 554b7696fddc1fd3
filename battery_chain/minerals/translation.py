"""The workbook's own translation table: labels in any template language, read as English.

Every RMI template carries a hidden sheet with one row per label (a key such as
`DeclarationB8`, then the label in each language the language picker offers), and the
labels on the Declaration and the lists are formulas over it. A file saved in German or
Chinese therefore has no English labels, but it has the table to translate them back.
The language is judged from the labels themselves, not from the picker cell, whose own
label and value are translated too.
"""

from dataclasses import dataclass, field

from battery_chain.minerals.text import blank, norm

ENGLISH = "english"
MAX_ROWS = 5000
MAX_COLUMNS = 30
HEADER_ROWS = 5
# A language counts as the file's language when at least this many labels are in it and not in English.
MIN_LABELS = 3


@dataclass
class TranslationTable:
    sheet: str
    languages: list[str] = field(default_factory=list)
    # language → normalised label in that language → the English label of the same key
    to_english: dict[str, dict[str, str]] = field(default_factory=dict)
    english: set[str] = field(default_factory=set)


def find_table(values_wb, skip: set[str]) -> TranslationTable | None:
    """The first sheet (other than the data sheets) with an "English" column heading and rows under it."""
    for name in values_wb.sheetnames:
        if name in skip:
            continue
        table = _read_table(values_wb[name])
        if table is not None:
            return table
    return None


def _read_table(ws) -> TranslationTable | None:
    rows = ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
    header = None
    for index, values in enumerate(rows):
        if header is None:
            if index >= HEADER_ROWS:
                return None
            names = [norm(v) for v in values]
            if ENGLISH in names:
                english_col = names.index(ENGLISH)
                header = {c: str(v).strip() for c, v in enumerate(values) if not blank(v) and c > english_col}
                table = TranslationTable(sheet=ws.title, languages=list(header.values()))
                table.to_english = {lang: {} for lang in table.languages}
            continue
        english = values[english_col] if english_col < len(values) else None
        if blank(english) or not isinstance(english, str):
            continue
        table.english.add(norm(english))
        for c, lang in header.items():
            value = values[c] if c < len(values) else None
            if isinstance(value, str) and not blank(value) and norm(value) != norm(english):
                table.to_english[lang].setdefault(norm(value), english)
    if header is None or not table.english:
        return None
    return table


def detect_language(table: TranslationTable, texts: list[str]) -> str:
    """The language most of `texts` (label cells) are written in; "" for English or no clear answer."""
    counts = dict.fromkeys(table.languages, 0)
    english = 0
    for value in texts:
        key = norm(value)
        if key in table.english:
            english += 1
            continue
        for lang, mapping in table.to_english.items():
            if key in mapping:
                counts[lang] += 1
    if not counts:
        return ""
    best = max(counts, key=counts.get)
    return best if counts[best] >= MIN_LABELS and counts[best] > english else ""


def translate_rows(rows: list[tuple], mapping: dict[str, str]) -> list[tuple]:
    """The rows with every cell that is a label (or a listed answer) in the file's language put in English."""
    return [tuple(mapping.get(norm(v), v) if isinstance(v, str) and not blank(v) else v for v in row) for row in rows]
