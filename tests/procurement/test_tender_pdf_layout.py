"""The tender template on plain content: numbering, weights, and a table of contents that is right."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from core.pdf import render_pdf
from procurement.tender_document.content import AwardLine, RequirementLine, Section, TenderContent
from tests.conftest import skip_or_fail

SECTIONS = [
    (2, "Kvalifikasjonskrav", "kvalifikasjonskrav"),
    (3, "Kravspesifikasjon", "kravspesifikasjon"),
    (4, "Tildelingskriterier", "tildelingskriterium"),
    (5, "Kontraktsvilkår", "kontraktsvilkar"),
]


def make_content(per_section: int, **overrides) -> TenderContent:
    sections = tuple(
        Section(
            number,
            title,
            kind,
            tuple(
                RequirementLine(
                    number=f"{number}.{i}",
                    title=f"Krav {number}.{i} om batteriets levetid",
                    text="Leverandøren skal beskrive batteripleie som tar vare på ytelse og levetid. " * 4,
                    documentation="Produktdatablad og egenerklæring" if i % 2 else "",
                    mandatory=i % 3 != 0,
                )
                for i in range(1, per_section + 1)
            ),
        )
        for number, title, kind in SECTIONS
    )
    values = {
        "organization_name": "Bergen kommune",
        "reference": "2026/014",
        "title": "Elektriske busser",
        "description": "Kjøp av 20 elektriske busser med batterier.",
        "is_draft": True,
        "document_version": 3,
        "document_date": date(2026, 11, 23),
        "facts": (("Type anskaffelse", "Varer"), ("Anslått verdi", "120 000 000 kr")),
        "requirement_sections": sections,
        "award_criteria": (
            AwardLine("Pris", 60, None, "Samlet pris", "", "Lavest pris gir 10 poeng", False),
            AwardLine("Klima og miljø", 40, None, "Klimafotavtrykk", "Livsløpsvurdering", "Poeng etter kg CO2e", True),
        ),
        "ranked": False,
        "rule_status": "Oppfylt: klima og miljø vektes 40 %.",
        "rule_justification": "",
    }
    values.update(overrides)
    return TenderContent(**values)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def rendered():
    result = render_pdf("pdf/tender.html", {"tender": make_content(12), "document_title": "Konkurransegrunnlag"})
    return result, page_texts(result.content)


def test_every_requirement_number_and_title_is_in_the_document(rendered):
    _result, pages = rendered
    text = "\n".join(pages)
    for number, _title, _kind in SECTIONS:
        for i in range(1, 13):
            assert f"{number}.{i} Krav {number}.{i} om batteriets levetid" in text


def test_weights_table_sums_to_100(rendered):
    text = "\n".join(rendered[1])
    assert "60 %" in text and "40 %" in text
    assert re.search(r"Sum\s+100 %", text)


def test_table_of_contents_page_numbers_match_section_starts(rendered):
    _result, pages = rendered
    toc_page = next(i for i, t in enumerate(pages) if t.lstrip().startswith("Innhold"))
    toc = dict(re.findall(r"^(\d) [^\n.]+?[ .]*?(\d+)\s*$", pages[toc_page], flags=re.MULTILINE))
    assert set(toc) == {"1", "2", "3", "4", "5"}
    for number, title in [("1", "Om anskaffelsen")] + [(str(n), t) for n, t, _k in SECTIONS]:
        start = next(i for i, t in enumerate(pages) if i != toc_page and re.search(rf"^{number} {title}$", t, re.M))
        assert int(toc[number]) == start + 1, f"section {number} starts on page {start + 1}, TOC says {toc[number]}"


def test_draft_is_marked_and_published_is_not(rendered):
    assert "UTKAST" in rendered[1][0]
    published = render_pdf(
        "pdf/tender.html", {"tender": make_content(1, is_draft=False), "document_title": "Konkurransegrunnlag"}
    )
    assert "UTKAST" not in page_texts(published.content)[0]


def test_footer_counts_pages(rendered):
    result, _pages = rendered
    # pypdf leaves out page-margin artefacts (header, footer); poppler's pdftotext reads them.
    if not shutil.which("pdftotext"):
        skip_or_fail("pdftotext is not installed (apt-get install poppler-utils)")
    out = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=result.content, capture_output=True, check=True
    )
    page_two = out.stdout.decode()
    assert f"Side 2 av {result.page_count}" in page_two
    assert "2026/014 – Elektriske busser" in page_two  # running header
