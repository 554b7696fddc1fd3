"""The one way the project makes PDFs: a Django template rendered by WeasyPrint.

Safety: the URL fetcher serves only the project's bundled static files and
`data:` URIs. Everything else (file://, http(s), anything with a redirect) is
refused before any request is made, so a hostile text in a tender cannot read
server files or reach the network. User text reaches the HTML only through
Django's autoescaping.

Reproducibility: no creation date is written and the PDF identifier is derived
from the HTML, so the same content renders to the same bytes and identical
versions are recognisable by their hash.
"""

import hashlib
import mimetypes
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL that never resolves: relative links in PDF templates (such as
# {% static %} paths) land under it, and only the fetcher below interprets it.
PDF_BASE_URL = "https://pdf.invalid/"
_STATIC_PREFIX = "/static/"


class RefusedResource(ValueError):
    """A resource the PDF may not load."""


class BundledFilesFetcher(URLFetcher):
    """Serves bundled static files and data: URIs; refuses everything else without a request."""

    def __init__(self):
        # Only the data: scheme may reach urllib; static files are read from disk below.
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" == PDF_BASE_URL and parts.path.startswith(_STATIC_PREFIX):
            relative = posixpath.normpath(unquote(parts.path[len(_STATIC_PREFIX) :]))
            if not relative.startswith(("..", "/")):
                found = finders.find(relative)
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    mime, _encoding = mimetypes.guess_type(found)
                    return URLFetcherResponse(url, body, {"Content-Type": mime or "application/octet-stream"})
        self.refused.append(url)
        raise RefusedResource(f"PDF resource refused: {url}")


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    sha256: str
    refused_urls: tuple[str, ...]


def render_html_to_pdf(html: str) -> RenderedPdf:
    fetcher = BundledFilesFetcher()
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render(font_config=FontConfiguration())
    content = document.write_pdf(
        pdf_variant="pdf/ua-1",  # tagged PDF with title and language, for screen readers
        pdf_identifier=hashlib.sha256(html.encode("utf-8")).digest()[:16],
    )
    return RenderedPdf(
        content=content,
        page_count=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
        refused_urls=tuple(fetcher.refused),
    )


def render_pdf(template_name: str, context: dict) -> RenderedPdf:
    """Render a template under templates/pdf/ to a PDF. Templates extend pdf/base.html."""
    return render_html_to_pdf(render_to_string(template_name, context))
