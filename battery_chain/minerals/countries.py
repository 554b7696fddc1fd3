"""English country names as the RMI templates write them, to ISO 3166 codes."""

import re

from django_countries import countries

# Spellings in the RMI templates' country lists that django_countries does not know by name.
ALIASES = {
    "congo, democratic republic of the": "CD",
    "congo, democratic republic of": "CD",
    "congo (kinshasa)": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "congo, republic of the": "CG",
    "congo (brazzaville)": "CG",
    "korea, republic of": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "korea, democratic people's republic of": "KP",
    "north korea": "KP",
    "taiwan, province of china": "TW",
    "taiwan, china": "TW",
    "tanzania, united republic of": "TZ",
    "united republic of tanzania": "TZ",
    "burma": "MM",
    "russia": "RU",
    "usa": "US",
    "united states": "US",
    "uk": "GB",
    "great britain": "GB",
    "viet nam": "VN",
    "hong kong, china": "HK",
    "macau": "MO",
    "macao, china": "MO",
    "iran": "IR",
    "bolivia": "BO",
    "venezuela, bolivarian republic of": "VE",
    "moldova, republic of": "MD",
    "micronesia, federated states of": "FM",
    "palestine, state of": "PS",
    "kyrgyzstan": "KG",
}

# Answers in a country column that are not countries and not problems: the material is recycled,
# or the supplier says plainly that the origin is not known or refers to RMI's own data.
RECYCLED_WORDS = {"recycled", "scrap", "recycled/scrap", "recycled or scrap", "recycle"}
UNKNOWN_WORDS = {
    "unknown",
    "not known",
    "not disclosed",
    "undisclosed",
    "n/a",
    "na",
    "not applicable",
    "rcoi confirmed as per rmi",
    "confidential",
    "-",
}


def normalize(name: str) -> str:
    return re.sub(r"\s+", " ", str(name or "")).strip().lower()


def country_code(name: str) -> str:
    """The ISO code for an English country name, or '' if it is not recognised."""
    key = normalize(name)
    if not key:
        return ""
    if key in ALIASES:
        return ALIASES[key]
    if len(key) == 2 and key.upper() in dict(countries):
        return key.upper()
    return countries.by_name(key, language="en") or ""


def classify(name: str) -> tuple[str, str]:
    """(kind, code): kind is 'empty', 'country', 'recycled', 'unknown' or 'unrecognised'."""
    key = normalize(name)
    if not key:
        return "empty", ""
    if key in RECYCLED_WORDS:
        return "recycled", ""
    if key in UNKNOWN_WORDS:
        return "unknown", ""
    code = country_code(key)
    return ("country", code) if code else ("unrecognised", "")


SEPARATORS_RE = re.compile(r"\s*(?:[;,/|\n]|\band\b|&)\s*", re.IGNORECASE)
# More words than this in a cell that is no country is a sentence, not a misspelt country.
COUNTRY_WORDS = 4


def split(value: str) -> tuple[str, list[str]]:
    """(kind, codes) for a mine-country cell that may hold several countries or free text.

    kind is 'empty', 'country', 'list' (two or more countries), 'recycled', 'unknown',
    'unrecognised' (one word or two that are no country) or 'text' (anything else).
    Names with commas of their own ("Congo, Democratic Republic of the") are tried whole first.
    """
    kind, code = classify(value)
    if kind != "unrecognised":
        return kind, [code] if code else []
    tokens = [t for t in SEPARATORS_RE.split(normalize(value)) if t]
    codes: list[str] = []
    i = 0
    while i < len(tokens):
        # The longest run of tokens, joined back with commas, that names a country.
        for j in range(len(tokens), i, -1):
            found = country_code(", ".join(tokens[i:j]))
            if found:
                codes.append(found)
                i = j
                break
        else:
            codes = []
            break
    if len(codes) >= 2:
        return "list", list(dict.fromkeys(codes))
    if len(normalize(value).split()) < COUNTRY_WORDS and len(tokens) == 1:
        return "unrecognised", []
    return "text", []
