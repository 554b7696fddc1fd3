"""Fill English texts into locale/en from a JSON file of {"Norsk tekst": "English text"}.

Usage: .venv/bin/python scripts/translate.py translations.json
Entries already translated are left alone unless the JSON gives a new text.
For plurals give a list: {"1 krav": ["1 requirement", "%(n)s requirements"]}.
"""

import json
import sys
from pathlib import Path

import polib

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main(path: str) -> None:
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO_FILE))
    filled = 0
    for entry in po:
        if entry.msgid not in texts:
            continue
        text = texts[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text))
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    print(f"Filled {filled}; still missing {len(missing)}")
    for msgid in missing:
        print("  ", repr(msgid))


if __name__ == "__main__":
    main(sys.argv[1])
