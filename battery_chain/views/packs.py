"""Battery packs of a product and the sourcing lines of each pack."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from battery_chain import services
from battery_chain.access import pack_for, product_for, sourcing_line_for
from battery_chain.forms import LineForm, PackForm
from core.access import organization_required
from core.concurrency import save_or_conflict
from core.http import confirm, refuse


def _product_url(product) -> str:
    return reverse("battery_chain:product", args=[product.pk])


@organization_required
@require_http_methods(["GET", "POST"])
def pack_create(request, product_id):
    product = product_for(request, product_id, write=True)
    return _pack_form(request, product, None)


@organization_required
@require_http_methods(["GET", "POST"])
def pack_edit(request, product_id, pack_id):
    pack = pack_for(request, pack_id, product_id=product_id, write=True)
    return _pack_form(request, pack.product, pack)


def _pack_form(request, product, pack):
    form = PackForm(request.POST or None, instance=pack, product=product)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save_or_conflict(
                form,
                lambda: services.save_pack(
                    product=product,
                    user=request.user,
                    data=form.data_dict(),
                    requirements=list(form.cleaned_data["circularity_requirements"]),
                    pack=pack,
                    version=form.submitted_version(),
                ),
                product=product,
            )
        except ValidationError as exc:
            return refuse(request, exc, _product_url(product))
        if outcome.conflict is None:
            messages.success(request, _("Batteripakken er lagret."))
            return redirect(_product_url(product))
        form, conflict = outcome.form, outcome.conflict
    return render(
        request, "battery_chain/pack_form.html", {"form": form, "product": product, "pack": pack, "conflict": conflict}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def pack_delete(request, product_id, pack_id):
    pack = pack_for(request, pack_id, product_id=product_id, write=True)
    if request.method == "POST":
        services.delete_pack(pack=pack, user=request.user)
        messages.success(request, _("Batteripakken er slettet."))
        return redirect(_product_url(pack.product))
    return confirm(
        request,
        title=_("Slette batteripakken?"),
        question=_("%(pack)s slettes med alle opprinnelseslinjer. Dette kan ikke angres.") % {"pack": pack},
        confirm_label=_("Slett batteripakken"),
        cancel_url=_product_url(pack.product),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def line_create(request, product_id, pack_id):
    pack = pack_for(request, pack_id, product_id=product_id, write=True)
    return _line_form(request, pack, None)


@organization_required
@require_http_methods(["GET", "POST"])
def line_edit(request, product_id, pack_id, line_id):
    line = sourcing_line_for(request, line_id, product_id=product_id, pack_id=pack_id, write=True)
    return _line_form(request, line.pack, line)


def _line_form(request, pack, line):
    form = LineForm(request.POST or None, instance=line, pack=pack)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save_or_conflict(
                form,
                lambda: services.save_line(
                    pack=pack, user=request.user, data=form.data_dict(), line=line, version=form.submitted_version()
                ),
                pack=pack,
            )
        except ValidationError as exc:
            return refuse(request, exc, _product_url(pack.product))
        if outcome.conflict is None:
            messages.success(request, _("Opprinnelseslinjen er lagret."))
            return redirect(_product_url(pack.product))
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "battery_chain/line_form.html",
        {"form": form, "product": pack.product, "pack": pack, "line": line, "conflict": conflict},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def line_delete(request, product_id, pack_id, line_id):
    line = sourcing_line_for(request, line_id, product_id=product_id, pack_id=pack_id, write=True)
    product = line.pack.product
    if request.method == "POST":
        services.delete_line(line=line, user=request.user)
        messages.success(request, _("Opprinnelseslinjen er slettet."))
        return redirect(_product_url(product))
    return confirm(
        request,
        title=_("Slette opprinnelseslinjen?"),
        question=_("Linjen for %(material)s i %(pack)s slettes. Dette kan ikke angres.")
        % {"material": line.material, "pack": line.pack},
        confirm_label=_("Slett linjen"),
        cancel_url=_product_url(product),
    )
