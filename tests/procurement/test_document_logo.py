"""The organisation's logo in its documents: the tender PDF's cover, the tender DOCX and the award letter PDF."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from core.roles import Role
from procurement.evaluation import services
from procurement.models import Procurement
from procurement.tender_document.build import render_tender
from procurement.tender_docx import render_tender_docx
from tests.conftest import client_for
from tests.core.images import give_logo
from tests.core.jobs import order_and_download
from tests.factories import member
from tests.procurement.evaluation.builders import bid, evaluable
from tests.procurement.helpers import full_tender

pytestmark = pytest.mark.django_db


def cover_images(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_the_tender_pdf_has_the_logo_on_its_cover(org):
    tender = full_tender(org)
    assert cover_images(render_tender(tender).content) == []
    give_logo(org)
    rendered = render_tender(tender)
    images = cover_images(rendered.content)
    assert len(images) == 1 and images[0].image.size == (300, 100)
    assert rendered.refused_urls == ()


def test_the_tender_docx_has_the_logo_as_a_picture_with_alternative_text(org):
    tender = full_tender(org)
    assert len(Document(io.BytesIO(render_tender_docx(tender))).inline_shapes) == 0
    give_logo(org)
    doc = Document(io.BytesIO(render_tender_docx(tender)))
    assert len(doc.inline_shapes) == 1
    shape = doc.inline_shapes[0]
    assert shape.width / shape.height == pytest.approx(3, rel=0.01)
    assert org.name in shape._inline.docPr.get("descr")
    # The logo comes first, before the organisation's name and the title.
    assert doc.paragraphs[1].text == org.name


@pytest.mark.usefixtures("eager_tasks")
def test_the_award_letter_pdf_has_the_logo(org, django_capture_on_commit_callbacks):
    officer = member(org, Role.BUYER)
    p = evaluable(org, user=officer)
    winner = bid(p, price="1000000", env_points=8)
    bid(p, price="1100000", env_points=5)
    Procurement.objects.filter(pk=p.pk).update(status=Procurement.Status.EVALUATION)
    p.refresh_from_db()
    services.decide_award(
        procurement=p,
        user=officer,
        winner=winner,
        decided_on=timezone.localdate(),
        reasons="Høyest poengsum.",
        advantages="Best på klima.",
        version=p.evaluation_version,
    )
    url = reverse("procurement:evaluation:award_letter", kwargs={"procurement_id": p.pk})
    client = client_for(officer)

    def letter() -> bytes:
        return order_and_download(client, url, capture=django_capture_on_commit_callbacks)[1]

    assert cover_images(letter()) == []
    give_logo(org)
    images = cover_images(letter())
    assert len(images) == 1 and images[0].image.size == (300, 100)


def test_another_organisations_logo_never_reaches_the_document(org, other_org):
    give_logo(other_org)
    assert cover_images(render_tender(full_tender(org)).content) == []
