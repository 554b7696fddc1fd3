"""Reading CMRT and EMRT workbooks: fields found by label across versions, and the validation report."""

import pytest

from tests.battery_chain import helpers as workbooks
from tests.battery_chain.helpers import preview_of
from tests.factories import minerals_materials, minerals_product

pytestmark = pytest.mark.django_db


def codes(preview):
    return [p["code"] for p in preview.problems]


def test_cmrt_6_5_with_shifted_rows_and_reworded_labels(product):
    data = workbooks.cmrt(
        version="6.5",
        shift=3,
        header_row=6,
        labels={
            "company_name": "  COMPANY   name (*) :",
            "completion_date": "Date of completion:",
            "contact_email": "E-mail - Contact (*):",
        },
        list_labels={"name": "Smelter Name (1)", "country": "Smelter  Country"},
    )
    preview = preview_of(data, product)
    parsed = preview.parsed
    assert (parsed.template, parsed.version) == ("CMRT", "6.5")
    fields = parsed.declaration["fields"]
    assert fields["company_name"] == "Nordic Cells AS"
    assert fields["contact_email"] == "kari@example.com"
    assert fields["declaration_scope"] == "A. Company"
    assert parsed.completed_on.isoformat() == "2025-03-15"
    assert [s.refiner for s in parsed.smelters][:2] == [
        "Malaysia Smelting Corporation (MSC)",
        "Ningxia Orient Tantalum Industry Co., Ltd.",
    ]
    assert [len(q["answers"]) for q in parsed.declaration["questions"]] == [4] * 8
    assert [q["key"] for q in parsed.declaration["company_questions"]] == list("ABCDEFGH")
    assert preview.problems == []
    tin = next(line for line in preview.lines if line.material.slug == "tinn")
    assert (tin.refiner_id, tin.refiner_country.code, tin.mine_country.code) == ("CID001105", "MY", "MY")
    tantalum = next(line for line in preview.lines if line.material.slug == "tantal")
    assert tantalum.mine_country.code == "CD"  # "Congo, Democratic Republic of the"
    assert {line.source for line in preview.lines} == {"cmrt"}
    assert {line.source_date.isoformat() for line in preview.lines} == {"2025-03-15"}


def test_emrt_2_1_version_from_the_revision_sheet_and_mine_list(product):
    data = workbooks.emrt(
        version="2.1",
        version_in_title=False,
        shift=2,
        header_row=5,
        mine_header_row=3,
        list_labels={"country": "Smelter Facility Location: Country (*)"},
        mine_labels={"mine": "Mine Facility Name", "mine_country": "Mine Facility Location (Country)"},
    )
    preview = preview_of(data, product)
    parsed = preview.parsed
    # The Revision sheet lists 1.3 and 2.0 too; the newest is the template's version.
    assert (parsed.template, parsed.version) == ("EMRT", "2.1")
    assert parsed.declaration["minerals_in_scope"] == ["Cobalt", "Graphite", "Lithium", "Nickel"]
    assert len(parsed.smelters) == 4 and len(parsed.mines) == 2
    by_mine = {line.mine: line for line in preview.lines}
    assert by_mine["Salar de Atacama"].mine_country.code == "CL"
    assert by_mine["Salar de Atacama"].material.slug == "litium"
    assert by_mine["Raglan"].refiner_country.code == "NO"
    # The Mine List repeats Tenke Fungurume for the same smelter: one line, not two, and the merge is listed.
    assert sum(1 for line in preview.lines if line.mine == "Tenke Fungurume") == 1
    assert {line.source for line in preview.lines} == {"emrt"}
    # The graphite smelter is "Smelter not yet identified".
    assert codes(preview) == ["smelter_not_identified", "merged_rows"]
    merged = next(p for p in preview.messages if p["code"] == "merged_rows")
    assert "Smelter List rad 6 og Mine List rad 4" in merged["message"]
    assert "Umicore Finland Oy · CID002566 · Tenke Fungurume" in merged["message"]


def test_emrt_2_0_without_combined_columns_reads_the_same(product):
    preview = preview_of(workbooks.emrt(version="2.0"), product)
    assert (preview.parsed.template, preview.parsed.version) == ("EMRT", "2.0")
    assert len(preview.lines) == 5


def test_blank_required_fields_are_reported(product):
    data = workbooks.cmrt(blank=["company_name", "authorizer", "completion_date"])
    preview = preview_of(data, product)
    missing = {p["params"]["field"] for p in preview.problems if p["code"] == "missing_field"}
    assert missing == {"Company Name", "Authorizer", "Date of Completion"}
    assert not preview.blocked
    assert preview.parsed.completed_on is None


def test_invalid_completion_date_is_reported(product):
    preview = preview_of(workbooks.cmrt(values={"completion_date": "sometime in March"}), product)
    assert "invalid_date" in codes(preview)


def test_unknown_answers_are_reported_per_question_and_metal(product):
    data = workbooks.emrt(answers={(3, "Cobalt"): "Unknown", (6, "Lithium"): "unknown", "D": "Unknown"})
    preview = preview_of(data, product)
    unknown = [
        (p["params"]["question"], p["params"]["metal"]) for p in preview.problems if p["code"] == "unknown_answer"
    ]
    assert unknown == [("3", "Cobalt"), ("6", "Lithium"), ("D", "")]
    assert any("Spørsmål 3 (Cobalt)" in m["message"] for m in preview.messages)


def test_unknown_country_is_reported_and_the_line_kept_without_country(product):
    smelters = [
        {
            "metal": "Cobalt",
            "name": "Umicore Finland Oy",
            "country": "Atlantis",
            "mine": "Kisanfu",
            "mine_country": "Unknown",
        },
        {
            "metal": "Lithium",
            "name": "Albemarle Kings Mountain",
            "country": "United States of America",
            "mine_country": "Recycled",
        },
    ]
    preview = preview_of(workbooks.emrt(smelters=smelters, mines=[]), product)
    unknown = [p["params"] for p in preview.problems if p["code"] == "unknown_country"]
    assert unknown == [{"value": "Atlantis", "sheet": "Smelter List", "row": 5}]
    assert [p["params"]["value"] for p in preview.problems if p["code"] == "unknown_origin"] == ["Unknown"]
    cobalt = next(line for line in preview.lines if line.refiner == "Umicore Finland Oy")
    assert not cobalt.refiner_country and not cobalt.mine_country
    assert "no_mines" in codes(preview)


def test_metal_without_raw_material_is_reported_not_crashed(org):
    minerals_materials(without=["nikkel", "naturlig-grafitt"])
    product = minerals_product(org)
    preview = preview_of(workbooks.emrt(), product)
    missing = {p["params"]["metal"]: p["params"]["count"] for p in preview.problems if p["code"] == "material_missing"}
    assert missing == {"Nickel": 1, "Graphite": 1}
    assert {line.material.slug for line in preview.lines} == {"kobolt", "litium"}


def test_empty_smelter_and_mine_lists_are_reported(product):
    preview = preview_of(workbooks.emrt(smelters=[], mines=[]), product)
    assert {"no_smelters", "no_mines"} <= set(codes(preview))
    assert preview.lines == []


def test_formulas_without_calculated_values_block_the_import(product):
    data = workbooks.cmrt(formulas={"Declaration": {"D8": '=CONCATENATE("Nordic", " Cells")'}}, cached_values=False)
    preview = preview_of(data, product)
    assert preview.blocked
    problem = next(p for p in preview.messages if p["code"] == "formulas_without_values")
    assert "Declaration!D8" in problem["message"]


def test_a_workbook_without_a_template_title_is_blocked(product):
    data = workbooks.cmrt(title="Supplier questionnaire", version_in_title=False, revision_sheet=False)
    preview = preview_of(data, product)
    assert preview.blocked and "template_unknown" in codes(preview)


def test_an_old_major_version_is_read_with_a_warning(product):
    preview = preview_of(workbooks.cmrt(version="5.12"), product)
    assert preview.parsed.version == "5.12"
    assert "version_untested" in codes(preview)
    assert not preview.blocked


def test_missing_smelter_header_is_an_error(product):
    data = workbooks.cmrt(list_labels={"metal": "Element", "name": "Facility"})
    preview = preview_of(data, product)
    assert preview.blocked and "header_not_found" in codes(preview)


def test_declaration_in_an_unknown_language_is_a_warning_not_a_list_of_missing_fields(product):
    # Labels no translation table explains: the lists are still read; the Declaration is reported empty.
    german = {key: f"Feld {i} (*):" for i, (key, _label, _value) in enumerate(workbooks.CMRT_FIELDS)}
    preview = preview_of(workbooks.cmrt(labels=german), product)
    assert not preview.blocked and len(preview.lines) == 4
    assert "declaration_not_found" in codes(preview) and "missing_field" not in codes(preview)


def test_look_up_errors_and_formula_only_rows_are_not_smelters(product):
    smelters = [
        {"metal": "Tin", "name": "Thaisarco", "country": "Thailand", "smelter_id": "CID001898"},
        {"lookup": "#N/A", "smelter_id": "#N/A", "country": "#N/A"},
        {"metal": "Gold", "name": "Umicore SA", "country": "#N/A"},
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters), product)
    assert [s.refiner for s in preview.parsed.smelters] == ["Thaisarco", "Umicore SA"]
    assert preview.parsed.smelters[1].refiner_country == ""
    assert preview.problems == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Congo, Democratic Republic of the", "CD"),
        ("Korea, Republic of", "KR"),
        ("Taiwan, Province of China", "TW"),
        ("Tanzania, United Republic of", "TZ"),
        ("Russian Federation", "RU"),
        ("Viet Nam", "VN"),
        ("  china ", "CN"),
        ("Chile", "CL"),
        ("CN", "CN"),
        ("Atlantis", ""),
    ],
)
def test_rmi_country_names_map_to_iso_codes(name, code):
    from battery_chain.minerals.countries import country_code

    assert country_code(name) == code
