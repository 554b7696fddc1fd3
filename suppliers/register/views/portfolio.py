"""The contract portfolio: every contract of the organisation, those that need attention first."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.access import organization_required
from core.http import paginate
from suppliers.register import selectors
from suppliers.register.forms import PortfolioFilterForm


@organization_required
@require_GET
def contract_portfolio(request):
    form = PortfolioFilterForm(request.GET or None, categories=selectors.portfolio_categories(request))
    pagination = paginate(request, selectors.PortfolioPages(form.filter(selectors.portfolio(request))))
    return render(
        request,
        "suppliers/portfolio.html",
        {"form": form, "contracts": pagination["page"].object_list, "today": timezone.localdate(), **pagination},
    )
