"""The product risk report as PDF, rendered on request through the core PDF service."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from battery_chain import selectors
from battery_chain.access import product_for
from battery_chain.diagram import PRINT
from core.access import organization_required
from core.pdf import render_pdf


@organization_required
@require_GET
def product_report(request, product_id):
    # One product's page of text and a diagram: small enough to render in the request.
    product = product_for(request, product_id, with_packs=True)
    context = {
        **selectors.chain_context(product, layout=PRINT),
        "organization": request.organization,
        "document_title": _("Risikorapport for batterikjeden: %(product)s") % {"product": product.name},
        "document_author": request.organization.name,
        "generated_on": timezone.localdate(),
    }
    pdf = render_pdf("pdf/battery_report.html", context)
    response = HttpResponse(pdf.content, content_type="application/pdf")
    name = slugify(product.name) or "produkt"
    response["Content-Disposition"] = f'attachment; filename="batteririsiko-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
