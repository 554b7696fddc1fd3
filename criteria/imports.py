"""Importing a library file under the four-eyes rule: the file waits for a second editor.

The national library (always) and a local library whose organisation has switched
the rule on are never changed by their importer alone. The uploaded file is
parsed and validated at once (so its errors show straight away), kept as one
LibraryImport, and written only when another editor of that library approves
it: in one transaction, validated again against the library as it is by then,
all or nothing as any import. The importer's own approval is refused. A library
without the rule imports at once, as before. A new published revision of a
published criterion tells its draft tenders' owners, as an approved proposal does.

One approval covers the whole file rather than one proposal per revision: a file
may add criteria, new revisions and (national) taxonomy together, and approving
half of it would break the all-or-nothing promise of an import.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from criteria import library_io
from criteria.models import Criterion, CriterionRevision, LibraryImport
from criteria.services import announce_published, library_needs_second_editor, refuse_own_approval


@dataclass(frozen=True)
class ImportOutcome:
    """Either the import is done (result) or it waits for a second editor (pending)."""

    result: library_io.ImportResult | None = None
    pending: LibraryImport | None = None


def parse(raw: bytes, filename: str) -> dict:
    text = library_io.decode(raw)
    return library_io.parse_csv(text) if filename.lower().endswith(".csv") else library_io.parse_json(text)


@transaction.atomic
def import_file(*, raw: bytes, filename: str, user, organization=None) -> ImportOutcome:
    """Import into the national library (organization None) or the organisation's own one.

    Raises library_io.LibraryImportError with every problem if the file is not valid.
    """
    data = parse(raw, filename)
    if not library_needs_second_editor(organization):
        return ImportOutcome(result=library_io.import_data(data, user=user, organization=organization))
    library_io.validate(data, organization=organization)
    batch = LibraryImport.objects.create(
        organization=organization,
        filename=filename[:255],
        data=data,
        criteria_count=len(data.get("criteria") or []),
        uploaded_by=user,
    )
    return ImportOutcome(pending=batch)


def _pending(batch: LibraryImport) -> LibraryImport:
    batch = LibraryImport.objects.select_for_update().get(pk=batch.pk)
    if not batch.is_pending:
        raise ValidationError(_("Importen er allerede avgjort."))
    return batch


@transaction.atomic
def approve_import(*, batch: LibraryImport, user) -> library_io.ImportResult:
    """A second editor's approval writes the whole file; the importer's own approval is refused.

    The texts are recorded as written by the importer. If the library changed since
    the upload so that the file no longer fits, LibraryImportError says why and nothing
    is written (the import stays waiting; reject it and upload a corrected file).
    """
    batch = _pending(batch)
    refuse_own_approval(batch.uploaded_by_id, user)
    before = _current_revisions(batch)
    result = library_io.import_data(batch.data, user=batch.uploaded_by, organization=batch.organization)
    _announce_new_revisions(batch, before)
    batch.state = LibraryImport.State.APPROVED
    batch.decided_by = user
    batch.decided_at = timezone.now()
    batch.save(update_fields=["state", "decided_by", "decided_at"])
    return result


def _current_revisions(batch: LibraryImport) -> dict[int, int | None]:
    return dict(
        Criterion.objects.filter(organization=batch.organization, status=Criterion.Status.PUBLISHED).values_list(
            "pk", "current_revision_id"
        )
    )


def _announce_new_revisions(batch: LibraryImport, before: dict[int, int | None]) -> None:
    """A published criterion whose current revision the import replaced: its draft tenders get notice,
    as when a proposal is approved."""
    changed = (
        Criterion.objects.filter(pk__in=before, status=Criterion.Status.PUBLISHED)
        .select_related("current_revision")
        .exclude(current_revision__isnull=True)
    )
    for criterion in changed:
        revision = criterion.current_revision
        if revision.pk != before[criterion.pk] and revision.is_published:
            announce_published(revision)


@transaction.atomic
def reject_import(*, batch: LibraryImport, user, reason: str) -> LibraryImport:
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor importen avvises, slik at den som importerte forstår det."))
    batch = _pending(batch)
    batch.state = LibraryImport.State.REJECTED
    batch.decided_by = user
    batch.decided_at = timezone.now()
    batch.decision_note = reason.strip()
    batch.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    return batch


def plan(batch: LibraryImport) -> list[dict]:
    """What the file would change, per criterion: new or existing, and the revision numbers it adds."""
    codes = [c.get("code") for c in batch.data.get("criteria") or [] if isinstance(c, dict)]
    existing = dict(Criterion.objects.filter(organization=batch.organization, code__in=codes).values_list("code", "pk"))
    known: dict[int, set[int]] = {}
    for criterion_id, number in CriterionRevision.objects.filter(criterion_id__in=existing.values()).values_list(
        "criterion_id", "number"
    ):
        known.setdefault(criterion_id, set()).add(number)
    rows = []
    for cr in batch.data.get("criteria") or []:
        have = known.get(existing.get(cr["code"]), set())
        rows.append(
            {
                "code": cr["code"],
                "title": cr.get("title", ""),
                "new": cr["code"] not in existing,
                "revisions": [r["number"] for r in cr.get("revisions", []) if r["number"] not in have],
            }
        )
    return rows
