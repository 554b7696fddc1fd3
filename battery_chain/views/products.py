"""The organisation's products (vehicle models): list with scores, chain page, forms, comparison."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from battery_chain import risk, selectors, services
from battery_chain.diagram import chain_svg, country_name
from battery_chain.forms import ProductForm, ProductListForm
from battery_chain.models import Product, RawMaterial
from battery_chain.views.common import can_edit_chains, product_for, require_chain_write
from core.access import organization_required, scoped
from core.http import confirm, paginate, refuse

PAGE_SIZE = 25
COMPARE_MAX = 4


@organization_required
@require_GET
def start(request):
    form = ProductListForm(request.GET or None)
    qs = scoped(request, Product).select_related("supplier", "contract").prefetch_related(selectors.packs_prefetch())
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(maker__icontains=q) | Q(packs__cell_maker__icontains=q)).distinct()
        if form.cleaned_data["kind"]:
            qs = qs.filter(kind=form.cleaned_data["kind"])
    listing = paginate(request, qs.order_by("name", "pk"), PAGE_SIZE)
    data = selectors.reference_data()
    rows = [(product, selectors.score_of(product, data)) for product in listing["page"].object_list]
    return render(
        request,
        "battery_chain/start.html",
        {
            "form": form,
            "rows": rows,
            **listing,
            "can_edit": can_edit_chains(request),
        },
    )


def breakdown(score: risk.ProductScore, data: selectors.ReferenceData) -> dict:
    """The score's drivers with names, for the product page and the report."""
    names = {slug: m.name for slug, m in data.materials.items()}
    return {
        "materials": [(m, names.get(m.material, m.material)) for m in score.materials],
        "countries": [(country_name(code), points) for code, points in score.drivers("countries")],
        "categories": [
            (data.categories[slug].name if slug in data.categories else _("Ukjent kategori"), points)
            for slug, points in score.drivers("categories")
        ],
    }


def chain_context(product) -> dict:
    data = selectors.reference_data()
    packs = list(product.packs.all())
    score = selectors.score_of(product, data)
    names = {slug: m.name for slug, m in data.materials.items()}
    return {
        "product": product,
        "packs": packs,
        "score": score,
        "breakdown": breakdown(score, data),
        "diagram": chain_svg(product, packs, score, data.ref, names),
    }


@organization_required
@require_GET
def detail(request, product_id):
    product = product_for(request, product_id, with_packs=True)
    return render(
        request, "battery_chain/product.html", {**chain_context(product), "can_edit": can_edit_chains(request)}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def create(request):
    require_chain_write(request)
    return _product_form(request, None)


@organization_required
@require_http_methods(["GET", "POST"])
def edit(request, product_id):
    product = product_for(request, product_id)
    require_chain_write(request)
    return _product_form(request, product)


def _product_form(request, product):
    form = ProductForm(request.POST or None, instance=product, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        back = reverse("battery_chain:product_edit", args=[product.pk]) if product else reverse("battery_chain:start")
        try:
            saved = services.save_product(
                organization=request.organization, user=request.user, data=form.data_dict(), product=product
            )
        except ValidationError as exc:
            return refuse(request, exc, back)
        messages.success(
            request, _("Produktet er lagret.") if product else _("Produktet er opprettet. Legg til batteripakken.")
        )
        return redirect("battery_chain:product", product_id=saved.pk)
    return render(request, "battery_chain/product_form.html", {"form": form, "product": product})


@organization_required
@require_http_methods(["GET", "POST"])
def delete(request, product_id):
    product = product_for(request, product_id)
    require_chain_write(request)
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
    products = list(scoped(request, Product).order_by("name", "pk"))
    chosen_ids = []
    for value in request.GET.getlist("p"):
        if value.isdigit() and int(value) not in chosen_ids:
            chosen_ids.append(int(value))
    error = ""
    columns = []
    if chosen_ids:
        if not 2 <= len(chosen_ids) <= COMPARE_MAX:
            error = _("Velg mellom 2 og %(max)s produkter.") % {"max": COMPARE_MAX}
        else:
            chosen = (
                scoped(request, Product)
                .filter(pk__in=chosen_ids)
                .prefetch_related(selectors.packs_prefetch())
                .order_by("name", "pk")
            )
            data = selectors.reference_data()
            columns = [(p, selectors.score_of(p, data)) for p in chosen]
            if len(columns) != len(chosen_ids):
                error, columns = _("Et av de valgte produktene finnes ikke i organisasjonen."), []
    materials = []
    if columns:
        data_materials = RawMaterial.objects.all()
        present = {m.material for _p, s in columns for m in s.materials}
        by_product = [{m.material: m for m in s.materials} for _p, s in columns]
        materials = [(m, [row.get(m.slug) for row in by_product]) for m in data_materials if m.slug in present]
    return render(
        request,
        "battery_chain/compare.html",
        {"products": products, "chosen_ids": chosen_ids, "columns": columns, "materials": materials, "error": error},
    )
