import io

from django.template import engines
from pypdf import PdfReader

from core.pdf import render_html_to_pdf

TEMPLATE = engines["django"].from_string(
    '{% extends "pdf/base.html" %}{% block content %}'
    "<h1>{{ heading }}</h1><p class='user-text'>{{ text }}</p>{% endblock %}"
)


def _render(**context):
    context.setdefault("document_title", "Konkurransegrunnlag")
    context.setdefault("heading", "Elektriske busser")
    context.setdefault("text", "Krav til gjenbruk av batterier: æ ø å Æ Ø Å.")
    return render_html_to_pdf(TEMPLATE.render(context))


def _text(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_norwegian_text_renders_with_title_language_and_tags():
    result = _render()
    reader = PdfReader(io.BytesIO(result.content))
    assert "æ ø å Æ Ø Å" in _text(result.content)
    assert reader.metadata.title == "Konkurransegrunnlag"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert "/StructTreeRoot" in root  # tagged PDF (PDF/UA-1)
    assert result.page_count == len(reader.pages) == 1
    assert result.refused_urls == ()  # the bundled stylesheet and fonts load


def test_same_content_renders_to_the_same_bytes():
    first, second = _render(), _render()
    assert first.content == second.content
    assert first.sha256 == second.sha256
    assert _render(text="Annen tekst").sha256 != first.sha256


def test_hostile_user_text_is_printed_as_plain_text(counting_server):
    base, hits = counting_server
    hostile = f'<img src="file:///etc/passwd"> <img src="{base}/spy.png"> <script>alert(1)</script>'
    result = _render(text=hostile)
    text = _text(result.content)
    assert '<img src="file:///etc/passwd">' in text
    assert "<script>alert(1)</script>" in text
    assert hits == []
    assert result.refused_urls == ()  # escaped: never even seen as a resource


def test_fetcher_refuses_files_network_and_traversal_without_a_request(counting_server):
    base, hits = counting_server
    html = (
        '<html lang="nb"><head><title>t</title></head><body><p>x</p>'
        '<img src="file:///etc/passwd" alt="">'
        f'<img src="{base}/spy.png" alt="">'
        '<img src="/static/../../../../etc/passwd" alt="">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        "</body></html>"
    )
    result = render_html_to_pdf(html)
    assert hits == []
    assert len(result.refused_urls) == 4
    assert b"root:x:0:0" not in result.content


def test_data_uris_are_allowed():
    pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    html = f'<html lang="nb"><head><title>t</title></head><body><img src="{pixel}" alt="punkt"></body></html>'
    assert render_html_to_pdf(html).refused_urls == ()
