"""The product risk report as PDF: ordered from the product page, made by the worker (core.documents)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from battery_chain import selectors
from battery_chain.access import product_for
from battery_chain.diagram import PRINT
from battery_chain.models import Product
from core import documents
from core.pdf import RenderedPdf, render_pdf

KIND = "battery_chain.product_report"


def order(request, product):
    return documents.order_document(
        organization=request.organization,
        user=request.user,
        kind=KIND,
        params={"product_id": product.pk},
        title=_("Risikorapport for batterikjeden: %(product)s") % {"product": product.name},
        filename=f"batteririsiko-{slugify(product.name) or 'produkt'}.pdf",
    )


def render_report(product, organization) -> RenderedPdf:
    context = {
        **selectors.chain_context(product, layout=PRINT),
        "organization": organization,
        "document_title": _("Risikorapport for batterikjeden: %(product)s") % {"product": product.name},
        "document_author": organization.name,
        "generated_on": timezone.localdate(),
    }
    return render_pdf("pdf/battery_report.html", context)


def _render_job(job) -> RenderedPdf:
    # The same rows product_for(with_packs=True) loads for the page, without a request.
    product = (
        Product.objects.select_related("supplier", "contract", "contract__procurement")
        .prefetch_related(selectors.packs_prefetch(with_requirements=True))
        .get(pk=job.params["product_id"], organization=job.organization)
    )
    return render_report(product, job.organization)


def _check(request, job) -> None:
    product_for(request, job.params["product_id"])


def _back(job) -> str:
    return reverse("battery_chain:product", args=[job.params["product_id"]])


DOCUMENT_KIND = documents.Kind(KIND, _render_job, _check, _back)
