"""The CPV code list: loading it from the pinned file, searching it, and its divisions."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from procurement.models import CpvCode

CPV_FILE = Path(__file__).resolve().parent / "data" / "cpv" / "cpv.csv"
CODE = re.compile(r"^\d{8}$")
SEARCH_LIMIT = 25


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def read_rows(path: Path) -> list[CpvCode]:
    """Every row checked before anything is written; the errors name the line."""
    rows, errors, seen = [], [], set()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"code", "label_en", "label_nb"} <= set(reader.fieldnames):
            raise ValidationError(_("Filen må ha kolonnene code, label_en og label_nb."))
        for line, row in enumerate(reader, start=2):
            code = (row["code"] or "").strip()
            if not CODE.match(code):
                errors.append(
                    _("Linje %(line)s: «%(code)s» er ikke en CPV-kode med 8 sifre.") % {"line": line, "code": code}
                )
                continue
            if code in seen:
                errors.append(_("Linje %(line)s: koden %(code)s står to ganger.") % {"line": line, "code": code})
                continue
            if not (row["label_en"] or "").strip():
                errors.append(
                    _("Linje %(line)s: koden %(code)s mangler engelsk betegnelse.") % {"line": line, "code": code}
                )
                continue
            seen.add(code)
            rows.append(
                CpvCode(
                    code=code,
                    division=code[:2],
                    label_en=row["label_en"].strip(),
                    label_nb=(row["label_nb"] or "").strip(),
                )
            )
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def load(path: Path = CPV_FILE) -> LoadResult:
    """Add new codes and refresh changed labels; all or nothing. Codes are never deleted:
    a procurement may use a code that a later list drops."""
    rows = read_rows(path)
    existing = {c.code: c for c in CpvCode.objects.all()}
    new = [r for r in rows if r.code not in existing]
    changed = []
    for row in rows:
        old = existing.get(row.code)
        if old is not None and (old.label_en, old.label_nb) != (row.label_en, row.label_nb):
            old.label_en, old.label_nb = row.label_en, row.label_nb
            changed.append(old)
    CpvCode.objects.bulk_create(new, batch_size=1000)
    CpvCode.objects.bulk_update(changed, ["label_en", "label_nb"], batch_size=1000)
    return LoadResult(created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed))


def search(query: str, *, limit: int = SEARCH_LIMIT) -> list[CpvCode]:
    """Codes starting with the digits typed, or whose label holds every word typed."""
    query = query.strip()
    if not query:
        return []
    digits = query.replace(" ", "").replace("-", "")
    if digits.isdigit():
        return list(CpvCode.objects.filter(code__startswith=digits[:8])[:limit])
    qs = CpvCode.objects.all()
    for word in query.split()[:6]:
        qs = qs.filter(Q(label_nb__icontains=word) | Q(label_en__icontains=word))
    return list(qs[:limit])


def divisions() -> list[CpvCode]:
    """The 2-digit groups (hovedgrupper), e.g. 30 Office and computing machinery."""
    return list(CpvCode.objects.filter(code__endswith="000000"))


def division_choices() -> list[tuple[str, str]]:
    return [(c.division, f"{c.division} {c.label}") for c in divisions()]


def parse_codes(text: str) -> list[str]:
    """Codes typed or picked, separated by spaces, commas or new lines; a check digit (-3) is dropped."""
    found = []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        code = token.split("-")[0]
        if code not in found:
            found.append(code)
    return found


def existing(codes: list[str]) -> tuple[list[CpvCode], list[str]]:
    """The known codes in the order given, and the unknown ones."""
    known = {c.code: c for c in CpvCode.objects.filter(code__in=codes)}
    return [known[c] for c in codes if c in known], [c for c in codes if c not in known]
