"""Fill translations into a catalogue from a JSON file of {"Norsk bokmål-tekst": "translated text"}.

Usage: .venv/bin/python scripts/translate.py [--lang nn] translations.json   (English when --lang is not given)
Entries already translated are left alone unless the JSON gives a new text.
For plurals give a list: {"1 krav": ["1 requirement", "%(n)s requirements"]}.
"""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main(path: str, lang: str = "en") -> None:
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
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
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    print(f"Filled {filled}; still missing {len(missing)}")
    for msgid in missing:
        print("  ", repr(msgid))


if __name__ == "__main__":
    args = sys.argv[1:]
    language = "en"
    if args[:1] == ["--lang"]:
        language, args = args[1], args[2:]
    main(args[0], language)
