"""Read queries and page context the minerals-report views share."""

from django.db.models import Count, Q, QuerySet

from battery_chain.minerals.parser import FIELD_LABELS
from battery_chain.models import MineralsReport
from core.access import scoped


def report_list(request, *, q: str = "", template: str = "", product_id: int | None = None) -> QuerySet:
    """The organisation's imported reports with their line counts, newest first."""
    qs = (
        scoped(request, MineralsReport)
        .select_related("product", "pack", "imported_by")
        .annotate(line_count=Count("lines"))
    )
    q = q.strip()
    if q:
        qs = qs.filter(Q(company_name__icontains=q) | Q(product__name__icontains=q) | Q(original_name__icontains=q))
    if template:
        qs = qs.filter(template=template)
    if product_id:
        qs = qs.filter(product_id=product_id)
    return qs.order_by("-imported_at", "-pk")


def declaration_rows(declaration: dict) -> list[tuple[str, str]]:
    """The company declaration's fields in the workbook's order, labelled, for the preview and detail pages."""
    fields = declaration.get("fields", {})
    return [(label, fields.get(key, "")) for key, label in FIELD_LABELS.items()]
