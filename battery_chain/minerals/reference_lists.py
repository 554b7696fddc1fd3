"""RMI's smelter reference lists, loaded from a blank template by a library editor.

Every template ships its list in the hidden Smelter Look-up sheet; the list changes
between versions and smelters drop out. One list is kept per template and version
(loading the same version again replaces it), with the date it was released; imports
check smelter IDs against the newest list of their template (smelter_ids.py).
"""

import io
import warnings
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from battery_chain.minerals import lookup
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.limits import limit
from battery_chain.minerals.parser import TEMPLATE_NAMES, identify_template
from battery_chain.minerals.safety import check_workbook_bytes
from battery_chain.minerals.services import sha256_of
from battery_chain.models import SmelterReference, SmelterReferenceList

BATCH = 1000


def read_reference_template(data: bytes) -> tuple[str, str, date | None, list[lookup.ReferenceEntry]]:
    """(template, version, release date from the Revision sheet or None, entries); FileRefused if unreadable."""
    check_workbook_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                template, version, revision_rows = identify_template(wb)
                sheet = lookup.find_sheet(wb.sheetnames)
                entries = lookup.read_entries(wb[sheet], limit("MAX_SCANNED_ROWS")) if sheet else []
            finally:
                wb.close()
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - a malformed workbook is the user's file, not a crash
        raise FileRefused(_("Filen kunne ikke leses som en Excel-arbeidsbok.")) from None
    if not template or not version:
        raise FileRefused(
            _("Fant ikke hvilken mal og versjon dette er. Last opp en tom mal fra RMI (CMRT, EMRT, CRT eller AMRT).")
        )
    if sheet is None or not entries:
        raise FileRefused(
            _("Fant ingen smelteverk i arket Smelter Look-up. Last opp malen slik RMI publiserer den, med alle ark.")
        )
    return template, version, _released_on(revision_rows, version), entries


def _released_on(rows: list[tuple], version: str) -> date | None:
    """The date on the Revision sheet's row for this version, when the sheet has one."""
    for row in rows:
        cells = [c for c in row if c is not None]
        if cells and str(cells[0]).strip() == version:
            for value in cells[1:]:
                if isinstance(value, datetime):
                    return value.date()
                if isinstance(value, date):
                    return value
    return None


@transaction.atomic
def load_reference_list(*, data: bytes, original_name: str, user, released_on: date | None = None):
    """Store the template's list (replacing an earlier load of the same version). Raises FileRefused or ValidationError."""
    template, version, found_date, entries = read_reference_template(data)
    released_on = released_on or found_date
    if released_on is None:
        raise ValidationError(
            _("Malen oppgir ingen utgivelsesdato for versjon %(version)s. Skriv inn datoen RMI ga den ut.")
            % {"version": version}
        )
    unique = {}
    for entry in entries:
        unique.setdefault(entry.smelter_id, entry)  # aliases share the ID and the standard name
    unique.pop("", None)
    reference_list = SmelterReferenceList.objects.filter(template=template, version=version).first()
    if reference_list is None:
        reference_list = SmelterReferenceList(template=template, version=version)
    else:
        reference_list.smelters.all().delete()
    reference_list.released_on = released_on
    reference_list.original_name = original_name[:255]
    reference_list.sha256 = sha256_of(data)
    reference_list.smelter_count = len(unique)
    reference_list.loaded_by = user
    reference_list._history_user = user
    reference_list.save()
    SmelterReference.objects.bulk_create(
        [
            SmelterReference(
                reference_list=reference_list,
                smelter_id=entry.smelter_id[:12],
                metal=entry.metal[:60],
                name=entry.standard_name[:255],
                country=entry.country[:100],
            )
            for entry in unique.values()
        ],
        batch_size=BATCH,
    )
    return reference_list


def describe(reference_list: SmelterReferenceList) -> str:
    return f"{TEMPLATE_NAMES.get(reference_list.template, reference_list.template)} {reference_list.version}"
