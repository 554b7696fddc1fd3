"""Read a CMRT or EMRT workbook by the text of its labels, never by fixed cells.

The RMI templates move rows and reword labels between versions, so every field is
found by matching its label (case and whitespace do not matter, small wording
differences are tolerated) and the answer is the first filled cell to its right.
Nothing is evaluated: formulas are read by the value Excel stored when it last
calculated them, and a workbook whose formulas were never calculated is reported.
"""

import io
import logging
import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from battery_chain.minerals import lookup, translation
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.limits import limit
from battery_chain.minerals.problems import ERROR, WARNING, Problem
from battery_chain.minerals.safety import check_workbook_bytes
from battery_chain.minerals.text import EXCEL_ERRORS, blank, data_text, label_text, norm, text  # noqa: F401

logger = logging.getLogger(__name__)

CMRT = "CMRT"
EMRT = "EMRT"
CRT = "CRT"
AMRT = "AMRT"
SUPPORTED_MAJOR = {CMRT: "6", EMRT: "2", CRT: "2", AMRT: "1"}
TEMPLATE_NAMES = {
    CMRT: "Conflict Minerals Reporting Template",
    EMRT: "Extended Minerals Reporting Template",
    CRT: "Cobalt Reporting Template",
    AMRT: "Additional Minerals Reporting Template",
}

# Metal names as the templates write them, to the slugs of our RawMaterial rows.
METAL_SLUGS = {
    "tantalum": "tantal",
    "tin": "tinn",
    "tungsten": "wolfram",
    "gold": "gull",
    "cobalt": "kobolt",
    "mica": "glimmer",
    "copper": "kobber",
    "graphite": "naturlig-grafitt",
    "natural graphite": "naturlig-grafitt",
    "lithium": "litium",
    "nickel": "nikkel",
    "manganese": "mangan",
}
CMRT_METALS = ["Tantalum", "Tin", "Gold", "Tungsten"]

DECLARATION_COLUMNS = 16
LIST_COLUMNS = 40
HEADER_SEARCH_ROWS = 15
# Rows of each sheet whose labels decide the file's language.
LABEL_ROWS = 120
REVISION_ROWS = 60


# ---------------------------------------------------------------- sheets


@dataclass
class Grid:
    """The values of one sheet as rows of cells (1-based row numbers in `row_numbers`)."""

    name: str
    rows: list[tuple] = field(default_factory=list)

    def cell(self, r: int, c: int):
        row = self.rows[r] if r < len(self.rows) else ()
        return row[c] if c < len(row) else None


@dataclass
class FormulaCount:
    total: int = 0
    calculated: int = 0
    uncalculated: list[str] = field(default_factory=list)


def _find_sheet(names: list[str], *wanted: str) -> str | None:
    for name in names:
        if norm(name) in wanted:
            return name
    for name in names:
        key = norm(name)
        if any(w in key for w in wanted) and "look" not in key:
            return name
    return None


def _read(ws, max_rows: int, max_cols: int, content_limit: int | None = None, sheet_label: str = "") -> list[tuple]:
    rows = []
    content = 0
    for values in ws.iter_rows(max_row=max_rows, max_col=max_cols, values_only=True):
        rows.append(values)
        if content_limit is not None and any(not blank(v) for v in values):
            content += 1
            # Stop streaming as soon as the limit is passed: the rest of the sheet is never read.
            if content > content_limit + HEADER_SEARCH_ROWS:
                raise FileRefused(
                    _(
                        "Arket «%(sheet)s» har mer enn %(limit)s rader med innhold. "
                        "Del opp rapporten eller kontakt leverandøren."
                    )
                    % {"sheet": sheet_label, "limit": content_limit}
                )
    return rows


def _count_formulas(ws, max_rows: int, max_cols: int, values: list[tuple], counter: FormulaCount) -> None:
    for r, row in enumerate(ws.iter_rows(max_row=max_rows, max_col=max_cols, values_only=True)):
        if r >= len(values):
            break
        for c, raw in enumerate(row):
            if isinstance(raw, str) and raw.startswith("="):
                counter.total += 1
                calculated = values[r][c] if c < len(values[r]) else None
                if calculated is not None:
                    counter.calculated += 1
                elif len(counter.uncalculated) < 10:
                    counter.uncalculated.append(f"{ws.title}!{get_column_letter(c + 1)}{r + 1}")


# ---------------------------------------------------------------- result


@dataclass
class SourceRow:
    """One smelter (Smelter List) or one mine (Mine List) as the supplier wrote it."""

    sheet: str
    row: int
    metal: str
    refiner: str = ""
    refiner_id: str = ""
    refiner_country: str = ""
    id_source: str = ""
    lookup: str = ""
    typed_name: str = ""
    standard_name: str = ""
    mine: str = ""
    mine_id: str = ""
    mine_country: str = ""
    recycled: str = ""
    comment: str = ""

    def as_reported(self) -> dict:
        """The row for the report's JSON record: every column read, without the sheet name."""
        return {k: v for k, v in asdict(self).items() if k != "sheet" and v != ""}


@dataclass
class ParsedWorkbook:
    template: str = ""
    version: str = ""
    declaration: dict = field(default_factory=dict)
    smelters: list[SourceRow] = field(default_factory=list)
    mines: list[SourceRow] = field(default_factory=list)
    has_mine_list: bool = False
    problems: list[Problem] = field(default_factory=list)
    # The language the labels are in when it is not English ("" for English), and the file's own smelter list.
    language: str = ""
    reference: lookup.LookupIndex = field(default_factory=lambda: lookup.LookupIndex.of([]))

    @property
    def completed_on(self) -> date | None:
        value = self.declaration.get("fields", {}).get("completion_date")
        return date.fromisoformat(value) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def parse_workbook(data: bytes) -> ParsedWorkbook:
    """Check the bytes, then read the workbook; raise FileRefused if it cannot be read at all."""
    check_workbook_bytes(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and conditional formatting it does not keep.
            warnings.simplefilter("ignore")
            return _parse(data)
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - any failure inside a malformed workbook is the user's file, not a crash
        logger.info("Unreadable minerals workbook", exc_info=True)
        raise FileRefused(
            _("Filen kunne ikke leses som en Excel-arbeidsbok. Åpne den i Excel, lagre den som .xlsx og prøv igjen.")
        ) from None


def _parse(data: bytes) -> ParsedWorkbook:
    values_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    formulas_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        return _parse_books(values_wb, formulas_wb)
    finally:
        values_wb.close()
        formulas_wb.close()


def _parse_books(values_wb, formulas_wb) -> ParsedWorkbook:
    names = values_wb.sheetnames
    declaration_name = _find_sheet(names, "declaration")
    smelter_name = _find_sheet(names, "smelter list")
    if not declaration_name or not smelter_name:
        missing = [
            label for label, found in (("Declaration", declaration_name), ("Smelter List", smelter_name)) if not found
        ]
        raise FileRefused(
            _(
                "Arbeidsboken mangler arket %(sheets)s. Er dette en CMRT- eller EMRT-fil fra Responsible Minerals "
                "Initiative? Last opp arbeidsboken slik leverandøren fylte den ut."
            )
            % {"sheets": " og ".join(f"«{m}»" for m in missing)}
        )
    mine_name = _find_sheet(names, "mine list")
    lookup_name = lookup.find_sheet(names)
    result = ParsedWorkbook(has_mine_list=bool(mine_name))
    formulas = FormulaCount()

    decl_rows = limit("DECLARATION_ROWS")
    max_rows, scan = limit("MAX_ROWS"), limit("MAX_SCANNED_ROWS")
    declaration = Grid(declaration_name, _read(values_wb[declaration_name], decl_rows, DECLARATION_COLUMNS))
    _count_formulas(formulas_wb[declaration_name], decl_rows, DECLARATION_COLUMNS, declaration.rows, formulas)
    smelter_grid = Grid(smelter_name, _read(values_wb[smelter_name], scan, LIST_COLUMNS, max_rows, smelter_name))
    _count_formulas(formulas_wb[smelter_name], scan, LIST_COLUMNS, smelter_grid.rows, formulas)
    grids = [declaration, smelter_grid]
    if mine_name:
        mine_grid = Grid(mine_name, _read(values_wb[mine_name], scan, LIST_COLUMNS, max_rows, mine_name))
        _count_formulas(formulas_wb[mine_name], scan, LIST_COLUMNS, mine_grid.rows, formulas)
        grids.append(mine_grid)
    _translate(values_wb, grids, {declaration_name, smelter_name, mine_name, lookup_name}, result)

    revision_name = _find_sheet(names, "revision")
    revision = _read(values_wb[revision_name], REVISION_ROWS, 12) if revision_name else []
    groups = [_texts(declaration.rows[:8]), _texts(revision)]
    result.template, result.version = detect_template(groups, has_mine_list=bool(mine_name))
    if not result.template:
        result.problems.append(Problem("template_unknown", ERROR))
    elif not result.version:
        result.problems.append(Problem("version_unknown", WARNING))
    elif result.version.split(".")[0] != SUPPORTED_MAJOR[result.template]:
        result.problems.append(
            Problem(
                "version_untested",
                WARNING,
                {
                    "template": result.template,
                    "version": result.version,
                    "supported": f"{result.template} {SUPPORTED_MAJOR[result.template]}.x",
                },
            )
        )

    if lookup_name:
        result.reference = lookup.LookupIndex.of(lookup.read_entries(values_wb[lookup_name], scan))
    result.declaration = read_declaration(declaration, result)
    result.smelters = read_list(smelter_grid, SMELTER_COLUMNS, "name", "Smelter Name", result)
    for row in result.smelters:
        resolve_smelter(row, result.reference)
    if mine_name:
        result.mines = read_list(mine_grid, MINE_COLUMNS, "mine", "Mine Facility Name", result)
    if len(result.smelters) + len(result.mines) > max_rows:
        raise FileRefused(
            _("Rapporten har mer enn %(limit)s smelteverk og gruver til sammen. Del opp rapporten.")
            % {"limit": max_rows}
        )

    # Excel stores the last calculated value of every formula; a workbook where no formula has
    # one was written by a program that never calculated it, and its values cannot be trusted.
    if formulas.total and not formulas.calculated:
        result.problems.append(Problem("formulas_without_values", ERROR, {"cells": ", ".join(formulas.uncalculated)}))
    # Kept with the report: columns the sourcing lines have no place for (source of the ID, 100 % recycled, comments).
    result.declaration["smelter_list"] = [row.as_reported() for row in result.smelters]
    result.declaration["mine_list"] = [row.as_reported() for row in result.mines]
    result.declaration["language"] = result.language
    return result


def _texts(rows: list[tuple]) -> list[str]:
    return [text(v) for row in rows for v in row if not blank(v)]


def identify_template(values_wb) -> tuple[str, str, list[tuple]]:
    """(template, version, Revision sheet rows) of a workbook, blank or filled, from its title and Revision sheet."""
    names = values_wb.sheetnames
    declaration_name = _find_sheet(names, "declaration")
    revision_name = _find_sheet(names, "revision")
    title = _read(values_wb[declaration_name], 8, DECLARATION_COLUMNS) if declaration_name else []
    revision = _read(values_wb[revision_name], REVISION_ROWS, 12) if revision_name else []
    template, version = detect_template([_texts(title), _texts(revision)], has_mine_list=False)
    return template, version, revision


def _translate(values_wb, grids: list[Grid], data_sheets: set, result: ParsedWorkbook) -> None:
    """Put the labels in English through the workbook's own translation table when they are in another language."""
    table = translation.find_table(values_wb, data_sheets)
    if table is None:
        return
    labels = [v for grid in grids for row in grid.rows[:LABEL_ROWS] for v in row if isinstance(v, str)]
    language = translation.detect_language(table, labels)
    if not language:
        return
    mapping = table.to_english[language]
    for grid in grids:
        grid.rows = translation.translate_rows(grid.rows, mapping)
    result.language = language
    result.problems.append(Problem("file_language", WARNING, {"language": language, "sheet": table.sheet}))


def resolve_smelter(row: "SourceRow", reference: lookup.LookupIndex) -> None:
    """The smelter's name: typed if typed, else what the look-up choice stands for, else the hidden standard name.

    In the templates the supplier picks the smelter in the look-up column and types a name only for
    "Smelter not listed"; the look-up choice can be an alias, so it is resolved to RMI's standard name
    (the hidden column, or the file's own Smelter Look-up sheet). Country and ID come from the same
    entry when the formulas left them empty.
    """
    choice = norm(row.lookup)
    entry = reference.by_lookup.get((norm(row.metal), choice)) if choice else None
    if row.typed_name and norm(row.typed_name) != "smelter not listed":
        row.refiner = row.typed_name
    elif choice and choice not in lookup.NOT_A_SMELTER:
        row.refiner = row.standard_name or (entry.standard_name if entry else "") or row.lookup
    elif not choice and row.standard_name:
        row.refiner = row.standard_name
    else:
        row.refiner = ""
    if entry is not None:
        row.refiner_id = row.refiner_id or entry.smelter_id
        row.refiner_country = row.refiner_country or entry.country


# ---------------------------------------------------------------- template and version

VERSION_RE = re.compile(r"\b(?:revision|version|rev\.?)\s*:?\s*(\d{1,2}\.\d{1,2})\b", re.IGNORECASE)
BARE_VERSION_RE = re.compile(r"^\d{1,2}\.\d{1,2}$")
TEMPLATE_RES = {
    CMRT: re.compile(r"\bcmrt\b|conflict minerals reporting template", re.IGNORECASE),
    EMRT: re.compile(r"\bemrt\b|extended minerals reporting template", re.IGNORECASE),
    CRT: re.compile(r"\bcrt\b|cobalt reporting template", re.IGNORECASE),
    AMRT: re.compile(
        r"\bamrt\b|additional minerals reporting template|\bprt\b|pilot reporting template", re.IGNORECASE
    ),
}
# Addresses on the Revision sheet name other templates (RMI's pages are under /cmrt/...): never evidence.
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _version_key(version: str) -> Decimal:
    # RMI numbers versions as decimals: 6.31 came before 6.4.
    return Decimal(version)


def _template_in(texts: list[str]) -> str:
    # A title names its own template first; a sentence may mention another one after it.
    for value in texts:
        value = URL_RE.sub(" ", value)
        found = [(m.start(), name) for name, pattern in TEMPLATE_RES.items() if (m := pattern.search(value))]
        if found:
            return min(found)[1]
    return ""


def detect_template(groups: list[list[str]], *, has_mine_list: bool) -> tuple[str, str]:
    """(template, version) from the texts of the Declaration's title rows and the Revision sheet, in that order.

    The Declaration's own title decides the template; the Revision sheet only when the title names
    none. The version is the newest one the first group with any version names (the Revision
    sheet lists earlier revisions too). The Instructions are not read: they mention other templates.
    """
    template = next((found for found in (_template_in(texts) for texts in groups) if found), "")
    version = ""
    for index, texts in enumerate(groups):
        versions = [m.group(1) for t in texts for m in VERSION_RE.finditer(t)]
        if index == 1:  # the Revision sheet's table may hold bare numbers under a "Revision" heading
            versions += [t for t in texts if BARE_VERSION_RE.match(t)]
        if versions:
            version = max(versions, key=_version_key)
            break
    if not template and has_mine_list:
        template = EMRT
    return template, version


# ---------------------------------------------------------------- declaration

DECLARATION_FIELDS = [
    # key, label patterns (regex on the normalised label), required
    ("company_name", [r"^company name", r"^legal name"], True),
    ("declaration_scope", [r"^declaration scope", r"^scope of declaration"], True),
    ("scope_description", [r"^description of (the )?scope"], False),
    ("minerals_in_scope", [r"^select the minerals", r"minerals in scope", r"minerals/metals in scope"], False),
    ("company_id", [r"^company unique identifier"], False),
    ("address", [r"^address"], False),
    ("contact_name", [r"^contact name", r"^name of contact"], True),
    ("contact_email", [r"^e-?mail\W*contact", r"^contact e-?mail"], True),
    ("contact_phone", [r"^phone\W*contact", r"^contact (tele)?phone"], True),
    ("authorizer", [r"^authori[sz]er$", r"^authori[sz]er name", r"^name of authori[sz]er", r"^authori[sz]ed by"], True),
    ("authorizer_title", [r"^title\W*authori[sz]er", r"^authori[sz]er title"], False),
    ("authorizer_email", [r"^e-?mail\W*authori[sz]er", r"^authori[sz]er e-?mail"], True),
    ("authorizer_phone", [r"^phone\W*authori[sz]er", r"^authori[sz]er (tele)?phone"], False),
    (
        "completion_date",
        [r"^date of completion", r"^completion date", r"^effective date", r"^authori[sz]ation date"],
        True,
    ),
]
# The template's own (English) labels, shown as the supplier saw them.
FIELD_LABELS = {
    "company_name": "Company Name",
    "declaration_scope": "Declaration Scope or Class",
    "scope_description": "Description of Scope",
    "company_id": "Company Unique Identifier",
    "address": "Address",
    "contact_name": "Contact Name",
    "contact_email": "Email – Contact",
    "contact_phone": "Phone – Contact",
    "authorizer": "Authorizer",
    "authorizer_title": "Title – Authorizer",
    "authorizer_email": "Email – Authorizer",
    "authorizer_phone": "Phone – Authorizer",
    "completion_date": "Date of Completion",
}
# Column headings the templates repeat beside the questions; never an answer.
HEADER_WORDS = {"answer", "answers", "comment", "comments"}
MAX_MINERALS = 10
QUESTION_RE = re.compile(r"^(?:question\s*)?(\d{1,2})\s*[).]\s*(.+)")
COMPANY_QUESTION_RE = re.compile(r"^([a-h])\s*[).]\s+(.+)")


def _first_right(grid: Grid, r: int, c: int, span: int = 5) -> tuple[object, int]:
    for cc in range(c + 1, c + 1 + span):
        value = grid.cell(r, cc)
        if not blank(value):
            return value, cc
    return None, -1


def _matches(label: str, patterns: list[str]) -> bool:
    return any(re.search(p, label) for p in patterns)


def _date(value) -> tuple[str, bool]:
    """(ISO date or the raw text, valid)."""
    if isinstance(value, datetime):
        return value.date().isoformat(), True
    if isinstance(value, date):
        return value.isoformat(), True
    raw = text(value)
    for fmt in ("%d-%b-%Y", "%d-%B-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d %b %Y", "%d-%b-%y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat(), True
        except ValueError:
            continue
    return raw, False


def read_declaration(grid: Grid, result: ParsedWorkbook) -> dict:
    fields: dict[str, str] = {}
    minerals: list[str] = []
    label_col = None
    last_field_row = 0
    for r, row in enumerate(grid.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            label = norm(value)
            for key, patterns, _required in DECLARATION_FIELDS:
                if key in fields or key == "minerals_in_scope" and minerals or not _matches(label, patterns):
                    continue
                if label_col is None or key == "company_name":
                    label_col = c  # the column the template's labels (and its questions) are in
                last_field_row = max(last_field_row, r)
                if key == "minerals_in_scope":
                    # EMRT 2.x and AMRT: one mineral a cell across the row (D12:I12 in EMRT 2.x).
                    minerals = [
                        label_text(v)
                        for v in row[c + 1 : c + 1 + MAX_MINERALS]
                        if data_text(v) and norm(v) not in HEADER_WORDS
                    ]
                    break
                answer, _col = _first_right(grid, r, c)
                if key == "completion_date":
                    iso, valid = _date(answer)
                    fields[key] = iso
                    if answer is not None and not valid:
                        result.problems.append(Problem("invalid_date", WARNING, {"value": iso}))
                else:
                    fields[key] = text(answer)
                break
    if label_col is None and not fields:
        # Not one label matched: the template shows its labels in the language chosen at the top.
        # Not a refusal: the lists may still be readable, and nothing in them depends on the labels.
        result.problems.append(Problem("declaration_not_found", WARNING))
    for key, _patterns, required in DECLARATION_FIELDS:
        fields.setdefault(key, "")
        if required and not fields[key] and label_col is not None:
            result.problems.append(Problem("missing_field", WARNING, {"field": FIELD_LABELS[key]}))
    if "user defined" in fields["declaration_scope"].lower() and not fields["scope_description"]:
        result.problems.append(Problem("missing_field", WARNING, {"field": FIELD_LABELS["scope_description"]}))
    fields.pop("minerals_in_scope", None)

    declared = CMRT_METALS if result.template == CMRT else minerals
    questions, company_questions = _read_questions(grid, label_col, last_field_row)
    _check_answers(questions, company_questions, declared, result)
    return {
        "fields": fields,
        "minerals_in_scope": declared,
        "questions": questions,
        "company_questions": company_questions,
    }


def _metal_answer(row: tuple, start: int) -> dict | None:
    """The metal named in a row of a question block, with its answer and comment."""
    for c in range(start, len(row)):
        value = row[c]
        if blank(value):
            continue
        if norm(value) in METAL_SLUGS:
            rest = [text(v) for v in row[c + 1 :] if not blank(v) and norm(v) not in HEADER_WORDS]
            return {"metal": label_text(value), "answer": rest[0] if rest else "", "comment": " ".join(rest[1:2])}
        return None
    return None


def _read_questions(grid: Grid, label_col: int | None, after_row: int) -> tuple[list[dict], list[dict]]:
    questions: list[dict] = []
    company: list[dict] = []
    current: dict | None = None
    for r in range(after_row + 1, len(grid.rows)):
        row = grid.rows[r]
        columns = [label_col] if label_col is not None else range(len(row))
        started = False
        for c in columns:
            value = grid.cell(r, c)
            if not isinstance(value, str):
                continue
            label = re.sub(r"\s+", " ", value).strip()
            numbered = QUESTION_RE.match(label)
            lettered = COMPANY_QUESTION_RE.match(label.lower())
            if numbered:
                current = {"key": numbered.group(1), "text": label, "answer": "", "comment": "", "answers": []}
                questions.append(current)
            elif lettered:
                current = {"key": lettered.group(1).upper(), "text": label, "answer": "", "comment": "", "answers": []}
                company.append(current)
            else:
                continue
            answer, col = _first_right(grid, r, c)
            if answer is not None and norm(answer) not in METAL_SLUGS and norm(answer) not in HEADER_WORDS:
                current["answer"] = text(answer)
                comment, _col = _first_right(grid, r, col, span=4)
                current["comment"] = text(comment)
            started = True
            break
        if started or current is None:
            continue
        metal_answer = _metal_answer(row, label_col or 0)
        if metal_answer:
            current["answers"].append(metal_answer)
    return questions, company


def _check_answers(questions: list[dict], company: list[dict], declared: list[str], result: ParsedWorkbook) -> None:
    for question in questions + company:
        if norm(question["answer"]) == "unknown":
            result.problems.append(Problem("unknown_answer", WARNING, {"question": question["key"], "metal": ""}))
        for answer in question["answers"]:
            if norm(answer["answer"]) == "unknown":
                result.problems.append(
                    Problem("unknown_answer", WARNING, {"question": question["key"], "metal": answer["metal"]})
                )
    # Questions 1 and 2 are mandatory for every declared metal.
    for question in questions:
        if question["key"] not in ("1", "2"):
            continue
        answered = {norm(a["metal"]) for a in question["answers"] if a["answer"]}
        for metal in declared:
            if norm(metal) not in answered:
                result.problems.append(
                    Problem("missing_answer", WARNING, {"question": question["key"], "metal": metal})
                )


# ---------------------------------------------------------------- smelter and mine lists


def _col(*, starts=(), contains=(), excludes=()):
    def match(label: str) -> bool:
        if any(x in label for x in excludes):
            return False
        if starts and not any(label.startswith(s) for s in starts):
            return False
        return all(x in label for x in contains)

    return match


# Order matters: a column is given to the first matcher that accepts its label.
SMELTER_COLUMNS = [
    ("metal", _col(starts=("metal",))),
    ("lookup", _col(starts=("smelter look-up", "smelter lookup", "smelter look up"))),
    ("name", _col(starts=("smelter name", "smelter or refiner name", "name of smelter"))),
    ("standard_name", _col(starts=("standard smelter name",))),
    ("mine", _col(starts=("name of mine", "mine name"))),
    ("mine_country", _col(contains=("country", "mine"))),
    ("country", _col(contains=("country",), excludes=("code",))),
    ("smelter_id", _col(starts=("smelter identification", "smelter id"), excludes=("input", "source"))),
    ("id_source", _col(starts=("source of smelter identification", "source of smelter id"))),
    ("recycled", _col(contains=("recycled",), excludes=("mine",))),
    ("comment", _col(starts=("comment",))),
]
MINE_COLUMNS = [
    ("metal", _col(starts=("metal",))),
    ("name", _col(starts=("name of smelter", "smelter name"))),
    (
        "mine",
        _col(starts=("mine facility", "mine name", "name of mine"), excludes=("country", "location", "street", "city")),
    ),
    ("mine_country", _col(contains=("country",), excludes=("code",))),
    ("mine_id", _col(starts=("mine identification", "mine id"), excludes=("source",))),
    ("id_source", _col(starts=("source of mine identification", "source of mine id"))),
    ("comment", _col(starts=("comment",))),
]


def _header(grid: Grid, columns, name_key: str) -> tuple[int, dict[str, int]] | None:
    for r in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
        found: dict[str, int] = {}
        for c, value in enumerate(grid.rows[r]):
            if not isinstance(value, str):
                continue
            label = norm(value)
            for key, match in columns:
                if key not in found and match(label):
                    found[key] = c
                    break
        if "metal" in found and name_key in found:
            return r, found
    return None


def read_list(grid: Grid, columns, name_key: str, name_label: str, result: ParsedWorkbook) -> list[SourceRow]:
    header = _header(grid, columns, name_key)
    if header is None:
        result.problems.append(Problem("header_not_found", ERROR, {"sheet": grid.name, "name_column": name_label}))
        return []
    header_row, cols = header
    rows: list[SourceRow] = []
    for r in range(header_row + 1, len(grid.rows)):
        values = {key: data_text(grid.cell(r, c)) for key, c in cols.items()}
        # Pre-formatted rows of the templates carry look-up formulas; a row counts once it names something.
        if not any(values.get(k) for k in ("metal", "name", "mine", "lookup", "standard_name")):
            continue
        rows.append(
            SourceRow(
                sheet=grid.name,
                row=r + 1,
                metal=label_text(values.get("metal", "")),
                refiner=values.get("name", ""),
                typed_name=values.get("name", ""),
                standard_name=values.get("standard_name", ""),
                refiner_id=values.get("smelter_id", "").upper().replace(" ", ""),
                refiner_country=values.get("country", ""),
                id_source=values.get("id_source", ""),
                lookup=values.get("lookup", ""),
                mine=values.get("mine", ""),
                mine_id=values.get("mine_id", ""),
                mine_country=values.get("mine_country", ""),
                recycled=values.get("recycled", ""),
                comment=values.get("comment", ""),
            )
        )
    return rows
