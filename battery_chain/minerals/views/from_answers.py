"""Minerals workbooks a supplier sent on the answer page: the follower previews and accepts them.

The supplier's upload passed the import's safety checks and parser already
(battery_chain/minerals/from_answers.py); nothing was
imported. Here the follower picks the case's product (the organisation's
products of that supplier, the contract's first), and the workbook goes into
the ordinary preview → confirm flow of views/imports.py, which imports it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from battery_chain.minerals import pending, services
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.parser import parse_workbook
from battery_chain.models import Product
from core.access import organization_required
from suppliers.follow_up.access import case_for
from suppliers.models import Attachment


class ProductForm(forms.Form):
    product = forms.ModelChoiceField(label=gettext_lazy("Produkt"), queryset=Product.objects.none())

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].widget.attrs["class"] = "form-select"


def _products(case):
    """The case's products: its contract's, or else every product of its supplier in the organisation."""
    products = Product.objects.filter(organization=case.organization, supplier=case.supplier)
    if case.contract_id and products.filter(contract_id=case.contract_id).exists():
        products = products.filter(contract_id=case.contract_id)
    return products.order_by("name")


@organization_required
@require_http_methods(["GET", "POST"])
def review(request, attachment_id):
    """Choose the product, then continue to the import's preview (where nothing is written until confirmed)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("response__request__case"),
        pk=attachment_id,
        response__submission__isnull=False,
    )
    # 404 unless the case is this organisation's (or shared with it), 403 without the follow-up role.
    case = case_for(request, attachment.response.request.case_id, write=True)
    if not attachment.response.submission.workbooks.filter(pk=attachment.pk).exists():
        raise Http404(_("Filen er ikke sendt inn som mineralrapport."))
    products = _products(case)
    form = ProductForm(request.POST or None, products=products, initial={"product": products.first()})
    if request.method == "POST" and form.is_valid():
        product = form.cleaned_data["product"]
        try:
            pack = services.resolve_pack(product, None)
            with attachment.file.open("rb") as handle:
                data = handle.read()
            parse_workbook(data)
        except FileRefused as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            pending.store(request, product=product, pack=pack, data=data, original_name=attachment.original_name)
            return redirect("battery_chain:minerals_preview", product_id=product.pk)
    return render(
        request,
        "battery_chain/minerals_from_answer.html",
        {"attachment": attachment, "case": case, "form": form, "has_products": products.exists()},
        status=400 if form.errors else 200,
    )
