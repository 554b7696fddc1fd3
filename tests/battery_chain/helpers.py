"""RMI minerals workbooks for tests, built after the templates' real layout (no RMI or supplier file is used).

Sheets: Revision, Instructions, Definitions, Declaration, Smelter List, (EMRT 2.x) Mine List,
Product List, Smelter Look-up (hidden), Checker, and the hidden translation sheet. As in the
real templates:

- every Declaration label and list header is a formula over the translation sheet (keys such as
  `DeclarationB8`, one column per language) and carries the value Excel cached for the language
  chosen in D5; the workbook is written by openpyxl and the cached values are added afterwards
  to the sheet XML (openpyxl cannot write them), so a reader sees both the formula and its value;
- in the Smelter List the supplier picks a smelter in the look-up column C and leaves the name
  column D empty; country, smelter ID and the hidden "Standard Smelter Name" column (R) are
  formulas over the Smelter Look-up sheet, which holds a small reference list;
- pre-formatted rows below the data carry formulas whose cached values are "" or 0;
- EMRT 2.x asks "Select Minerals/Metals in Scope (*):" on row 12 with the answers across D12:I12.

Options move rows (`shift`), reword labels (`labels`), blank fields (`blank`), answer
"Unknown" (`answers`), put uncalculated formulas in cells (`formulas`), drop sheets
(`drop_sheets`), choose the template language (`language`) and so on, so that tests can show
the importer finds fields by their meaning, not by fixed cells or English words.
"""

import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

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


AMRT_SMELTERS = [
    {"metal": "Copper", "lookup": "Smelter not listed", "name": "Fjordkobber AS", "country": "Norway"},
    {"metal": "Silver", "lookup": "Smelter not listed", "name": "Sølvverket AS", "country": "Norway"},
]


STANDARD_NAME_HEADER = "Standard Smelter Name"
STANDARD_NAME_COLUMN = len(SMELTER_HEADERS) + 1  # R: hidden, right of Comments
LOOKUP_HEADERS = [
    "Metal",
    "Smelter Look-up",
    "Standard Smelter Name",
    "Smelter Facility Location: Country",
    "Smelter ID",
    "Source of Smelter ID",
    "Smelter Street",
    "Smelter City",
    "Smelter Facility Location: State / Province",
]
LANGUAGES = ["English", "中文", "Deutsch"]
TRANSLATION_SHEET = "Translation"

# The labels of the templates in two more languages, in our own words (keys are looked up by English text).
GERMAN = {
    "Conflict Minerals Reporting Template (CMRT)": "Berichtsvorlage für Konfliktmineralien (CMRT)",
    "Extended Minerals Reporting Template (EMRT)": "Erweiterte Berichtsvorlage für Mineralien (EMRT)",
    "Select Your Language Preference Here:": "Wählen Sie hier Ihre Sprache:",
    "Company Name (*):": "Name des Unternehmens (*):",
    "Declaration Scope or Class (*):": "Umfang der Erklärung (*):",
    "Description of Scope:": "Beschreibung des Umfangs:",
    "Select Minerals/Metals in Scope (*):": "Mineralien/Metalle im Umfang auswählen (*):",
    "Select the minerals in scope of your declaration (*):": "Mineralien im Umfang der Erklärung (*):",
    "Company Unique Identifier:": "Eindeutige Kennung des Unternehmens:",
    "Company Unique Authorization Identifier:": "Eindeutige Autorisierungskennung:",
    "Address:": "Anschrift:",
    "Contact Name (*):": "Name der Kontaktperson (*):",
    "Email – Contact (*):": "E-Mail der Kontaktperson (*):",
    "Phone – Contact (*):": "Telefon der Kontaktperson (*):",
    "Authorizer (*):": "Bevollmächtigte Person (*):",
    "Title - Authorizer:": "Funktion der bevollmächtigten Person:",
    "Email - Authorizer (*):": "E-Mail der bevollmächtigten Person (*):",
    "Phone - Authorizer:": "Telefon der bevollmächtigten Person:",
    "Date of Completion (*):": "Datum der Fertigstellung (*):",
    "Answer": "Antwort",
    "Comments": "Kommentare",
    "Yes": "Ja",
    "No": "Nein",
    "Unknown": "Unbekannt",
    "A.  Company": "A. Unternehmen",
    "Tantalum": "Tantal",
    "Tin": "Zinn",
    "Tungsten": "Wolfram",
    "Cobalt": "Kobalt",
    "Graphite": "Graphit",
    "Lithium": "Lithium ",
    "Nickel": "Nickel ",
    "Gold": "Gold ",
    "Smelter Identification Number Input Column": "Eingabespalte Schmelzhütten-ID",
    "Metal (*)": "Metall (*)",
    "Smelter Look-up (*)": "Schmelzhütte nachschlagen (*)",
    "Smelter Name (*)": "Name der Schmelzhütte (*)",
    "Smelter Country (*)": "Land der Schmelzhütte (*)",
    "Smelter Identification": "Kennung der Schmelzhütte",
    "Source of Smelter Identification Number": "Quelle der Kennung",
    STANDARD_NAME_HEADER: "Standardname der Schmelzhütte",
    "Name of Smelter(s) sourcing from this Mine Facility": "Schmelzhütten, die aus dieser Mine beziehen",
    "Mine Facility (Site) Name": "Name der Mine",
    "Mine Country or Area": "Land oder Gebiet der Mine",
    "Comments ": "Kommentare ",
}
CHINESE = {
    "Select Your Language Preference Here:": "在此选择语言：",
    "Company Name (*):": "公司名称 (*)：",
    "Declaration Scope or Class (*):": "申报范围或类别 (*)：",
    "Description of Scope:": "范围说明：",
    "Select Minerals/Metals in Scope (*):": "选择范围内的矿产/金属 (*)：",
    "Select the minerals in scope of your declaration (*):": "选择申报范围内的矿产 (*)：",
    "Company Unique Identifier:": "公司唯一识别码：",
    "Company Unique Authorization Identifier:": "公司唯一授权识别码：",
    "Address:": "地址：",
    "Contact Name (*):": "联系人姓名 (*)：",
    "Email – Contact (*):": "联系人电子邮件 (*)：",
    "Phone – Contact (*):": "联系人电话 (*)：",
    "Authorizer (*):": "授权人 (*)：",
    "Title - Authorizer:": "授权人职务：",
    "Email - Authorizer (*):": "授权人电子邮件 (*)：",
    "Phone - Authorizer:": "授权人电话：",
    "Date of Completion (*):": "完成日期 (*)：",
    "Answer": "回答",
    "Comments": "备注",
    "Yes": "是",
    "No": "否",
    "Unknown": "未知",
    "Tantalum": "钽",
    "Tin": "锡",
    "Tungsten": "钨",
    "Gold": "金",
    "Cobalt": "钴",
    "Smelter Identification Number Input Column": "冶炼厂识别号码输入栏",
    "Metal (*)": "金属 (*)",
    "Smelter Look-up (*)": "冶炼厂查找 (*)",
    "Smelter Name (*)": "冶炼厂名称 (*)",
    "Smelter Country (*)": "冶炼厂国家 (*)",
    "Smelter Identification": "冶炼厂识别号码",
    STANDARD_NAME_HEADER: "标准冶炼厂名称",
}
TRANSLATED = {"Deutsch": GERMAN, "中文": CHINESE}


# A small reference list in the style of RMI's (names and IDs are made up except where they
# repeat the rows above); the look-up name can be an alias of the standard name.
def _reference_for(rows: list[dict]) -> list[dict]:
    entries = []
    for row in rows:
        listed = row.get("lookup") and row["lookup"] not in ("Smelter not listed", "Smelter not yet identified")
        # A smelter typed in as "not listed" may still be on RMI's list under its own name.
        if row.get("metal") and (listed or (row.get("name") and row.get("smelter_id"))):
            entries.append(
                {
                    "metal": row["metal"],
                    "lookup": row["lookup"] if listed else row["name"],
                    "standard_name": row.get("name") or row["lookup"],
                    "country": row.get("country", ""),
                    "smelter_id": row.get("smelter_id", ""),
                    "source": "RMI",
                }
            )
    return entries


EXTRA_REFERENCE = [
    {
        "metal": "Tin",
        "lookup": "Nordkapp Tinnverk",
        "standard_name": "Nordkapp Tinnverk AS",
        "country": "Norway",
        "smelter_id": "CID009001",
        "source": "RMI",
    },
    {
        "metal": "Gold",
        "lookup": "Fjellgull Raffineri",
        "standard_name": "Fjellgull Raffineri AS",
        "country": "Norway",
        "smelter_id": "CID009002",
        "source": "RMI",
    },
]


def smelter_set(count: int, *, metals=("Tin", "Tantalum", "Tungsten", "Gold")) -> tuple[list[dict], list[dict]]:
    """(reference entries, Smelter List rows) for `count` smelters picked by look-up only, no names typed.

    The look-up name is a short alias; the standard name the look-up resolves to is the long one.
    """
    countries = ["China", "Malaysia", "Indonesia", "Brazil", "Japan", "Germany", "Peru", "Thailand"]
    reference, rows = [], []
    for i in range(count):
        metal = metals[i % len(metals)]
        entry = {
            "metal": metal,
            "lookup": f"{metal} Works {i + 1:02d}",
            "standard_name": f"{metal} Works {i + 1:02d} Refining Co., Ltd.",
            "country": countries[i % len(countries)],
            "smelter_id": f"CID{900100 + i:06d}",
            "source": "RMI",
        }
        reference.append(entry)
        rows.append({"metal": metal, "lookup": entry["lookup"]})
    return reference, rows


# ---------------------------------------------------------------- cells with formulas and cached values


class Cells:
    """Collects formula cells (sheet title → ref → (formula, cached value)) for `with_cached_formulas`."""

    def __init__(self):
        self.formulas: dict[str, dict[str, tuple[str, object]]] = {}

    def put(self, ws, row: int, column: int, formula: str, cached) -> None:
        # The cached value is written now, so that openpyxl stores the cell; the XML is patched on save.
        ref = f"{get_column_letter(column)}{row}"
        ws[ref] = "" if cached is None else cached
        self.formulas.setdefault(ws.title, {})[ref] = (formula, cached)


def with_cached_formulas(data: bytes, sheet_titles: list[str], formulas: dict, *, cached: bool = True) -> bytes:
    """Rewrite the listed cells as Excel stores them: the formula in <f>, the last calculated value in <v>.

    With cached=False the values are left out, as in a file written by a program that never calculated it.
    """
    parts = {f"xl/worksheets/sheet{i}.xml": title for i, title in enumerate(sheet_titles, start=1)}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            cells = formulas.get(parts.get(info.filename, ""), {})
            if cells:
                xml = content.decode("utf-8")
                for ref, (formula, value) in cells.items():
                    xml = _patch_cell(xml, ref, formula, value, cached_value=cached)
                content = xml.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def _patch_cell(xml: str, ref: str, formula: str, cached, *, cached_value: bool = True) -> str:
    pattern = re.compile(rf'<c r="{ref}"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)', re.S)
    match = pattern.search(xml)
    if match is None:
        raise AssertionError(f"cell {ref} was not written")
    style = re.search(r'\ss="\d+"', match.group("attrs"))
    style = style.group(0) if style else ""
    f = f"<f>{escape(formula.removeprefix('='))}</f>"
    if not cached_value:
        return xml[: match.start()] + f'<c r="{ref}"{style}>{f}</c>' + xml[match.end() :]
    if isinstance(cached, (int, float)) and not isinstance(cached, bool):
        cell = f'<c r="{ref}"{style}>{f}<v>{cached}</v></c>'
    else:
        cell = f'<c r="{ref}"{style} t="str">{f}<v>{escape(str(cached or ""))}</v></c>'
    return xml[: match.start()] + cell + xml[match.end() :]


class Labels:
    """Writes labels as formulas over the translation sheet, cached in the chosen language."""

    def __init__(self, cells: Cells, language: str):
        self.cells, self.language = cells, language
        self.rows: dict[str, str] = {}  # key → English text
        self.own: dict[str, dict[str, str]] = {}  # key → language → text, for labels with a wording of their own

    def translate(self, english: str, key: str = "") -> str:
        if self.language == "English":
            return english
        return self.own.get(key, {}).get(self.language) or TRANSLATED[self.language].get(english, english)

    def choice(self, english: str) -> str:
        """A value picked from one of the template's lists (answers, scope): translated through the table too."""
        if english:
            self.rows.setdefault(f"List{re.sub(r'[^A-Za-z0-9]', '', english)}", english)
        return self.translate(english)

    def put(self, ws, row: int, column: int, english: str, key: str | None = None, own: dict | None = None) -> None:
        key = key or f"{ws.title.replace(' ', '')}{get_column_letter(column)}{row}"
        self.rows.setdefault(key, english)
        if own:
            self.own[key] = own
        formula = (
            f'=IFERROR(VLOOKUP("{key}",{TRANSLATION_SHEET}!$A:$D,MATCH(Declaration!$D$5,{TRANSLATION_SHEET}!$1:$1,0),'
            f'FALSE),"")'
        )
        self.cells.put(ws, row, column, formula, self.translate(english, key))

    def sheet(self, wb) -> None:
        ws = wb.create_sheet(TRANSLATION_SHEET)
        ws.sheet_state = "hidden"
        ws.append(["Key", *LANGUAGES])
        for key, english in self.rows.items():
            ws.append(
                [
                    key,
                    english,
                    *(
                        self.own.get(key, {}).get(lang) or TRANSLATED[lang].get(english, english)
                        for lang in LANGUAGES[1:]
                    ),
                ]
            )


# ---------------------------------------------------------------- sheets


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
    ws,
    text: Labels,
    *,
    title,
    version,
    top,
    fields,
    questions,
    metals,
    answers,
    company,
    minerals_row,
    shift,
    labels,
    blank,
    answer_headers,
    metal_marker,
):
    text.put(ws, 2, 2, title, key="DeclarationTitle")
    ws["B3"] = f"Revision {version}" if version else ""
    text.put(ws, 5, 2, "Select Your Language Preference Here:", key="DeclarationB5")
    ws["D5"] = text.language
    ws["B6"] = (
        "Mandatory fields are noted with an asterisk (*). Consult the instructions tab for guidance on how to answer each question."
    )
    r = top + shift
    for key, label, value in fields:
        label = labels.get(key, label)
        text.put(ws, r, 2, label, key=f"DeclarationB{r - shift}")
        if key == "minerals_in_scope" and minerals_row:
            # Answers across D:I, one mineral a cell.
            for i, metal in enumerate(metals):
                ws.cell(row=r, column=4 + i, value=metal)
        elif key not in blank and value:
            ws.cell(row=r, column=4, value=text.choice(value) if key == "declaration_scope" else value)
        r += 1
    r += 1
    ws.cell(
        row=r,
        column=2,
        value=f"Answer the following questions 1 - {len(questions)} based on the declaration scope indicated above",
    )
    text.put(ws, r, 4, "Answer", key="DeclarationAnswerHeader")
    text.put(ws, r, 5, "Comments", key="DeclarationCommentsHeader")
    r += 1
    filled = _answers_for(len(questions), metals, answers)
    for q, question in enumerate(questions, start=1):
        own = {"Deutsch": f"{q}) Frage {q} der Erklärung (*)", "中文": f"{q}) 申报问题 {q} (*)"}
        text.put(ws, r, 2, f"{q}) {question}", key=f"DeclarationQuestion{q}", own=own)
        if answer_headers:
            # EMRT 2.x repeats the column headers on every question row.
            text.put(ws, r, 4, "Answer", key="DeclarationAnswerHeader")
            text.put(ws, r, 5, "Comments", key="DeclarationCommentsHeader")
        r += 1
        for metal in metals:
            text.put(ws, r, 3, f"{metal}{metal_marker}" if metal_marker else metal, key=f"DeclarationMetal{metal}")
            ws.cell(row=r, column=4, value=text.choice(filled[(q, metal)]))
            r += 1
    r += 1
    ws.cell(
        row=r, column=2, value=f"Answer the Company Level Questions (A - {company[-1][0]}) about the declaration scope"
    )
    r += 1
    for letter, question, default in company:
        own = {"Deutsch": f"{letter}. Frage {letter} zum Unternehmen (*)", "中文": f"{letter}. 公司问题 {letter} (*)"}
        text.put(ws, r, 2, f"{letter}. {question}", key=f"DeclarationCompany{letter}", own=own)
        ws.cell(row=r, column=4, value=text.choice(answers.get(letter, default)))
        r += 1


def _list_sheet(ws, text: Labels, headers, rows, *, header_row, labels, cells: Cells, reference=None, preformatted=0):
    ws.cell(row=1, column=1, value="Instructions: select the metal first, then the smelter from the look-up list.")
    for c, (key, label) in enumerate(headers, start=1):
        text.put(ws, header_row, c, labels.get(key, label), key=f"{ws.title.replace(' ', '')}{get_column_letter(c)}4")
    columns = {key: c for c, (key, _label) in enumerate(headers, start=1)}
    by_lookup = {(e["metal"], e["lookup"]): e for e in (reference or [])}
    last = header_row
    for r, data in enumerate(rows, start=header_row + 1):
        last = r
        for key, c in columns.items():
            value = data.get(key, "")
            if value != "":
                ws.cell(row=r, column=c, value=value)
        if reference is None:
            continue
        # Country, smelter ID and the standard name follow from the look-up choice by formula.
        entry = by_lookup.get((data.get("metal"), data.get("lookup")))
        lookup_ref = f"$C{r}"
        for key, field_name in (("country", "country"), ("smelter_id", "smelter_id"), ("id_source", "source")):
            if key not in data:
                cached = entry[field_name] if entry else ""
                cells.put(ws, r, columns[key], _lookup_formula(lookup_ref, field_name), cached)
        cached = data.get("standard_name", entry["standard_name"] if entry else "")
        cells.put(ws, r, STANDARD_NAME_COLUMN, _lookup_formula(lookup_ref, "standard_name"), cached)
    for r in range(last + 1, last + 1 + preformatted):
        # Pre-formatted rows of the template: the formulas are there, with nothing to look up.
        cells.put(ws, r, STANDARD_NAME_COLUMN, _lookup_formula(f"$C{r}", "standard_name"), 0)
        if "smelter_id" in columns:
            cells.put(ws, r, columns["smelter_id"], _lookup_formula(f"$C{r}", "smelter_id"), "")


def _lookup_formula(ref: str, field_name: str) -> str:
    column = {"standard_name": 3, "country": 4, "smelter_id": 5, "source": 6}[field_name]
    return f"=IFERROR(VLOOKUP({ref},'Smelter Look-up'!$B:$I,{column - 1},FALSE),\"\")"


def _lookup_sheet(wb, reference: list[dict]) -> None:
    ws = wb.create_sheet("Smelter Look-up")
    ws.sheet_state = "hidden"
    ws.append(LOOKUP_HEADERS)
    for entry in reference:
        ws.append(
            [
                entry["metal"],
                entry["lookup"],
                entry["standard_name"],
                entry.get("country", ""),
                entry.get("smelter_id", ""),
                entry.get("source", "RMI"),
                entry.get("street", ""),
                entry.get("city", ""),
                entry.get("state", ""),
            ]
        )
    for metal in sorted({e["metal"] for e in reference}):
        ws.append([metal, "Smelter not listed", "", "", "", "", "", "", ""])
        ws.append([metal, "Smelter not yet identified", "", "", "", "", "", "", ""])


TITLES = {
    "CMRT": "Conflict Minerals Reporting Template (CMRT)",
    "EMRT": "Extended Minerals Reporting Template (EMRT)",
    "CRT": "Cobalt Reporting Template (CRT)",
    "AMRT": "Additional Minerals Reporting Template (AMRT)",
}
OLDER_VERSIONS = {"CMRT": ["6.31", "6.4"], "EMRT": ["1.3", "2.0"], "CRT": ["2.1"], "AMRT": ["1.1"]}
DEFAULT_METALS = {
    "CMRT": ["Tantalum", "Tin", "Gold", "Tungsten"],
    "EMRT": ["Cobalt", "Graphite", "Lithium", "Nickel"],
    "CRT": ["Cobalt"],
    "AMRT": ["Aluminum", "Copper", "Silver", "Zinc"],
}


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
    language: str = "English",
    reference: list[dict] | None = None,
    preformatted: int = 3,
    mine_list: bool | None = None,
    cached_values: bool = True,
    released=None,
) -> bytes:
    labels, list_labels, answers, values = labels or {}, list_labels or {}, answers or {}, values or {}
    is_emrt = template == "EMRT"
    emrt_2 = is_emrt and version.split(".")[0] >= "2"
    cells = Cells()
    text = Labels(cells, language)
    wb = Workbook()
    wb.remove(wb.active)
    if revision_sheet:
        rev = wb.create_sheet("Revision")
        rev.append(["Revision", "Date", "Description of changes"])
        for number in OLDER_VERSIONS[template]:
            rev.append([number, "2024", "Updated smelter look-up list"])
        rev.append([version, released or "2025", "Updated smelter look-up list"])
        # The Revision sheet of every template points to RMI's site, whose addresses name the CMRT.
        rev.append(["", "", "Questions: www.responsiblemineralsinitiative.org/cmrt-faq/"])
    instructions = wb.create_sheet("Instructions")
    instructions["A1"] = "RMI website: (www.responsiblemineralsinitiative.org)"
    instructions["A2"] = "Introduction"
    if template == "AMRT":
        instructions["A3"] = (
            "Use the Conflict Minerals Reporting Template (CMRT) for 3TG and this template for other minerals."
        )
    wb.create_sheet("Definitions")["A1"] = "Definitions"
    decl = wb.create_sheet("Declaration")
    fields = [(k, label, values.get(k, v)) for k, label, v in CMRT_FIELDS]
    with_scope_row = template in ("EMRT", "AMRT")
    if with_scope_row:
        # EMRT 2.x (and AMRT) ask for the minerals on row 12; EMRT 1.x on row 10 with the older wording.
        if emrt_2 or template == "AMRT":
            fields.insert(5, ("minerals_in_scope", "Select Minerals/Metals in Scope (*):", ""))
        else:
            fields.insert(3, ("minerals_in_scope", "Select the minerals in scope of your declaration (*):", ""))
    metals = metals or DEFAULT_METALS[template]
    _declaration(
        decl,
        text,
        title=TITLES[template] if title is None else title,
        version=version if version_in_title else "",
        top=7 if template != "CMRT" else 8,
        fields=fields,
        questions=CMRT_QUESTIONS if template == "CMRT" else EMRT_QUESTIONS,
        metals=metals,
        answers=answers,
        company=COMPANY_QUESTIONS if template == "CMRT" else COMPANY_QUESTIONS[:7],
        minerals_row=with_scope_row,
        shift=shift,
        labels=labels,
        blank=set(blank),
        answer_headers=emrt_2,
        metal_marker=" (*)" if emrt_2 else "",
    )
    default_rows = {"CMRT": CMRT_SMELTERS, "EMRT": EMRT_SMELTERS, "CRT": EMRT_SMELTERS[:1], "AMRT": AMRT_SMELTERS}
    rows = default_rows[template] if smelters is None else smelters
    reference = _reference_for(rows) + EXTRA_REFERENCE if reference is None else reference
    smelter_headers = SMELTER_HEADERS + [("standard_name", STANDARD_NAME_HEADER)]
    smelter_sheet = wb.create_sheet("Smelter List")
    _list_sheet(
        smelter_sheet,
        text,
        smelter_headers,
        rows,
        header_row=header_row,
        labels=list_labels,
        cells=cells,
        reference=reference,
        preformatted=preformatted,
    )
    smelter_sheet.column_dimensions[get_column_letter(STANDARD_NAME_COLUMN)].hidden = True
    if is_emrt and version >= "2.1":
        # 2.1 added the combined-metal columns, right of the hidden one.
        smelter_sheet.cell(row=header_row, column=STANDARD_NAME_COLUMN + 1, value="Combined Metal")
        smelter_sheet.cell(row=header_row, column=STANDARD_NAME_COLUMN + 2, value="Combined Smelter")
    if (is_emrt or template == "AMRT") if mine_list is None else mine_list:
        _list_sheet(
            wb.create_sheet("Mine List"),
            text,
            MINE_HEADERS,
            (EMRT_MINES if is_emrt else []) if mines is None else mines,
            header_row=mine_header_row,
            labels=mine_labels or {},
            cells=cells,
        )
    product_list = wb.create_sheet("Product List")
    product_list.append(["Manufacturer's Product Number (*)", "Manufacturer's Product Name", "Comments"])
    _lookup_sheet(wb, reference)
    wb.create_sheet("Checker")["A1"] = "Checker"
    text.sheet(wb)
    for sheet, sheet_cells in (formulas or {}).items():
        for ref, formula in sheet_cells.items():
            wb[sheet][ref] = formula
            cells.formulas.get(sheet, {}).pop(ref, None)
    for name in drop_sheets:
        del wb[name]
        cells.formulas.pop(name, None)
    out = io.BytesIO()
    wb.save(out)
    return with_cached_formulas(out.getvalue(), wb.sheetnames, cells.formulas, cached=cached_values)


def cmrt(*, version: str = "6.5", **options) -> bytes:
    return build("CMRT", version=version, **options)


def emrt(*, version: str = "2.1", **options) -> bytes:
    return build("EMRT", version=version, **options)


def crt(*, version: str = "2.2", **options) -> bytes:
    return build("CRT", version=version, **options)


def amrt(*, version: str = "1.3", **options) -> bytes:
    return build("AMRT", version=version, **options)


def cmrt_by_lookup(count: int = 40, *, version: str = "6.4", **options) -> bytes:
    """A CMRT 6.4-style file with `count` smelters picked in the look-up column and no names typed."""
    reference, rows = smelter_set(count)
    return cmrt(version=version, smelters=rows, reference=reference + EXTRA_REFERENCE, **options)


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


def preview_of(data: bytes, product):
    """The import preview of workbook bytes `data` for `product`'s first pack."""
    from battery_chain.minerals.parser import parse_workbook
    from battery_chain.minerals.report import build_preview

    return build_preview(parse_workbook(data), product=product, pack=product.packs.get())
