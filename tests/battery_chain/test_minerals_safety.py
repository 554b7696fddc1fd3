"""Hostile or broken files are refused with a clear Norwegian message before anything reads them as a workbook."""

import io
import re
import zipfile

import pytest

from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.parser import parse_workbook
from tests.battery_chain import helpers as workbooks
from tests.battery_chain.helpers import replace_part


def refusal(data: bytes) -> str:
    with pytest.raises(FileRefused) as caught:
        parse_workbook(data)
    return str(caught.value.message)


def zip_with(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def inflated(monkeypatch):
    """Counts the bytes the parser inflates out of the zip: work is measured, not timed (the machines are noisy)."""
    counted = {"bytes": 0}
    for name in ("read", "read1"):
        original = getattr(zipfile.ZipExtFile, name)

        def counting(self, *args, _original=original, **kwargs):
            chunk = _original(self, *args, **kwargs)
            counted["bytes"] += len(chunk)
            return chunk

        monkeypatch.setattr(zipfile.ZipExtFile, name, counting)
    return counted


@pytest.fixture
def rows_parsed(monkeypatch):
    """Counts the worksheet rows openpyxl parses: the limits are proven by work done, not by time."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    counted = {"rows": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counted["rows"] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counted


def test_empty_file():
    assert "Filen er tom" in refusal(b"")


def test_too_large_file(settings):
    settings.MINERALS_MAX_UPLOAD_BYTES = 1000
    assert "Filen er for stor" in refusal(workbooks.cmrt())


def test_old_xls_renamed_to_xlsx():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    assert "gamle Excel-formatet (.xls)" in refusal(ole2)


def test_not_a_zip():
    assert "ikke en Excel-arbeidsbok" in refusal(b"Company Name;Nordic Cells AS\nMetal;Cobalt\n")


def test_a_truncated_zip():
    assert "skadet" in refusal(workbooks.cmrt()[:3000])


def test_a_zip_that_is_not_a_workbook():
    assert "zip-fil, men ikke en Excel-arbeidsbok" in refusal(zip_with({"word/document.xml": b"<w/>"}))


def test_zip_bomb_by_total_uncompressed_size(settings):
    settings.MINERALS_MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024
    bomb = replace_part(workbooks.cmrt(), "xl/media/padding.bin", b"\0" * (6 * 1024 * 1024))
    assert "zip-bombe" in refusal(bomb)


def test_zip_bomb_by_compression_ratio(inflated):
    # 20 MB of zeros deflate to about 20 kB: a ratio of about 1000, far beyond any spreadsheet.
    bomb = replace_part(workbooks.cmrt(), "xl/worksheets/sheet99.xml", b"\0" * (20 * 1024 * 1024))
    inflated["bytes"] = 0
    assert "zip-bombe" in refusal(bomb)
    assert inflated["bytes"] == 0, "the ratio is judged from the zip directory, without inflating"


def test_xml_with_a_doctype_is_refused():
    data = workbooks.cmrt()
    source = zipfile.ZipFile(io.BytesIO(data))
    workbook_xml = source.read("xl/workbook.xml")
    doctype = b'<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    evil = workbook_xml.replace(b"?>", b"?>" + doctype, 1) if b"?>" in workbook_xml else doctype + workbook_xml
    assert "XML-konstruksjoner" in refusal(replace_part(data, "xl/workbook.xml", evil))


def test_broken_workbook_xml_gives_a_message_not_a_crash():
    data = replace_part(workbooks.cmrt(), "xl/workbook.xml", b"<workbook><sheets><sheet")
    assert "kunne ikke leses som en Excel-arbeidsbok" in refusal(data)


def test_wrong_sheets():
    message = refusal(workbooks.cmrt(drop_sheets=["Declaration", "Smelter List"]))
    assert "«Declaration» og «Smelter List»" in message


@pytest.fixture(scope="module")
def fifty_thousand_rows():
    return workbooks.many_rows(50_000)


def test_fifty_thousand_rows_are_refused_without_reading_them_all(fifty_thousand_rows, rows_parsed):
    message = refusal(fifty_thousand_rows)
    assert "mer enn 5000 rader" in message.replace("\xa0", "").replace(" 000", "000")
    # Streaming stops just past the limit of 5 000 rows with content (plus the header search rows).
    assert 5_000 < rows_parsed["rows"] < 6_000


def test_row_limit_is_a_setting(settings):
    settings.MINERALS_MAX_ROWS = 2
    assert "mer enn 2 " in refusal(workbooks.cmrt())


def test_a_large_sheet_without_dimensions_is_refused_before_openpyxl_scans_it(fifty_thousand_rows, rows_parsed):
    data = fifty_thousand_rows
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = next(
        n for n in source.namelist() if n.startswith("xl/worksheets/") and source.getinfo(n).file_size > 1_000_000
    )
    stripped = re.sub(rb"<dimension[^>]*/>", b"", source.read(sheet))
    assert "størrelsesinformasjonen" in refusal(replace_part(data, sheet, stripped))
    assert rows_parsed["rows"] == 0, "refused before openpyxl scans the sheet"
