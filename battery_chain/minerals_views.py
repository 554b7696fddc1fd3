"""Minerals reports (CMRT/EMRT): upload, preview, confirm or cancel, and the imported reports.

The flow is upload → preview (a dry run: nothing is written; the file waits server-side,
see minerals/pending.py) → confirm (one transaction) or cancel.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from battery_chain.minerals import pending, services
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.forms import ReportFilterForm, UploadForm
from battery_chain.minerals.parser import FIELD_LABELS, parse_workbook
from battery_chain.minerals.problems import worded
from battery_chain.minerals.uploads import SizeLimitedUploadHandler
from battery_chain.models import MineralsReport, Product
from core.access import get_for_org, has_capability, organization_required, scoped
from core.http import confirm as confirm_page
from core.http import paginate
from core.roles import Capability

PAGE_SIZE = 25
LINES_PAGE_SIZE = 100
PREVIEW_LINES = 200
REPORTED_ROWS_SHOWN = 500
# Importing a supplier's report is contract follow-up work, which buyers also do during procurement.
WRITE_CAPABILITIES = (Capability.FOLLOW_UP_CONTRACTS, Capability.EDIT_PROCUREMENTS)


def can_write(request) -> bool:
    return any(has_capability(request, cap) for cap in WRITE_CAPABILITIES)


def require_write(request) -> None:
    if not can_write(request):
        raise PermissionDenied(_("Du har ikke tilgang til å importere mineralrapporter i denne organisasjonen."))


def product_for(request, product_id: int) -> Product:
    return get_for_org(request, Product.objects.select_related("supplier"), pk=product_id)


def report_for(request, report_id: int) -> MineralsReport:
    return get_for_org(request, MineralsReport.objects.select_related("product", "pack", "imported_by"), pk=report_id)


def _declaration_rows(declaration: dict) -> list[tuple[str, str]]:
    fields = declaration.get("fields", {})
    return [(label, fields.get(key, "")) for key, label in FIELD_LABELS.items()]


@csrf_exempt  # only so the upload handler can be set before the body is read; CSRF is checked just below
@organization_required
@require_http_methods(["GET", "POST"])
def upload(request, product_id):
    size_guard = SizeLimitedUploadHandler(request)
    request.upload_handlers.insert(0, size_guard)
    return _upload(request, product_id, size_guard)


@csrf_protect
def _upload(request, product_id, size_guard):
    product = product_for(request, product_id)
    require_write(request)
    packs = product.packs.all()
    form = UploadForm(request.POST or None, request.FILES or None, packs=packs)
    if size_guard.exceeded:
        # The parser stopped at the limit, so the form has nothing to validate: show only why.
        form = UploadForm({}, {}, packs=packs)
        form.is_valid()
        form.errors.clear()
        form.errors["file"] = form.error_class(
            [
                _("Filen er for stor. Største tillatte størrelse er %(limit)s.")
                % {"limit": filesizeformat(size_guard.max_bytes)}
            ]
        )
    elif request.method == "POST" and packs and form.is_valid():
        chosen = form.cleaned_data.get("pack")
        upload_file = form.cleaned_data["file"]
        try:
            pack = services.resolve_pack(product, chosen.pk if chosen else None)
            data = upload_file.read()
            # Refuse unreadable files here, on the form, rather than on the preview page.
            parse_workbook(data)
        except FileRefused as exc:
            form.add_error("file", exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            pending.store(request, product=product, pack=pack, data=data, original_name=upload_file.name)
            return redirect("battery_chain:minerals_preview", product_id=product.pk)
    return render(
        request,
        "battery_chain/minerals_upload.html",
        {"product": product, "form": form, "has_packs": bool(packs)},
        status=400 if form.errors else 200,
    )


@organization_required
@require_GET
def preview(request, product_id):
    product = product_for(request, product_id)
    require_write(request)
    loaded = pending.load(request, product)
    if loaded is None:
        messages.info(request, _("Ingen opplastet fil venter på bekreftelse. Last opp rapporten."))
        return redirect("battery_chain:minerals_upload", product_id=product.pk)
    data, entry = loaded
    try:
        pack = services.resolve_pack(product, entry["pack_id"])
        result = services.preview(product=product, pack=pack, data=data)
    except (FileRefused, ValidationError) as exc:
        pending.discard(request, product)
        messages.error(request, exc.message if isinstance(exc, FileRefused) else " ".join(exc.messages))
        return redirect("battery_chain:minerals_upload", product_id=product.pk)
    return render(
        request,
        "battery_chain/minerals_preview.html",
        {
            "product": product,
            "pack": pack,
            "original_name": entry["original_name"],
            "result": result,
            "report": result.as_report(),
            "problems": result.messages,
            "declaration_rows": _declaration_rows(result.parsed.declaration),
            "declaration": result.parsed.declaration,
            "lines": result.lines[:PREVIEW_LINES],
            "line_count": len(result.lines),
            "lines_truncated": len(result.lines) > PREVIEW_LINES,
        },
    )


@organization_required
@require_POST
def confirm(request, product_id):
    product = product_for(request, product_id)
    require_write(request)
    loaded = pending.load(request, product)
    if loaded is None:
        messages.error(request, _("Forhåndsvisningen er utløpt eller allerede brukt. Last opp filen på nytt."))
        return redirect("battery_chain:minerals_upload", product_id=product.pk)
    data, entry = loaded
    try:
        pack = services.resolve_pack(product, entry["pack_id"])
        report = services.import_report(
            product=product, pack=pack, user=request.user, data=data, original_name=entry["original_name"]
        )
    except (FileRefused, ValidationError) as exc:
        pending.discard(request, product)
        for message in [exc.message] if isinstance(exc, FileRefused) else exc.messages:
            messages.error(request, message)
        messages.error(request, _("Ingenting ble importert."))
        return redirect("battery_chain:minerals_upload", product_id=product.pk)
    pending.discard(request, product)
    messages.success(
        request,
        _("Rapporten fra %(company)s er importert med %(count)s opprinnelseslinjer.")
        % {"company": report.company_name or report.original_name, "count": report.report.get("line_count", 0)},
    )
    return redirect("battery_chain:minerals_detail", report_id=report.pk)


@organization_required
@require_POST
def cancel(request, product_id):
    product = product_for(request, product_id)
    require_write(request)
    pending.discard(request, product)
    messages.info(request, _("Importen er avbrutt. Ingenting ble lagret."))
    return redirect("battery_chain:minerals_upload", product_id=product.pk)


@organization_required
@require_GET
def report_list(request):
    form = ReportFilterForm(request.GET or None)
    qs = (
        scoped(request, MineralsReport)
        .select_related("product", "pack", "imported_by")
        .annotate(line_count=Count("lines"))
    )
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            qs = qs.filter(Q(company_name__icontains=q) | Q(product__name__icontains=q) | Q(original_name__icontains=q))
        if form.cleaned_data["template"]:
            qs = qs.filter(template=form.cleaned_data["template"])
        if form.cleaned_data["produkt"]:
            qs = qs.filter(product_id=form.cleaned_data["produkt"])
    listing = paginate(request, qs.order_by("-imported_at", "-pk"), PAGE_SIZE)
    return render(
        request,
        "battery_chain/minerals_list.html",
        {"form": form, "reports": listing["page"].object_list, **listing},
    )


@organization_required
@require_GET
def report_detail(request, report_id):
    report = report_for(request, report_id)
    lines = report.lines.select_related("material").order_by("material__position", "material__name", "pk")
    page = paginate(request, lines, LINES_PAGE_SIZE)["page"]
    stored = report.report or {}
    return render(
        request,
        "battery_chain/minerals_detail.html",
        {
            "minerals_report": report,
            "report": stored,
            "problems": worded(stored.get("problems", [])),
            "declaration_rows": _declaration_rows(report.declaration or {}),
            "declaration": report.declaration or {},
            "page": page,
            "lines": page.object_list,
            "line_count": page.paginator.count,
            "can_write": can_write(request),
            "reported_smelters": (report.declaration or {}).get("smelter_list", [])[:REPORTED_ROWS_SHOWN],
            "reported_mines": (report.declaration or {}).get("mine_list", [])[:REPORTED_ROWS_SHOWN],
            "reported_rows_shown": REPORTED_ROWS_SHOWN,
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def report_delete(request, report_id):
    report = report_for(request, report_id)
    require_write(request)
    if request.method == "POST":
        services.delete_report(report=report, user=request.user)
        messages.success(request, _("Rapporten og linjene fra den er slettet."))
        return redirect("battery_chain:minerals_list")
    return confirm_page(
        request,
        title=_("Slett mineralrapport"),
        question=_(
            "Vil du slette rapporten %(report)s og de %(count)s opprinnelseslinjene som ble importert fra den? "
            "Dette kan ikke angres."
        )
        % {"report": report, "count": report.lines.count()},
        confirm_label=_("Slett rapporten"),
        cancel_url=reverse("battery_chain:minerals_detail", args=[report.pk]),
    )
