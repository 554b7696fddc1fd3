"""The organisation's products (vehicle models): list with scores, chain page, forms, comparison."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from battery_chain import selectors, services
from battery_chain.access import can_write, product_for, require_chain_write
from battery_chain.forms import ProductForm, ProductListForm
from core.access import organization_required
from core.concurrency import save_or_conflict
from core.http import confirm, paginate, refuse

PAGE_SIZE = 25
COMPARE_MAX = 4


@organization_required
@require_GET
def start(request):
    form = ProductListForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.product_list(request, q=filters.get("q", ""), kind=filters.get("kind", ""))
    listing = paginate(request, qs, PAGE_SIZE)
    data = selectors.reference_data()
    rows = [(product, selectors.score_of(product, data)) for product in listing["page"].object_list]
    return render(
        request,
        "battery_chain/start.html",
        {
            "form": form,
            "rows": rows,
            **listing,
            "can_edit": can_write(request),
        },
    )


@organization_required
@require_GET
def detail(request, product_id):
    product = product_for(request, product_id, with_packs=True)
    return render(
        request, "battery_chain/product.html", {**selectors.chain_context(product), "can_edit": can_write(request)}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def create(request):
    require_chain_write(request)
    return _product_form(request, None)


@organization_required
@require_http_methods(["GET", "POST"])
def edit(request, product_id):
    product = product_for(request, product_id, write=True)
    return _product_form(request, product)


def _product_form(request, product):
    form = ProductForm(request.POST or None, instance=product, organization=request.organization)
    conflict = None
    if request.method == "POST" and form.is_valid():
        back = reverse("battery_chain:product_edit", args=[product.pk]) if product else reverse("battery_chain:start")
        try:
            outcome = save_or_conflict(
                form,
                lambda: services.save_product(
                    organization=request.organization,
                    user=request.user,
                    data=form.data_dict(),
                    product=product,
                    version=form.submitted_version(),
                ),
                organization=request.organization,
            )
        except ValidationError as exc:
            return refuse(request, exc, back)
        if outcome.conflict is None:
            messages.success(
                request, _("Produktet er lagret.") if product else _("Produktet er opprettet. Legg til batteripakken.")
            )
            return redirect("battery_chain:product", product_id=outcome.result.pk)
        form, conflict = outcome.form, outcome.conflict
    return render(request, "battery_chain/product_form.html", {"form": form, "product": product, "conflict": conflict})


@organization_required
@require_http_methods(["GET", "POST"])
def delete(request, product_id):
    product = product_for(request, product_id, write=True)
    if request.method == "POST":
        services.delete_product(product=product, user=request.user)
        messages.success(request, _("%(name)s er slettet.") % {"name": product.name})
        return redirect("battery_chain:start")
    return confirm(
        request,
        title=_("Slette %(name)s?") % {"name": product.name},
        question=_("Produktet slettes med alle batteripakker og opprinnelseslinjer. Dette kan ikke angres."),
        confirm_label=_("Slett produktet"),
        cancel_url=reverse("battery_chain:product", args=[product.pk]),
    )


@organization_required
@require_GET
def compare(request):
    """2–4 of the organisation's products side by side: scores, transparency and depth per material."""
    chosen_ids = selectors.chosen_ids(request.GET.getlist("p"))
    comparison = selectors.comparison(request, chosen_ids, maximum=COMPARE_MAX)
    return render(
        request,
        "battery_chain/compare.html",
        {
            "products": selectors.product_choices(request),
            "chosen_ids": chosen_ids,
            "columns": comparison.columns,
            "materials": comparison.materials,
            "error": comparison.error,
        },
    )
