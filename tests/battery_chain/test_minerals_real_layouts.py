"""The import on workbooks laid out as suppliers really send them (issue 16).

Smelters picked in the look-up column with the standard name in a hidden column, the
file's own Smelter Look-up sheet, labels in another language through the hidden
translation sheet, formulas with cached values, EMRT 2.x's minerals row, CRT and AMRT.
"""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from battery_chain.minerals.reference_lists import load_reference_list
from battery_chain.models import RefinerIdCheck
from tests.battery_chain import helpers as workbooks
from tests.battery_chain.helpers import preview_of

pytestmark = pytest.mark.django_db


def codes(preview):
    return [p["code"] for p in preview.problems]


def line_facts(preview):
    return sorted(
        (
            line.material.slug,
            line.refiner,
            line.refiner_id,
            str(line.refiner_country),
            line.mine,
            str(line.mine_country),
        )
        for line in preview.lines
    )


def test_generator_writes_formulas_with_their_cached_values():
    data = workbooks.cmrt_by_lookup(4)
    formulas = load_workbook(io.BytesIO(data), data_only=False)
    values = load_workbook(io.BytesIO(data), data_only=True)
    assert formulas["Smelter List"]["R5"].value.startswith("=IFERROR(VLOOKUP($C5,'Smelter Look-up'")
    assert values["Smelter List"]["R5"].value == "Tin Works 01 Refining Co., Ltd."
    assert formulas["Declaration"]["B8"].value.startswith('=IFERROR(VLOOKUP("DeclarationB8",Translation!')
    assert values["Declaration"]["B8"].value == "Company Name (*):"
    assert values["Smelter List"].column_dimensions["R"].hidden
    assert values["Smelter Look-up"].sheet_state == "hidden" and values["Translation"].sheet_state == "hidden"
    assert [c.value for c in values["Translation"][1]] == ["Key", "English", "中文", "Deutsch"]


def test_forty_smelters_picked_by_look_up_give_forty_lines_with_standard_names(product):
    preview = preview_of(workbooks.cmrt_by_lookup(40, version="6.4"), product)
    parsed = preview.parsed
    assert (parsed.template, parsed.version) == ("CMRT", "6.4")
    assert len(parsed.smelters) == 40, "the pre-formatted rows with formulas are not smelters"
    assert len(preview.lines) == 40
    names = {line.refiner for line in preview.lines}
    assert len(names) == 40 and all(name.endswith("Refining Co., Ltd.") for name in names)
    assert {line.refiner_id for line in preview.lines} == {f"CID{900100 + i:06d}" for i in range(40)}
    assert all(line.refiner_id_check == RefinerIdCheck.OK for line in preview.lines)
    report = preview.as_report()
    assert sum(m["rows"] for m in report["per_metal"]) == 40
    assert sum(m["lines"] for m in report["per_metal"]) == 40
    assert {m["metal"]: (m["rows"], m["lines"]) for m in report["per_metal"]} == {
        "Tin": (10, 10),
        "Tantalum": (10, 10),
        "Tungsten": (10, 10),
        "Gold": (10, 10),
    }
    assert "merged_rows" not in codes(preview)
    assert not preview.blocked


def test_two_smelters_of_one_metal_with_blank_names_and_different_ids_stay_two_lines(product):
    smelters = [
        {"metal": "Tin", "smelter_id": "CID009001", "country": "Norway"},
        {"metal": "Tin", "smelter_id": "CID009003", "country": "China"},
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters), product)
    assert sorted(line.refiner_id for line in preview.lines) == ["CID009001", "CID009003"]
    assert "merged_rows" not in codes(preview)


def test_a_merge_that_remains_is_listed_with_its_rows(product):
    smelters = [
        {"metal": "Gold", "lookup": "Fjellgull Raffineri", "mine": "Recycled", "mine_country": "Recycled"},
        {"metal": "Gold", "lookup": "Fjellgull Raffineri", "mine": "Recycled", "mine_country": "Recycled"},
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters), product)
    assert len(preview.lines) == 1
    merged = next(m for m in preview.messages if m["code"] == "merged_rows")
    assert "Smelter List radene 5–6" in merged["message"] and "Fjellgull Raffineri AS · CID009002" in merged["message"]
    assert preview.as_report()["per_metal"] == [{"metal": "Gold", "rows": 2, "lines": 1}]


@pytest.mark.parametrize("language", ["Deutsch", "中文"])
def test_the_same_file_in_another_language_imports_to_the_same_lines(product, language):
    english = preview_of(workbooks.cmrt_by_lookup(12), product)
    other = preview_of(workbooks.cmrt_by_lookup(12, language=language), product)
    assert line_facts(other) == line_facts(english) and len(other.lines) == 12
    assert other.parsed.declaration["fields"] == english.parsed.declaration["fields"]
    assert other.parsed.language == language and english.parsed.language == ""
    warning = next(m for m in other.messages if m["code"] == "file_language")
    assert warning["level"] == "warning" and f"«{language}»" in warning["message"]
    assert not other.blocked
    if language == "Deutsch":
        # The answers ("Ja"), the scope ("A. Unternehmen") and the metal labels ("Zinn") are read in English too.
        assert other.parsed.declaration == {**english.parsed.declaration, "language": language}


def test_a_crt_is_named_as_a_crt_and_imported_for_cobalt(product):
    preview = preview_of(workbooks.crt(version="2.2"), product)
    assert (preview.parsed.template, preview.parsed.version) == ("CRT", "2.2")
    message = next(m for m in preview.messages if m["code"] == "template_other")
    assert "Cobalt Reporting Template (CRT 2.2)" in message["message"] and "Cobalt" in message["message"]
    assert [line.material.slug for line in preview.lines] == ["kobolt"]
    assert {line.source for line in preview.lines} == {"crt"}
    assert not preview.blocked


def test_an_amrt_is_named_and_imported_for_the_minerals_we_have(product):
    preview = preview_of(workbooks.amrt(version="1.3"), product)
    assert preview.parsed.template == "AMRT"
    message = next(m for m in preview.messages if m["code"] == "template_other")
    assert "Additional Minerals Reporting Template (AMRT 1.3)" in message["message"]
    assert [line.material.slug for line in preview.lines] == ["kobber"]
    skipped = next(m for m in preview.messages if m["code"] == "unmapped_metal")
    assert "«Silver»" in skipped["message"]


def test_an_amrt_without_any_of_our_minerals_is_refused_naming_the_template(product):
    smelters = [{"metal": "Silver", "lookup": "Smelter not listed", "name": "Sølvverket AS", "country": "Norway"}]
    preview = preview_of(workbooks.amrt(metals=["Silver", "Zinc"], smelters=smelters), product)
    assert preview.blocked
    message = next(m for m in preview.messages if m["code"] == "template_no_materials")
    assert "Additional Minerals Reporting Template (AMRT" in message["message"] and "Silver, Zinc" in message["message"]


def test_the_title_decides_the_template_not_an_address_or_the_instructions(product):
    # The CRT's Revision sheet links to a page under /cmrt-faq/; the AMRT's Instructions mention the CMRT.
    assert preview_of(workbooks.crt(), product).parsed.template == "CRT"
    assert preview_of(workbooks.amrt(), product).parsed.template == "AMRT"
    # Without a title the Revision sheet decides, and its address is no evidence.
    untitled = preview_of(workbooks.crt(title="", version_in_title=False), product).parsed
    assert untitled.template == "" or untitled.template != "CMRT"


def test_the_newest_revision_is_the_version_even_when_numbered_6_31(product):
    parsed = preview_of(workbooks.cmrt(version="6.5", version_in_title=False), product).parsed
    assert parsed.version == "6.5"


def _reference_list(version, entries, *, released):
    data = workbooks.cmrt(version=version, smelters=[], reference=entries, released=released)
    return load_reference_list(data=data, original_name=f"CMRT{version}.xlsx", user=None)


def test_malformed_unknown_delisted_and_wrong_metal_ids_are_flagged_on_the_line(product):
    reference, rows = workbooks.smelter_set(4)
    # RMI's 6.5 list, newer than the supplier's 6.4 file, has dropped the second smelter.
    _reference_list("6.5", [e for i, e in enumerate(reference) if i != 1], released=date(2025, 4, 25))
    smelters = [
        rows[0],
        rows[1],
        {"metal": "Tungsten", "name": "Typo Smelter", "smelter_id": "CID12", "country": "China"},
        {"metal": "Gold", "name": "Nowhere Refinery", "smelter_id": "CID999999", "country": "China"},
        {"metal": "Gold", "name": "Tin Works 01 Refining Co., Ltd.", "smelter_id": "CID900100", "country": "China"},
    ]
    preview = preview_of(workbooks.cmrt(version="6.4", smelters=smelters, reference=reference), product)
    checks = [(line.refiner_id, line.refiner_id_check) for line in preview.lines]
    assert checks == [
        ("CID900100", "ok"),
        ("CID900101", "delisted"),
        ("CID12", "malformed"),
        ("CID999999", "unknown"),
        ("CID900100", "metal_mismatch"),
    ]
    messages = {m["code"]: m["message"] for m in preview.messages}
    assert (
        "rad 6: smelteverk-ID «CID900101» står ikke lenger i RMIs referanseliste (CMRT 6.5 (2025-04-25))"
        in (messages["smelter_id_delisted"])
    )
    assert "rad 7: smelteverk-ID «CID12» har feil format" in messages["smelter_id_malformed"]
    assert "«CID999999»" in messages["smelter_id_unknown"]
    assert "rad 9" in messages["smelter_id_metal_mismatch"]
    assert not preview.blocked, "ID findings are warnings"


def test_an_older_reference_list_does_not_call_newer_smelters_delisted(product):
    reference, rows = workbooks.smelter_set(2)
    _reference_list("6.31", reference[:1], released=date(2023, 10, 1))
    preview = preview_of(workbooks.cmrt(version="6.4", smelters=rows, reference=reference), product)
    assert [line.refiner_id_check for line in preview.lines] == ["ok", "ok"]


def test_formula_leftovers_are_blank_and_make_no_rows(product):
    smelters = [
        {"metal": "Tin", "lookup": "Nordkapp Tinnverk", "mine": "0", "mine_country": "#N/A", "comment": "0"},
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters, preformatted=20), product)
    assert len(preview.parsed.smelters) == 1
    line = preview.lines[0]
    assert (line.refiner, line.mine, line.note, str(line.mine_country)) == ("Nordkapp Tinnverk AS", "", "", "")


def test_country_lists_are_split_and_free_text_is_kept_as_a_note(product):
    smelters = [
        {"metal": "Tin", "lookup": "Nordkapp Tinnverk", "mine_country": "Australia, Brazil, China"},
        {"metal": "Gold", "lookup": "Fjellgull Raffineri", "mine_country": "Various artisanal sources in the region"},
        {
            "metal": "Tantalum",
            "name": "X",
            "smelter_id": "CID000001",
            "mine_country": "Congo, Democratic Republic of the",
        },
        {
            "metal": "Tantalum",
            "name": "Y",
            "smelter_id": "CID000002",
            "mine_country": "Rwanda; Congo, Democratic Republic of the",
        },
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters), product)
    tin = [str(line.mine_country) for line in preview.lines if line.material.slug == "tinn"]
    assert tin == ["AU", "BR", "CN"]
    gold = next(line for line in preview.lines if line.material.slug == "gull")
    assert not gold.mine_country and "Various artisanal sources in the region" in gold.note
    tantalum = [(line.refiner, str(line.mine_country)) for line in preview.lines if line.material.slug == "tantal"]
    assert tantalum == [("X", "CD"), ("Y", "RW"), ("Y", "CD")]
    assert "unknown_country" not in codes(preview)


def test_row_warnings_are_grouped_per_sheet_and_kind_with_row_numbers(product):
    smelters = [
        {"metal": "Tin", "name": f"S{i}", "smelter_id": f"CID00000{i}", "country": "Atlantis"} for i in range(4)
    ]
    preview = preview_of(workbooks.cmrt(smelters=smelters), product)
    unknown = [m for m in preview.messages if m["code"] == "unknown_country"]
    assert len(unknown) == 1
    assert unknown[0]["message"].startswith("Ukjent land i Smelter List, radene 5–8: «Atlantis».")
    assert unknown[0]["rows"] == [5, 6, 7, 8]


def test_emrt_2_minerals_in_scope_across_the_row_and_questions_1_and_2_checked(product):
    data = workbooks.emrt(
        version="2.1", metals=["Cobalt", "Copper", "Lithium"], answers={(1, "Lithium"): "", (2, "Copper"): ""}
    )
    values = load_workbook(io.BytesIO(data), data_only=True)["Declaration"]
    assert values["B12"].value == "Select Minerals/Metals in Scope (*):"
    assert [values.cell(row=12, column=c).value for c in range(4, 7)] == ["Cobalt", "Copper", "Lithium"]
    parsed = preview_of(data, product).parsed
    assert parsed.declaration["minerals_in_scope"] == ["Cobalt", "Copper", "Lithium"]
    missing = [(p.params["question"], p.params["metal"]) for p in parsed.problems if p.code == "missing_answer"]
    assert missing == [("1", "Lithium"), ("2", "Copper")]
    first = parsed.declaration["questions"][0]
    # The "Answer"/"Comments" headings on the question row are not answers; the "(*)" is not part of the metal.
    assert first["answer"] == "" and [a["metal"] for a in first["answers"]] == ["Cobalt", "Copper", "Lithium"]
