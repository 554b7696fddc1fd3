"""A readable word-by-word comparison of two revisions of a criterion."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from criteria.models import VARIANT_TEXT_FIELDS, CriterionRevision, Level, Variant

_TOKENS = re.compile(r"\s+|[^\s]+")

FIELD_LABELS = {
    name: Variant._meta.get_field(name).verbose_name for name in (*VARIANT_TEXT_FIELDS, "legal_requirement")
}


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    segments: list[Segment]

    @property
    def changed(self) -> bool:
        return any(s.op != "same" for s in self.segments)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments of unchanged, removed and added words; whitespace kept as it was."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if tag in ("replace", "delete"):
            segments.append(Segment("removed", "".join(a[i1:i2])))
        if tag in ("replace", "insert"):
            segments.append(Segment("added", "".join(b[j1:j2])))
    return segments


def _yes_no(value: bool) -> str:
    return str(_("Ja")) if value else str(_("Nei"))


def compare(old: CriterionRevision, new: CriterionRevision) -> dict:
    """{"title": FieldDiff, "levels": [(level label, [FieldDiff, ...]), ...]}."""
    levels = []
    for level, level_label in Level.choices:
        before, after = old.variant(level), new.variant(level)
        if before is None and after is None:
            continue
        fields = []
        for name in VARIANT_TEXT_FIELDS:
            fields.append(FieldDiff(FIELD_LABELS[name], word_diff(getattr(before, name, ""), getattr(after, name, ""))))
        fields.append(
            FieldDiff(
                FIELD_LABELS["legal_requirement"],
                word_diff(
                    _yes_no(getattr(before, "legal_requirement", False)) if before else "",
                    _yes_no(getattr(after, "legal_requirement", False)) if after else "",
                ),
            )
        )
        levels.append((level_label, fields))
    return {"title": FieldDiff(str(_("Tittel")), word_diff(old.title, new.title)), "levels": levels}
