"""Smelter IDs checked against the file's own Smelter Look-up sheet and the newest reference list loaded.

A smelter ID is "CID" and six digits. It should be on RMI's list for the metal the row
names. The file's own sheet is the list of the template version the supplier used; the
product's newest list of the same template (loaded by a library editor) may be newer, and
a smelter that dropped out of it is flagged as delisted.
"""

import re
from decimal import Decimal, InvalidOperation

from battery_chain.minerals.lookup import LookupIndex
from battery_chain.minerals.parser import METAL_SLUGS, ParsedWorkbook, SourceRow
from battery_chain.minerals.text import norm
from battery_chain.models import RefinerIdCheck, SmelterReference, SmelterReferenceList

CID_RE = re.compile(r"^CID\d{6}$")


def version_key(version: str) -> Decimal:
    """RMI numbers versions as decimals: 6.31 came before 6.4."""
    try:
        return Decimal(version)
    except (InvalidOperation, TypeError, ValueError):
        return Decimal(0)


def newest_list(template: str) -> SmelterReferenceList | None:
    lists = list(SmelterReferenceList.objects.filter(template=template))
    return max(lists, key=lambda r: (version_key(r.version), r.released_on), default=None)


def _same_metal(a: str, b: str) -> bool:
    return norm(a) == norm(b) or METAL_SLUGS.get(norm(a), a) == METAL_SLUGS.get(norm(b), b)


class SmelterIdChecker:
    """Two queries, whatever the number of rows: the lists of the template, then the IDs of the file in the newest."""

    def __init__(self, parsed: ParsedWorkbook):
        self.own: LookupIndex = parsed.reference
        self.newest = newest_list(parsed.template) if parsed.template else None
        ids = {row.refiner_id for row in parsed.smelters if CID_RE.match(row.refiner_id)}
        self.known = (
            {r.smelter_id: r for r in SmelterReference.objects.filter(reference_list=self.newest, smelter_id__in=ids)}
            if self.newest is not None and ids
            else {}
        )
        # Only a list at least as new as the file's template can say a smelter has dropped out.
        self.can_delist = self.newest is not None and version_key(self.newest.version) >= version_key(parsed.version)

    @property
    def can_check(self) -> bool:
        return bool(self.own) or self.newest is not None

    def check(self, row: SourceRow) -> tuple[str, str]:
        """(RefinerIdCheck value, problem code or "")."""
        smelter_id = row.refiner_id
        if not smelter_id:
            return "", ""
        if not CID_RE.match(smelter_id):
            return RefinerIdCheck.MALFORMED, "smelter_id_malformed"
        if not self.can_check:
            return "", ""
        own, listed = self.own.by_id.get(smelter_id), self.known.get(smelter_id)
        if own is None and listed is None:
            return RefinerIdCheck.UNKNOWN, "smelter_id_unknown"
        if listed is None and self.can_delist:
            return RefinerIdCheck.DELISTED, "smelter_id_delisted"
        metal = listed.metal if listed is not None else own.metal
        if not _same_metal(metal, row.metal):
            return RefinerIdCheck.METAL_MISMATCH, "smelter_id_metal_mismatch"
        return RefinerIdCheck.OK, ""
