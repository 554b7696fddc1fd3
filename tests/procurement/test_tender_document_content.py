"""The tender document built from a real procurement: numbers, weights, TOC, rules, and hostile text."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from procurement.models import Procurement
from procurement.numbering import number_sections
from procurement.tender_document.build import build_tender_content, render_tender
from tests.factories import requirement
from tests.procurement.helpers import full_tender

pytestmark = pytest.mark.django_db


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _fresh(tender) -> Procurement:
    return Procurement.objects.select_related("organization").get(pk=tender.pk)


def test_numbers_match_the_builder_page(org):
    tender = full_tender(org)
    builder = {r.pk: r.number for s in number_sections(list(tender.requirements.all())) for r in s.requirements}
    content = build_tender_content(tender)
    by_title = {r.title: r.number for s in content.requirement_sections for r in s.requirements}
    assert sorted(by_title.values()) == sorted(builder.values())
    assert by_title["Kravspesifikasjon krav 2"] == "3.2"
    assert [s.title for s in content.requirement_sections] == [
        "Kvalifikasjonskrav",
        "Kravspesifikasjon",
        "Tildelingskriterier",
        "Kontraktsvilkår",
    ]
    environment = next(a for a in content.award_criteria if a.is_environmental)
    assert environment.requirement_numbers == "4.1, 4.2, 4.3"


def test_rules_and_facts_come_from_the_rule_data(org):
    content = build_tender_content(full_tender(org, contract_months=48, option_months=24))
    facts = dict(content.facts)
    assert facts["Regelverk"].startswith("Del III")
    assert facts["Kontraktens varighet"] == "48 måneder, med opsjon på 24 måneder (til sammen 72 måneder)"
    assert facts["Anslått verdi"] == "120 000 000 kr eks. mva."
    assert content.rule_status == "Klima og miljø vektes 40 % (minst 30 %)."
    assert content.is_draft and content.weight_total == 100


def test_an_exception_from_the_environment_rule_is_stated_with_its_justification(org):
    tender = full_tender(org)
    Procurement.objects.filter(pk=tender.pk).update(
        rule_exception="ubetydelig", rule_exception_justification="Kjøpet er digitale lisenser uten frakt."
    )
    content = build_tender_content(_fresh(tender))
    assert content.rule_status.startswith("Unntak fra § 7-9 er valgt og begrunnet")
    assert content.rule_justification == "Kjøpet er digitale lisenser uten frakt."
    assert content.rule_code == "quality-nor-env-exempt-insignificant"
    assert content.rule_ground.startswith("§ 7-9 (3)")
    assert "1. juli 2026" in content.rule_text


def test_contract_section_names_the_human_rights_clause_and_adds_transparency(org):
    clauses = {c.title: c.text for c in build_tender_content(full_tender(org)).contract_clauses}
    assert "punkt 5.1" in clauses["Menneskerettigheter"]
    assert "offentleglova § 13" in clauses["Åpenhet i leverandørkjeden"]


def test_the_document_date_is_the_last_change_or_publication_not_today(org):
    tender = full_tender(org, per_section=1)
    changed = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    Procurement.objects.filter(pk=tender.pk).update(updated_at=changed)
    assert build_tender_content(_fresh(tender)).document_date == date(2026, 3, 2)
    Procurement.objects.filter(pk=tender.pk).update(status="publisert", published_at=changed + timedelta(days=5))
    assert build_tender_content(_fresh(tender)).document_date == date(2026, 3, 7)


def test_query_count_does_not_grow_with_the_tender(org):
    def count(tender) -> int:
        tender = _fresh(tender)
        with CaptureQueriesContext(connection) as ctx:
            build_tender_content(tender)
        return len(ctx)

    small = count(full_tender(org, per_section=1))
    large = count(full_tender(org, per_section=15))
    # requirements, award criteria, their requirements, amendment events, 3 thresholds, 3 rule parameters, the logo
    assert small == large == 11


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    from tests.factories import OrganizationFactory

    with django_db_blocker.unblock():
        org = OrganizationFactory(name="Bergen dokumentkommune")
        tender = full_tender(org, per_section=6)
        result = render_tender(_fresh(tender))
        titles = [(r.number, r.title) for s in number_sections(list(tender.requirements.all())) for r in s.requirements]
        Procurement.objects.filter(pk=tender.pk).delete()
        org.delete()
    return result, page_texts(result.content), titles


def test_pdf_has_every_requirement_number_and_title(rendered):
    _result, pages, titles = rendered
    text = "\n".join(pages)
    assert len(titles) == 24
    for number, title in titles:
        assert f"{number} {title}" in text


def test_pdf_weights_table_sums_to_100(rendered):
    text = "\n".join(rendered[1])
    assert re.search(r"Pris\s+60 %", text)
    # The name says it already: no "(klima og miljø)" marker repeating it (issue 18).
    assert "Klima og miljø" in text
    assert not re.search(r"Klima og miljø \(klima og miljø\)", text)
    assert re.search(r"Sum\s+100 %", text)
    assert "Klima og miljø vektes 40 % (minst 30 %)." in text


def test_pdf_toc_page_numbers_match_the_pages_where_sections_start(rendered):
    _result, pages, _titles = rendered
    toc_page = next(i for i, t in enumerate(pages) if t.lstrip().startswith("Innhold"))
    toc = dict(re.findall(r"^(\d) [^\n.]+?[ .]*?(\d+)\s*$", pages[toc_page], flags=re.MULTILINE))
    expected = {
        "1": "Om anskaffelsen",
        "2": "Kvalifikasjonskrav",
        "3": "Kravspesifikasjon",
        "4": "Tildelingskriterier",
        "5": "Kontraktsvilkår",
    }
    assert set(toc) == set(expected)
    for number, title in expected.items():
        start = next(i for i, t in enumerate(pages) if i != toc_page and re.search(rf"^{number} {title}$", t, re.M))
        assert int(toc[number]) == start + 1, f"section {number} starts on page {start + 1}, TOC says {toc[number]}"


def test_pdf_cover_annex_and_bookmarks(rendered):
    result, pages, _titles = rendered
    cover = pages[0]
    assert "Bergen dokumentkommune" in cover and "UTKAST" in cover and "Konkurransegrunnlag" in cover
    annex = pages[-1]
    assert "Vedlegg: Dokumentasjon som skal leveres" in annex
    assert "2.1 Kvalifikasjonskrav krav 1" in annex and "Egenerklæring kvalifikasjonskrav 1" in annex
    reader = PdfReader(io.BytesIO(result.content))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [
        "1 Om anskaffelsen",
        "2 Kvalifikasjonskrav",
        "3 Kravspesifikasjon",
        "4 Tildelingskriterier",
        "5 Kontraktsvilkår",
        "Vedlegg: Dokumentasjon som skal leveres",
    ]
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert reader.metadata.title.startswith("Konkurransegrunnlag: ")


def test_hostile_requirement_text_is_printed_as_plain_text(org, counting_server):
    base, hits = counting_server
    tender = full_tender(org, per_section=1)
    requirement(
        tender,
        title='<script>alert("x")</script>',
        text=f'<img src="file:///etc/passwd"> og <img src="{base}/spion.png">',
        documentation="<style>@import url(http://127.0.0.1:9/x.css)</style>",
    )
    result = render_tender(_fresh(tender))
    text = "\n".join(page_texts(result.content))
    assert '<script>alert("x")</script>' in text
    assert '<img src="file:///etc/passwd">' in text
    assert f'<img src="{base}/spion.png">' in text
    assert hits == []
    assert result.refused_urls == ()  # escaped, so never even seen as a resource
    assert b"root:x:0:0" not in result.content and "root:x:0:0" not in text


def test_same_content_renders_to_the_same_bytes(org):
    tender = full_tender(org, per_section=1)
    first, second = render_tender(_fresh(tender)), render_tender(_fresh(tender))
    assert first.sha256 == second.sha256
    requirement(tender, title="Et nytt krav")
    assert render_tender(_fresh(tender)).sha256 != first.sha256


def test_published_document_has_no_draft_mark_and_a_mid_amendment_one_has(org):
    tender = full_tender(org, per_section=1)
    Procurement.objects.filter(pk=tender.pk).update(status="publisert", published_at=tender.created_at)
    assert not build_tender_content(_fresh(tender)).is_draft
    Procurement.objects.filter(pk=tender.pk).update(amendment_open=True)
    assert build_tender_content(_fresh(tender)).is_draft
