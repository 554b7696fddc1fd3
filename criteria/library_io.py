"""Export and import of a criteria library as JSON (everything) or CSV (current texts).

The national library, or one organisation's local library (``organization``), in
the same formats. The taxonomy (themes, categories) is national: a local import
reads it from the database and never changes it.

JSON round-trips: export -> import into an empty database -> export gives the
same bytes. An import validates every entry first and writes nothing if any
entry has an error; each error names the entry (row) and the field.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.spreadsheet import restore_cell, safe_cell
from criteria.models import (
    VARIANT_TEXT_FIELDS,
    Category,
    CategoryGroup,
    Criterion,
    CriterionRevision,
    Kind,
    Level,
    RiskStage,
    Theme,
    Variant,
    code_validator,
)
from criteria.services import point_at

FORMAT = "gronn-kriteriebibliotek"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 10 * 1024 * 1024

CSV_COLUMNS = (
    "code",
    "title",
    "category",
    "group",
    "theme",
    "kind",
    "purpose",
    "environmental",
    "social",
    "status",
    "revision",
    "published_at",
    "level",
    *VARIANT_TEXT_FIELDS,
    "legal_requirement",
)


# ---------------------------------------------------------------- export


def _library_revisions():
    """Revisions that belong to the library: published ones and a draft, not open or rejected proposals."""
    return CriterionRevision.objects.filter(Q(proposed_at__isnull=True) | Q(published_at__isnull=False))


def _variant_dict(v: Variant) -> dict:
    return {
        "level": v.level,
        **{name: getattr(v, name) for name in VARIANT_TEXT_FIELDS},
        "legal_requirement": v.legal_requirement,
    }


def _revisions(cr, published_only: bool) -> list:
    return [r for r in sorted(cr.revisions.all(), key=lambda r: r.number) if r.published_at or not published_only]


def library_dict(*, organization=None, published_only: bool = False) -> dict:
    """The national library (or an organisation's local one) as plain data, in a stable order.

    Proposals are not part of a library until they are published. published_only: what a
    reader who may not edit that library sees of it (published revisions only; a criterion
    never published is left out), since the library pages do not show them drafts either.
    """
    themes = Theme.objects.order_by("position", "slug")
    categories = Category.objects.prefetch_related("groups").order_by("position", "slug")
    criteria = (
        Criterion.objects.filter(organization=organization)
        .select_related("category", "group", "theme")
        .prefetch_related(Prefetch("revisions", queryset=_library_revisions()), "revisions__variants")
        .order_by("code")
    )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "themes": [
            {"slug": t.slug, "name": t.name, "name_en": t.name_en, "description": t.description} for t in themes
        ],
        "categories": [
            {
                "slug": c.slug,
                "name": c.name,
                "name_en": c.name_en,
                "description": c.description,
                "applies_to_all": c.applies_to_all,
                "climate_central": c.climate_central,
                "high_risk": c.high_risk,
                "high_risk_stages": list(c.high_risk_stages),
                "high_risk_note": c.high_risk_note,
                "high_risk_note_en": c.high_risk_note_en,
                "cpv_codes": list(c.cpv_codes),
                "groups": [
                    {"slug": g.slug, "name": g.name, "name_en": g.name_en}
                    for g in sorted(c.groups.all(), key=lambda g: (g.position, g.slug))
                ],
            }
            for c in categories
        ],
        "criteria": [
            {
                "code": cr.code,
                "title": cr.title,
                "category": cr.category.slug,
                "group": cr.group.slug if cr.group else None,
                "theme": cr.theme.slug,
                "kind": cr.kind,
                "purpose": cr.purpose,
                "environmental": cr.environmental,
                "social": cr.social,
                "environmental_management": cr.environmental_management,
                "status": cr.status,
                "revisions": [
                    {
                        "number": r.number,
                        "title": r.title,
                        "published_at": r.published_at.isoformat() if r.published_at else None,
                        "change_note": r.change_note,
                        "variants": [_variant_dict(v) for v in sorted(r.variants.all(), key=_level_order)],
                    }
                    for r in _revisions(cr, published_only)
                ],
            }
            for cr in criteria
            if _revisions(cr, published_only)
        ],
    }


def _level_order(variant) -> int:
    return Level.values.index(variant.level)


def export_json(*, organization=None, published_only: bool = False) -> str:
    data = library_dict(organization=organization, published_only=published_only)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_csv(*, organization=None, published_only: bool = False) -> str:
    """One row per level of each criterion's current revision, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cr in library_dict(organization=organization, published_only=published_only)["criteria"]:
        current = cr["revisions"][-1]
        for v in current["variants"]:
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        cr["code"],
                        current["title"],
                        cr["category"],
                        cr["group"] or "",
                        cr["theme"],
                        cr["kind"],
                        cr["purpose"],
                        _csv_bool(cr["environmental"]),
                        _csv_bool(cr["social"]),
                        cr["status"],
                        current["number"],
                        current["published_at"] or "",
                        v["level"],
                        *(v[name] for name in VARIANT_TEXT_FIELDS),
                        _csv_bool(v["legal_requirement"]),
                    )
                ]
            )
    return out.getvalue()


def _csv_bool(value: bool) -> str:
    return "ja" if value else "nei"


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportProblem:
    where: str
    field: str
    message: str

    def __str__(self):
        return f"{self.where}, {self.field}: {self.message}" if self.field else f"{self.where}: {self.message}"


class LibraryImportError(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass
class ImportResult:
    themes: int = 0
    categories: int = 0
    criteria_created: int = 0
    revisions_added: int = 0
    unchanged: int = 0


def decode(raw: bytes) -> str:
    if len(raw) > MAX_IMPORT_BYTES:
        raise LibraryImportError([ImportProblem(_("Filen"), "", _("Filen er større enn 10 MB."))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LibraryImportError(
            [
                ImportProblem(
                    _("Filen"),
                    "",
                    _("Filen er ikke UTF-8 (feil ved byte %(pos)s). Lagre den som UTF-8 og prøv igjen.")
                    % {"pos": exc.start},
                )
            ]
        ) from None


# An export nests six levels (file, criteria, revisions, variants, ...); anything far
# deeper is not ours, and Python's parser runs out of stack on a few thousand levels.
MAX_JSON_DEPTH = 20


def _too_deep(data) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _nesting_error() -> LibraryImportError:
    return LibraryImportError(
        [ImportProblem(_("Filen"), "", _("Filen er for dypt nøstet til å være en eksport av kriteriebiblioteket."))]
    )


def parse_json(text: str) -> dict:
    try:
        data = json.loads(text)
    except RecursionError:
        raise _nesting_error() from None
    except json.JSONDecodeError as exc:
        raise LibraryImportError(
            [
                ImportProblem(
                    _("Filen"),
                    "",
                    _("Ugyldig JSON på linje %(line)s, kolonne %(col)s: %(msg)s")
                    % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
                )
            ]
        ) from None
    if _too_deep(data):
        raise _nesting_error()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryImportError(
            [ImportProblem(_("Filen"), "format", _("Dette er ikke en eksport av kriteriebiblioteket."))]
        )
    if data.get("format_version") != FORMAT_VERSION:
        raise LibraryImportError(
            [
                ImportProblem(
                    _("Filen"),
                    "format_version",
                    _("Formatversjon %(v)s støttes ikke (forventet %(expected)s).")
                    % {"v": data.get("format_version"), "expected": FORMAT_VERSION},
                )
            ]
        )
    return data


def parse_csv(text: str) -> dict:
    """Turn CSV rows into the JSON structure: one criterion per code, one revision each."""
    reader = ({key: restore_cell(value) for key, value in row.items()} for row in csv.DictReader(io.StringIO(text)))
    fieldnames = csv.DictReader(io.StringIO(text)).fieldnames
    missing = [
        c
        for c in ("code", "title", "category", "theme", "kind", "level", "text", "documentation")
        if c not in (fieldnames or [])
    ]
    if missing:
        raise LibraryImportError(
            [ImportProblem(_("Filen"), "", _("Mangler kolonnene: %(cols)s.") % {"cols": ", ".join(missing)})]
        )
    criteria: dict[str, dict] = {}
    rows: dict[str, list[int]] = {}
    for line_no, row in enumerate(reader, start=2):
        code = (row.get("code") or "").strip()
        entry = criteria.get(code)
        if entry is None:
            entry = criteria[code] = {
                "code": code,
                "title": row.get("title", "").strip(),
                "category": row.get("category", "").strip(),
                "group": row.get("group", "").strip() or None,
                "theme": row.get("theme", "").strip(),
                "kind": row.get("kind", "").strip(),
                "purpose": row.get("purpose", "").strip(),
                "environmental": _parse_bool(row.get("environmental")),
                "social": _parse_bool(row.get("social")),
                "status": row.get("status", "").strip() or Criterion.Status.PUBLISHED,
                "revisions": [
                    {
                        "number": _parse_int(row.get("revision")) or 1,
                        "title": row.get("title", "").strip(),
                        "published_at": row.get("published_at", "").strip() or None,
                        "change_note": "",
                        "variants": [],
                    }
                ],
            }
            rows[code] = []
        rows[code].append(line_no)
        entry["revisions"][0]["variants"].append(
            {
                "level": row.get("level", "").strip(),
                **{name: (row.get(name) or "").strip() for name in VARIANT_TEXT_FIELDS},
                "legal_requirement": _parse_bool(row.get("legal_requirement")),
            }
        )
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "themes": [], "categories": []}
    data["criteria"] = list(criteria.values())
    data["_csv_rows"] = [rows[c] for c in criteria]
    return data


def _parse_bool(value) -> bool:
    return str(value or "").strip().lower() in {"ja", "yes", "true", "1", "x"}


def _parse_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class _Validator:
    """Checks every entry against the file itself and the database; collects all problems."""

    def __init__(self, data: dict, organization=None):
        self.data = data
        self.organization = organization
        self.problems: list[ImportProblem] = []
        self.csv_rows = data.get("_csv_rows")

    def add(self, where, field, message):
        self.problems.append(ImportProblem(where, field, str(message)))

    def _where_criterion(self, index: int, code) -> str:
        if self.csv_rows:
            lines = ", ".join(str(n) for n in self.csv_rows[index])
            return _("Linje %(lines)s (%(code)s)") % {"lines": lines, "code": code or "?"}
        return _("Kriterium nr. %(n)s (%(code)s)") % {"n": index + 1, "code": code or "?"}

    def _list(self, key) -> list:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.add(_("Filen"), key, _("Skal være en liste."))
            return []
        return value

    def run(self) -> None:
        self.themes = {t.slug for t in Theme.objects.all()}
        self.groups = {(g.category.slug, g.slug) for g in CategoryGroup.objects.select_related("category")}
        self.categories = set(Category.objects.values_list("slug", flat=True))
        if self.organization is None:
            self._taxonomy()
        existing = {
            c.code: c
            for c in Criterion.objects.filter(organization=self.organization).prefetch_related(
                Prefetch("revisions", queryset=_library_revisions()), "revisions__variants"
            )
        }
        seen_codes: set[str] = set()
        for i, cr in enumerate(self._list("criteria")):
            code = cr.get("code") if isinstance(cr, dict) else None
            where = self._where_criterion(i, code)
            if not isinstance(cr, dict):
                self.add(where, "", _("Skal være et objekt."))
                continue
            self._criterion(where, cr, seen_codes, existing.get(code))

    def _names(self, where, row: dict, model) -> None:
        """The Norwegian name is required; both it and the English one must fit their columns."""
        if not str(row.get("name") or "").strip():
            self.add(where, "name", _("Navn mangler."))
        for field in ("name", "name_en"):
            limit = model._meta.get_field(field).max_length
            if len(str(row.get(field) or "")) > limit:
                self.add(where, field, _("Navnet kan ha høyst %(n)s tegn.") % {"n": limit})

    def _taxonomy(self) -> None:
        for i, theme in enumerate(self._list("themes")):
            where = _("Tema nr. %(n)s") % {"n": i + 1}
            if not isinstance(theme, dict):
                self.add(where, "", _("Skal være et objekt."))
                continue
            self._slug(where, theme.get("slug"))
            self._names(where, theme, Theme)
            self.themes.add(theme.get("slug"))
        seen_categories = set()
        for i, cat in enumerate(self._list("categories")):
            where = _("Kategori nr. %(n)s (%(slug)s)") % {
                "n": i + 1,
                "slug": (cat or {}).get("slug", "?") if isinstance(cat, dict) else "?",
            }
            if not isinstance(cat, dict):
                self.add(where, "", _("Skal være et objekt."))
                continue
            self._slug(where, cat.get("slug"))
            if cat.get("slug") in seen_categories:
                self.add(where, "slug", _("Kategorien finnes to ganger i filen."))
            seen_categories.add(cat.get("slug"))
            self._names(where, cat, Category)
            stages = cat.get("high_risk_stages", [])
            if not isinstance(stages, list) or any(s not in RiskStage.values for s in stages):
                self.add(where, "high_risk_stages", _("Tillatte ledd er ravare, komponent og sluttmontering."))
            codes = cat.get("cpv_codes", [])
            if not isinstance(codes, list) or any(not str(c).replace("-", "").isdigit() for c in codes):
                self.add(where, "cpv_codes", _("CPV-koder skal være en liste med tallkoder."))
            self.categories.add(cat.get("slug"))
            for g in cat.get("groups", []) or []:
                self._slug(where, (g or {}).get("slug"), field="groups")
                if isinstance(g, dict):
                    self._names(where, g, CategoryGroup)
                self.groups.add((cat.get("slug"), (g or {}).get("slug")))

    def _slug(self, where, slug, field="slug"):
        if not isinstance(slug, str) or not slug or slugify(slug) != slug:
            self.add(
                where,
                field,
                _("Ugyldig kortnavn «%(slug)s»: bruk små bokstaver, sifre og bindestrek.") % {"slug": slug},
            )

    def _criterion(self, where, cr, seen_codes, existing):
        code = cr.get("code")
        try:
            code_validator(code or "")
        except Exception:  # noqa: BLE001 - the validator's message is ours
            self.add(where, "code", _("Ugyldig kode «%(code)s», bruk for eksempel IKT-BATT-01.") % {"code": code})
        if code in seen_codes:
            self.add(where, "code", _("Koden %(code)s finnes flere ganger i filen.") % {"code": code})
        seen_codes.add(code)
        if not str(cr.get("title") or "").strip():
            self.add(where, "title", _("Tittel mangler."))
        if cr.get("category") not in self.categories:
            self.add(where, "category", _("Ukjent kategori «%(v)s».") % {"v": cr.get("category")})
        if cr.get("group") and (cr.get("category"), cr.get("group")) not in self.groups:
            self.add(where, "group", _("Ukjent produktgruppe «%(v)s» i kategorien.") % {"v": cr.get("group")})
        if cr.get("theme") not in self.themes:
            self.add(where, "theme", _("Ukjent tema «%(v)s».") % {"v": cr.get("theme")})
        if cr.get("kind") not in Kind.values:
            self.add(where, "kind", _("Ukjent type krav «%(v)s».") % {"v": cr.get("kind")})
        status = cr.get("status")
        if status not in Criterion.Status.values:
            self.add(where, "status", _("Ukjent status «%(v)s».") % {"v": status})
        revisions = cr.get("revisions")
        if not isinstance(revisions, list) or not revisions:
            self.add(where, "revisions", _("Kriteriet har ingen revisjoner."))
            return
        numbers = [r.get("number") if isinstance(r, dict) else None for r in revisions]
        if any(not isinstance(n, int) for n in numbers) or numbers != sorted(set(numbers)):
            self.add(where, "revisions", _("Revisjonsnumrene må være heltall i stigende rekkefølge."))
            return
        for pos, rev in enumerate(revisions):
            self._revision(where, rev, is_last=pos == len(revisions) - 1, status=status)
        if existing is not None:
            self._against_existing(where, cr, existing)

    def _revision(self, where, rev, *, is_last, status):
        rwhere = _("%(where)s, revisjon %(n)s") % {"where": where, "n": rev.get("number")}
        published = rev.get("published_at")
        if published is not None:
            try:
                date.fromisoformat(published)
            except (TypeError, ValueError):
                self.add(rwhere, "published_at", _("Ugyldig dato «%(v)s», bruk ÅÅÅÅ-MM-DD.") % {"v": published})
        elif not is_last or status != Criterion.Status.DRAFT:
            self.add(rwhere, "published_at", _("Bare siste revisjon av et utkast kan være upublisert."))
        variants = rev.get("variants")
        if not isinstance(variants, list) or not variants:
            self.add(rwhere, "variants", _("Revisjonen har ingen nivåer (basis/avansert)."))
            return
        levels = [v.get("level") if isinstance(v, dict) else None for v in variants]
        if len(set(levels)) != len(levels):
            self.add(rwhere, "variants", _("Et nivå forekommer to ganger."))
        for v in variants:
            if not isinstance(v, dict):
                self.add(rwhere, "variants", _("Skal være et objekt."))
                continue
            if v.get("level") not in Level.values:
                self.add(rwhere, "level", _("Ukjent nivå «%(v)s», bruk basis eller avansert.") % {"v": v.get("level")})
            for name in ("text", "documentation"):
                if not str(v.get(name) or "").strip():
                    self.add(
                        rwhere,
                        f"{v.get('level')}.{name}",
                        _("Mangler kravtekst.") if name == "text" else _("Mangler dokumentasjonskrav."),
                    )

    def _against_existing(self, where, cr, existing):
        """Published revisions never change: one with the same number must be identical."""
        stored = {r.number: r for r in existing.revisions.all()}
        for rev in cr["revisions"]:
            old = stored.get(rev.get("number"))
            if old is None:
                continue
            if _revision_payload(rev, cr) != _stored_payload(old):
                self.add(
                    where,
                    "revisions",
                    _(
                        "Revisjon %(n)s finnes allerede med annen tekst. Publiserte revisjoner endres aldri; gi endringen et nytt revisjonsnummer."
                    )
                    % {"n": rev.get("number")},
                )


def _revision_payload(rev: dict, cr: dict) -> tuple:
    return (
        (rev.get("title") or cr.get("title") or "").strip(),
        tuple(
            sorted(
                (
                    v["level"],
                    *((v.get(name) or "").strip() for name in VARIANT_TEXT_FIELDS),
                    bool(v.get("legal_requirement")),
                )
                for v in rev["variants"]
            )
        ),
    )


def _stored_payload(rev: CriterionRevision) -> tuple:
    return (
        rev.title,
        tuple(
            sorted(
                (v.level, *(getattr(v, name) for name in VARIANT_TEXT_FIELDS), v.legal_requirement)
                for v in rev.variants.all()
            )
        ),
    )


def validate(data: dict, *, organization=None) -> None:
    validator = _Validator(data, organization)
    validator.run()
    if validator.problems:
        raise LibraryImportError(validator.problems)


@transaction.atomic
def import_data(data: dict, *, user=None, organization=None) -> ImportResult:
    """Validate everything, then write everything (or nothing).

    With ``organization`` the criteria go into its local library and the file's
    taxonomy is left alone (it is the national library's).
    """
    validate(data, organization=organization)
    result = ImportResult()
    if organization is None:
        _import_taxonomy(data, result)
    themes = {t.slug: t for t in Theme.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    groups = {(g.category_id, g.slug): g for g in CategoryGroup.objects.all()}
    for cr in data.get("criteria", []):
        _import_criterion(cr, themes, categories, groups, user, result, organization)
    return result


def _english(row: dict, *fields: str) -> dict:
    """The English texts the file gives; a file without them (an older export) leaves ours alone."""
    return {f"{field}_en": str(row[f"{field}_en"]) for field in fields if f"{field}_en" in row}


def _import_taxonomy(data: dict, result: ImportResult) -> None:
    for pos, t in enumerate(data.get("themes", [])):
        Theme.objects.update_or_create(
            slug=t["slug"],
            defaults={
                "name": t["name"],
                "description": t.get("description", ""),
                "position": pos,
                **_english(t, "name"),
            },
        )
        result.themes += 1
    for pos, c in enumerate(data.get("categories", [])):
        category, _created = Category.objects.update_or_create(
            slug=c["slug"],
            defaults={
                "name": c["name"],
                "description": c.get("description", ""),
                "applies_to_all": bool(c.get("applies_to_all")),
                "climate_central": bool(c.get("climate_central")),
                "high_risk": bool(c.get("high_risk")),
                "high_risk_stages": list(c.get("high_risk_stages", [])),
                "high_risk_note": c.get("high_risk_note", ""),
                "cpv_codes": [str(x) for x in c.get("cpv_codes", [])],
                "position": pos,
                **_english(c, "name", "high_risk_note"),
            },
        )
        for gpos, g in enumerate(c.get("groups", []) or []):
            CategoryGroup.objects.update_or_create(
                category=category, slug=g["slug"], defaults={"name": g["name"], "position": gpos, **_english(g, "name")}
            )
        result.categories += 1


def _import_criterion(cr, themes, categories, groups, user, result: ImportResult, organization) -> None:
    category = categories[cr["category"]]
    meta = {
        "category": category,
        "group": groups[(category.pk, cr["group"])] if cr.get("group") else None,
        "theme": themes[cr["theme"]],
        "kind": cr["kind"],
        "purpose": cr.get("purpose", ""),
        "environmental": bool(cr.get("environmental")),
        "social": bool(cr.get("social")),
        "environmental_management": bool(cr.get("environmental_management")),
        "status": cr["status"],
    }
    criterion = Criterion.objects.filter(organization=organization, code=cr["code"]).first()
    if criterion is None:
        criterion = Criterion.objects.create(organization=organization, code=cr["code"], title=cr["title"], **meta)
        result.criteria_created += 1
    else:
        for name, value in meta.items():
            setattr(criterion, name, value)
    known = set(criterion.revisions.values_list("number", flat=True))
    last_revision, last_variants = None, None
    for rev in cr["revisions"]:
        if rev["number"] in known:
            result.unchanged += 1
            continue
        revision = CriterionRevision.objects.create(
            criterion=criterion,
            number=rev["number"],
            title=(rev.get("title") or cr["title"]).strip(),
            change_note=rev.get("change_note", ""),
            published_at=date.fromisoformat(rev["published_at"]) if rev.get("published_at") else None,
            created_by=user,
        )
        variants = Variant.objects.bulk_create(
            [
                Variant(
                    revision=revision,
                    level=v["level"],
                    **{name: (v.get(name) or "").strip() for name in VARIANT_TEXT_FIELDS},
                    legal_requirement=bool(v.get("legal_requirement")),
                )
                for v in rev["variants"]
            ]
        )
        last_revision, last_variants = revision, variants
        result.revisions_added += 1
    if last_revision is not None:
        point_at(criterion, last_revision, last_variants)
    criterion.save()


def import_bytes(raw: bytes, *, filename: str = "", user=None, organization=None) -> ImportResult:
    text = decode(raw)
    data = parse_csv(text) if filename.lower().endswith(".csv") else parse_json(text)
    return import_data(data, user=user, organization=organization)
