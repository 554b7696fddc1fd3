"""The contract portfolio: every contract of the organisation, those that need attention first."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.access import organization_required, scoped
from criteria.models import Category
from suppliers.forms_register import PortfolioFilterForm
from suppliers.models import Contract
from suppliers.selectors_register import portfolio
from suppliers.views.register_helpers import paginate


@organization_required
@require_GET
def contract_portfolio(request):
    categories = Category.objects.filter(pk__in=scoped(request, Contract).values("category_id")).order_by(
        "position", "name"
    )
    form = PortfolioFilterForm(request.GET or None, categories=categories)
    qs = portfolio(request)
    if form.is_valid():
        data = form.cleaned_data
        q = data["q"].strip()
        if q:
            qs = qs.filter(
                Q(title__icontains=q) | Q(reference__icontains=q) | Q(suppliers__name__icontains=q)
            ).distinct()
        if data["priority"] == "ikke_vurdert":
            qs = qs.filter(priority="")
        elif data["priority"]:
            qs = qs.filter(priority=data["priority"])
        if data["category"]:
            qs = qs.filter(category=data["category"])
    pagination = paginate(request, qs)
    return render(
        request,
        "suppliers/portfolio.html",
        {"form": form, "contracts": pagination["page"].object_list, "today": timezone.localdate(), **pagination},
    )
