"""CMRT and EMRT workbooks for tests, built with openpyxl after the RMI templates' real layout.

Sheets: Revision, Instructions, Definitions, Declaration, Smelter List, (EMRT 2.x) Mine List,
Product List, Smelter Look-up (hidden), Checker. Declaration labels sit in column B with the
answers in column D; the company block starts at row 8 (CMRT) or 7 (EMRT); the questions
per metal follow (metal name in C, answer in D, comment in E), then the company questions.
Smelter List and Mine List have their header on row 4 and data from row 5.

Options move rows (`shift`), reword labels (`labels`), blank fields (`blank`), answer
"Unknown" (`answers`), put formulas in cells (`formulas`), drop sheets (`drop_sheets`),
so that tests can show the importer finds fields by their label, not by fixed cells.
"""

import io
import zipfile

from openpyxl import Workbook

CMRT_FIELDS = [
    ("company_name", "Company Name (*):", "Nordic Cells AS"),
    ("declaration_scope", "Declaration Scope or Class (*):", "A.  Company"),
    ("scope_description", "Description of Scope:", ""),
    ("company_id", "Company Unique Identifier:", "NO 912 345 678"),
    ("authorization_id", "Company Unique Authorization Identifier:", ""),
    ("address", "Address:", "Industriveien 1, 4020 Stavanger, Norway"),
    ("contact_name", "Contact Name (*):", "Kari Nordmann"),
    ("contact_email", "Email – Contact (*):", "kari@example.com"),
    ("contact_phone", "Phone – Contact (*):", "+47 51 00 00 00"),
    ("authorizer", "Authorizer (*):", "Ola Nordmann"),
    ("authorizer_title", "Title - Authorizer:", "CEO"),
    ("authorizer_email", "Email - Authorizer (*):", "ola@example.com"),
    ("authorizer_phone", "Phone - Authorizer:", ""),
    ("completion_date", "Date of Completion (*):", "15-Mar-2025"),
]

CMRT_QUESTIONS = [
    "Is any 3TG intentionally added or used in the product(s) or in the production process? (*)",
    "Does any 3TG remain in the product(s)? (*)",
    "Do any of the smelters in your supply chain source the 3TG from the covered countries? (SEC term) (*)",
    "Do any of the smelters in your supply chain source the 3TG from conflict-affected and high-risk areas? (*)",
    "Does 100 percent of the 3TG (necessary to the functionality or production of your products) "
    "originate from recycled or scrap sources? (*)",
    "What percentage of relevant suppliers have provided a response to your supply chain survey? (*)",
    "Have you identified all of the smelters supplying the 3TG to your supply chain? (*)",
    "Has all applicable smelter information received by your company been reported in this declaration? (*)",
]
EMRT_QUESTIONS = [
    "Is any of the selected minerals intentionally added or used in the product(s) or in the production process? (*)",
    "Does any of the selected minerals remain in the product(s)? (*)",
    "Do any of the processors in your supply chain source from conflict-affected and high-risk areas? (*)",
    "Does 100 percent of the selected minerals originate from recycled or scrap sources? (*)",
    "What percentage of relevant suppliers have provided a response to your supply chain survey? (*)",
    "Have you identified all of the processors supplying the selected minerals to your supply chain? (*)",
    "Has all applicable processor information received by your company been reported in this declaration? (*)",
]
COMPANY_QUESTIONS = [
    ("A", "Do you have a policy in place that addresses responsible minerals sourcing? (*)", "Yes"),
    ("B", "Is your responsible minerals sourcing policy publicly available on your website? (*)", "Yes"),
    (
        "C",
        "Do you require your direct suppliers to source from smelters whose due diligence practices have been "
        "validated by an independent third-party audit program? (*)",
        "Yes",
    ),
    ("D", "Have you implemented due diligence measures for responsible sourcing? (*)", "Yes"),
    (
        "E",
        "Does your company conduct a supply chain survey of your relevant suppliers? (*)",
        "Yes, in conformance with IPC1755 (e.g. EMRT)",
    ),
    (
        "F",
        "Do you review due diligence information received from your suppliers against your company's expectations? (*)",
        "Yes",
    ),
    ("G", "Does your review process include corrective action management? (*)", "Yes"),
    ("H", "Are you subject to an annual responsible minerals disclosure requirement? (*)", "No"),
]

SMELTER_HEADERS = [
    ("input", "Smelter Identification Number Input Column"),
    ("metal", "Metal (*)"),
    ("lookup", "Smelter Look-up (*)"),
    ("name", "Smelter Name (*)"),
    ("country", "Smelter Country (*)"),
    ("smelter_id", "Smelter Identification"),
    ("id_source", "Source of Smelter Identification Number"),
    ("street", "Smelter Street"),
    ("city", "Smelter City"),
    ("state", "Smelter Facility Location: State / Province (If applicable)"),
    ("contact", "Smelter Contact Name"),
    ("contact_email", "Smelter Contact Email"),
    ("next_steps", "Proposed next steps"),
    ("mine", 'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"'),
    ("mine_country", 'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"'),
    ("recycled", "Does 100% of the smelter's feedstock originate from recycled or scrap sources?"),
    ("comment", "Comments"),
]
MINE_HEADERS = [
    ("metal", "Metal (*)"),
    ("name", "Name of Smelter(s) sourcing from this Mine Facility"),
    ("mine", "Mine Facility (Site) Name"),
    ("mine_id", "Mine Identification (e.g. <CID>)"),
    ("id_source", "Source of Mine Identification Number"),
    ("mine_country", "Mine Country or Area"),
    ("street", "Mine Street"),
    ("city", "Mine City"),
    ("state", "Mine Facility Location: State / Province (If applicable)"),
    ("contact", "Mine Contact Name"),
    ("contact_email", "Mine Contact Email"),
    ("next_steps", "Proposed next steps"),
    ("comment", "Comments"),
]

CMRT_SMELTERS = [
    {
        "metal": "Tin",
        "lookup": "Malaysia Smelting Corporation (MSC)",
        "name": "Malaysia Smelting Corporation (MSC)",
        "country": "Malaysia",
        "smelter_id": "CID001105",
        "id_source": "RMI",
        "mine": "Rahman Hydraulic",
        "mine_country": "Malaysia",
        "recycled": "No",
    },
    {
        "metal": "Tantalum",
        "lookup": "Smelter not listed",
        "name": "Ningxia Orient Tantalum Industry Co., Ltd.",
        "country": "China",
        "smelter_id": "CID001277",
        "id_source": "RMI",
        "mine_country": "Congo, Democratic Republic of the",
    },
    {
        "metal": "Gold",
        "lookup": "Asahi Pretec Corp.",
        "name": "Asahi Pretec Corp.",
        "country": "Japan",
        "smelter_id": "CID000082",
        "id_source": "RMI",
        "mine": "Recycled",
        "mine_country": "Recycled",
        "recycled": "Yes",
    },
    {
        "metal": "Tungsten",
        "lookup": "Wolfram Bergbau und Hütten AG",
        "name": "Wolfram Bergbau und Hütten AG",
        "country": "Austria",
        "smelter_id": "CID002044",
        "id_source": "RMI",
    },
]
EMRT_SMELTERS = [
    {
        "metal": "Cobalt",
        "lookup": "Umicore Finland Oy",
        "name": "Umicore Finland Oy",
        "country": "Finland",
        "smelter_id": "CID002566",
        "id_source": "RMI",
        "mine": "Tenke Fungurume",
        "mine_country": "Congo, Democratic Republic of the",
        "recycled": "No",
    },
    {
        "metal": "Lithium",
        "lookup": "Smelter not listed",
        "name": "Tianqi Lithium Kwinana",
        "country": "Australia",
        "smelter_id": "",
        "mine": "Greenbushes",
        "mine_country": "Australia",
    },
    {
        "metal": "Nickel",
        "lookup": "Smelter not listed",
        "name": "Nikkelverk (Glencore Nikkelverk AS)",
        "country": "Norway",
        "mine": "Raglan",
        "mine_country": "Canada",
    },
    {"metal": "Graphite", "lookup": "Smelter not yet identified", "name": "Unknown", "country": ""},
]
EMRT_MINES = [
    {
        "metal": "Cobalt",
        "name": "Umicore Finland Oy",
        "mine": "Tenke Fungurume",
        "mine_id": "",
        "mine_country": "Congo, Democratic Republic of the",
    },
    {"metal": "Lithium", "name": "Tianqi Lithium Kwinana", "mine": "Salar de Atacama", "mine_country": "Chile"},
]


def _answers_for(questions: int, metals: list[str], answers: dict) -> dict:
    # CMRT asks 8 questions, EMRT 7: the survey-response question is the third from last in both.
    percentage = questions - 2
    result = {}
    for q in range(1, questions + 1):
        for metal in metals:
            default = "100%" if q == percentage else ("Yes" if q in (1, 2, questions - 1, questions) else "No")
            result[(q, metal)] = answers.get((q, metal), default)
    return result


def _declaration(
    ws, *, title, version, top, fields, questions, metals, answers, company, minerals_row, shift, labels, blank
):
    ws["B2"] = title
    ws["B3"] = f"Revision {version}" if version else ""
    ws["B5"] = "Select Your Language Preference Here:"
    ws["D5"] = "English"
    ws["B6"] = (
        "Mandatory fields are noted with an asterisk (*). Consult the instructions tab for guidance on how to answer each question."
    )
    r = top + shift
    for key, label, value in fields:
        if key == "minerals_in_scope" and minerals_row:
            ws.cell(row=r, column=2, value=labels.get(key, label))
            for i, metal in enumerate(metals):
                ws.cell(row=r, column=4 + i, value=metal)
            r += 1
            continue
        ws.cell(row=r, column=2, value=labels.get(key, label))
        if key not in blank:
            ws.cell(row=r, column=4, value=value)
        r += 1
    r += 1
    ws.cell(
        row=r,
        column=2,
        value=f"Answer the following questions 1 - {len(questions)} based on the declaration scope indicated above",
    )
    ws.cell(row=r, column=4, value="Answer")
    ws.cell(row=r, column=5, value="Comments")
    r += 1
    filled = _answers_for(len(questions), metals, answers)
    for q, question in enumerate(questions, start=1):
        ws.cell(row=r, column=2, value=f"{q}) {question}")
        r += 1
        for metal in metals:
            ws.cell(row=r, column=3, value=metal)
            ws.cell(row=r, column=4, value=filled[(q, metal)])
            r += 1
    r += 1
    ws.cell(
        row=r, column=2, value=f"Answer the Company Level Questions (A - {company[-1][0]}) about the declaration scope"
    )
    r += 1
    for letter, question, default in company:
        ws.cell(row=r, column=2, value=f"{letter}. {question}")
        ws.cell(row=r, column=4, value=answers.get(letter, default))
        r += 1


def _list_sheet(ws, headers, rows, *, header_row, labels, row_factory=None):
    ws.cell(row=1, column=1, value="Instructions: select the metal first, then the smelter from the look-up list.")
    for c, (key, label) in enumerate(headers, start=1):
        ws.cell(row=header_row, column=c, value=labels.get(key, label))
    for r, data in enumerate(rows, start=header_row + 1):
        for c, (key, _label) in enumerate(headers, start=1):
            value = data.get(key, "")
            if value != "":
                ws.cell(row=r, column=c, value=value)


def build(
    template: str,
    *,
    version: str,
    smelters=None,
    mines=None,
    metals=None,
    shift: int = 0,
    header_row: int = 4,
    mine_header_row: int = 4,
    labels: dict | None = None,
    list_labels: dict | None = None,
    mine_labels: dict | None = None,
    blank=(),
    answers: dict | None = None,
    values: dict | None = None,
    formulas: dict | None = None,
    drop_sheets=(),
    title: str | None = None,
    version_in_title: bool = True,
    revision_sheet: bool = True,
) -> bytes:
    labels, list_labels, answers, values = labels or {}, list_labels or {}, answers or {}, values or {}
    is_emrt = template == "EMRT"
    wb = Workbook()
    wb.remove(wb.active)
    if revision_sheet:
        rev = wb.create_sheet("Revision")
        rev.append(["Revision", "Date", "Description of changes"])
        older = ["1.3", "2.0"] if is_emrt else ["6.31", "6.4"]
        for number in [*older, version]:
            rev.append([number, "2025", "Updated smelter look-up list"])
    instructions = wb.create_sheet("Instructions")
    instructions["A1"] = "RMI website: (www.responsiblemineralsinitiative.org)"
    instructions["A2"] = "Introduction"
    wb.create_sheet("Definitions")["A1"] = "Definitions"
    decl = wb.create_sheet("Declaration")
    fields = [(k, label, values.get(k, v)) for k, label, v in CMRT_FIELDS]
    if is_emrt:
        fields.insert(3, ("minerals_in_scope", "Select the minerals in scope of your declaration (*):", ""))
    metals = metals or (
        ["Cobalt", "Graphite", "Lithium", "Nickel"] if is_emrt else ["Tantalum", "Tin", "Gold", "Tungsten"]
    )
    default_title = (
        "Extended Minerals Reporting Template (EMRT)" if is_emrt else "Conflict Minerals Reporting Template (CMRT)"
    )
    _declaration(
        decl,
        title=default_title if title is None else title,
        version=version if version_in_title else "",
        top=7 if is_emrt else 8,
        fields=fields,
        questions=EMRT_QUESTIONS if is_emrt else CMRT_QUESTIONS,
        metals=metals,
        answers=answers,
        company=COMPANY_QUESTIONS[:7] if is_emrt else COMPANY_QUESTIONS,
        minerals_row=is_emrt,
        shift=shift,
        labels=labels,
        blank=set(blank),
    )
    smelter_headers = SMELTER_HEADERS + (
        [("combined_metal", "Combined Metal"), ("combined", "Combined Smelter")] if is_emrt and version >= "2.1" else []
    )
    _list_sheet(
        wb.create_sheet("Smelter List"),
        smelter_headers,
        (EMRT_SMELTERS if is_emrt else CMRT_SMELTERS) if smelters is None else smelters,
        header_row=header_row,
        labels=list_labels,
    )
    if is_emrt:
        _list_sheet(
            wb.create_sheet("Mine List"),
            MINE_HEADERS,
            EMRT_MINES if mines is None else mines,
            header_row=mine_header_row,
            labels=mine_labels or {},
        )
    product_list = wb.create_sheet("Product List")
    product_list.append(["Manufacturer's Product Number (*)", "Manufacturer's Product Name", "Comments"])
    lookup = wb.create_sheet("Smelter Look-up")
    lookup.sheet_state = "hidden"
    lookup.append(["Metal", "Smelter Look-up", "Standard Smelter Name", "Country", "Smelter ID"])
    wb.create_sheet("Checker")["A1"] = "Checker"
    for sheet, cells in (formulas or {}).items():
        for ref, formula in cells.items():
            wb[sheet][ref] = formula
    for name in drop_sheets:
        del wb[name]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cmrt(*, version: str = "6.5", **options) -> bytes:
    return build("CMRT", version=version, **options)


def emrt(*, version: str = "2.1", **options) -> bytes:
    return build("EMRT", version=version, **options)


def many_rows(count: int, *, template: str = "CMRT") -> bytes:
    """A workbook with `count` smelter rows, streamed so that building it stays fast."""
    wb = Workbook(write_only=True)
    rev = wb.create_sheet("Revision")
    rev.append(["Revision", "Date"])
    rev.append(["6.5", "2025"])
    decl = wb.create_sheet("Declaration")
    decl.append([])
    decl.append([None, "Conflict Minerals Reporting Template (CMRT)"])
    decl.append([None, "Revision 6.5"])
    smelters = wb.create_sheet("Smelter List")
    smelters.append([])
    smelters.append([])
    smelters.append([])
    smelters.append([label for _key, label in SMELTER_HEADERS])
    for i in range(count):
        smelters.append([None, "Tin", "Smelter not listed", f"Smelter {i}", "China", f"CID{i:06d}"])
    out = io.BytesIO()
    wb.save(out)
    return with_dimensions(out.getvalue(), f"A1:Q{count + 4}")


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one zip part replaced or added (for broken and hostile files)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, part_content in parts.items():
            target.writestr(part, part_content)
    return out.getvalue()


def with_dimensions(data: bytes, ref: str) -> bytes:
    """Add the <dimension> element Excel writes (openpyxl's streaming mode leaves it out)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/") and b"<dimension" not in content:
                for anchor in (b"<sheetViews", b"<sheetFormatPr", b"<sheetData"):
                    if anchor in content:
                        content = content.replace(anchor, f'<dimension ref="{ref}"/>'.encode() + anchor, 1)
                        break
            target.writestr(info.filename, content)
    return out.getvalue()
