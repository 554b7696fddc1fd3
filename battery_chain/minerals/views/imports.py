"""Importing a minerals report (CMRT/EMRT): upload, preview, confirm or cancel.

The flow is upload → preview (a dry run: nothing is written; the file waits server-side,
see minerals/pending.py) → confirm (one transaction) or cancel.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from battery_chain.access import import_product_for
from battery_chain.minerals import pending, selectors, services
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.forms import UploadForm
from battery_chain.minerals.parser import parse_workbook
from battery_chain.minerals.uploads import SizeLimitedUploadHandler
from core.access import organization_required

PREVIEW_LINES = 200


@csrf_exempt  # only so the upload handler can be set before the body is read; CSRF is checked just below
@organization_required
@require_http_methods(["GET", "POST"])
def upload(request, product_id):
    size_guard = SizeLimitedUploadHandler(request)
    request.upload_handlers.insert(0, size_guard)
    return _upload(request, product_id, size_guard)


@csrf_protect
def _upload(request, product_id, size_guard):
    product = import_product_for(request, product_id)
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
    product = import_product_for(request, product_id)
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
            "declaration_rows": selectors.declaration_rows(result.parsed.declaration),
            "declaration": result.parsed.declaration,
            "lines": result.lines[:PREVIEW_LINES],
            "line_count": len(result.lines),
            "lines_truncated": len(result.lines) > PREVIEW_LINES,
        },
    )


@organization_required
@require_POST
def confirm(request, product_id):
    product = import_product_for(request, product_id)
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
    product = import_product_for(request, product_id)
    pending.discard(request, product)
    messages.info(request, _("Importen er avbrutt. Ingenting ble lagret."))
    return redirect("battery_chain:minerals_upload", product_id=product.pk)
