"""The tender PDF and DOCX both carry the scoring model, with the same headings."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from core.roles import Role
from procurement.evaluation import services
from procurement.evaluation.models import ScoringMethod
from procurement.models import AwardCriterion
from procurement.tender_document.build import render_tender
from procurement.tender_docx import render_tender_docx
from tests.conftest import client_for
from tests.factories import member, procurement, requirement

pytestmark = pytest.mark.django_db


def _tender(org):
    p = procurement(organization=org)
    requirement(p, section="kvalifikasjonskrav", title="Miljøledelse")
    requirement(p, section="kontraktsvilkar", title="Menneskerettigheter")
    price = AwardCriterion.objects.create(procurement=p, position=1, name="Pris", weight=50, is_price=True)
    env = AwardCriterion.objects.create(
        procurement=p, position=2, name="Klima og miljø", weight=30, is_environmental=True
    )
    fleet = AwardCriterion.objects.create(
        procurement=p, position=3, name="Kjøretøy i leveransene", weight=20, is_environmental=True
    )
    services.save_scoring_model(
        procurement=p,
        user=None,
        rows=[
            services.ModelRow(price, ScoringMethod.PRICE_LINEAR, 10, 50, "", version=0),
            services.ModelRow(env, ScoringMethod.POINTS, 10, None, "10: dokumentert livsløpsanalyse.", version=0),
            services.ModelRow(
                fleet, ScoringMethod.FUEL_MATRIX, 10, None, "", (("Nullutslipp", 10), ("Euro 6", 3)), version=0
            ),
        ],
    )
    return p


def _pdf_outline(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title.strip())

    walk(reader.outline)
    return titles


def _docx_headings(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    return [p.text.strip() for p in doc.paragraphs if p.style.name.startswith("Heading")]


def test_pdf_and_docx_have_the_same_headings_and_the_scoring_model(org):
    p = _tender(org)
    pdf = render_tender(p).content
    docx_bytes = render_tender_docx(p)

    pdf_headings = _pdf_outline(pdf)
    assert "Poengmodell" in pdf_headings
    assert _docx_headings(docx_bytes) == pdf_headings
    assert [p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs if p.style.name == "Title"] == [p.title]

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Poengene synker lineært til 0 ved en pris 50 % over laveste pris" in " ".join(text.split())
    assert "Nullutslipp" in text

    doc = Document(io.BytesIO(docx_bytes))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Poengene synker lineært til 0 ved en pris 50 % over laveste pris" in body
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Nullutslipp" in cells and "Euro 6" in cells
    # The award table's header row is marked as a header (repeats, and screen readers read it as such).
    award_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kriterium")
    assert award_table.rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_the_environment_marker_is_not_repeated_after_a_name_that_says_it(org):
    p = _tender(org)
    doc = Document(io.BytesIO(render_tender_docx(p)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert not any("Klima og miljø (klima og miljø)" in c for c in cells)
    assert any(c.startswith("Kjøretøy i leveransene (klima og miljø)") for c in cells)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_tender(p).content)).pages)
    assert "Klima og miljø (klima og miljø)" not in " ".join(text.split())


def test_officer_downloads_the_docx(org):
    p = _tender(org)
    response = client_for(member(org, Role.BUYER)).get(reverse("procurement:document_docx", args=[p.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert Document(io.BytesIO(response.content)).core_properties.language == "nb-NO"


def test_contact_submission_questions_and_espd_are_in_both_documents(org):
    from datetime import date

    from procurement.models import Procurement

    p = _tender(org)
    contact = member(org, Role.BUYER)
    contact.first_name, contact.last_name, contact.email = "Kari", "Kontakt", "kari@kommune.example"
    contact.save()
    Procurement.objects.filter(pk=p.pk).update(
        contact_person=contact,
        submission="Tilbudet leveres elektronisk i Mercell innen fristen.",
        question_deadline=date(2026, 3, 1),
        qualification_notes="Kvalifikasjonen dokumenteres i ESPD; dokumentasjon kreves bare av valgt leverandør.",
    )
    p.refresh_from_db()
    pdf_text = " ".join(
        " ".join(pg.extract_text().split()) for pg in PdfReader(io.BytesIO(render_tender(p).content)).pages
    )
    doc = Document(io.BytesIO(render_tender_docx(p)))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for expected in ("Kari Kontakt, kari@kommune.example", "leveres elektronisk i Mercell", "1. mars 2026", "ESPD"):
        assert expected in pdf_text, expected
        assert expected in cells, expected


def test_question_deadline_must_be_before_the_tender_deadline(org):
    from datetime import date

    from procurement.forms import ProcurementForm

    p = _tender(org)
    form = ProcurementForm(
        {
            "title": p.title,
            "category": p.category_id,
            "kind": p.kind,
            "buyer_type": p.buyer_type,
            "estimated_value": "1000000",
            "contract_months": 24,
            "option_months": 0,
            "procedure": p.procedure,
            "tender_deadline": date(2026, 3, 1).isoformat(),
            "question_deadline": date(2026, 3, 5).isoformat(),
        },
        instance=p,
        organization=org,
    )
    assert not form.is_valid()
    assert form.errors["question_deadline"] == ["Fristen for spørsmål må være før tilbudsfristen."]
