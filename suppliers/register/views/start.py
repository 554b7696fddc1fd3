"""The follow-up start page: what needs doing now."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.access import organization_required
from suppliers.register.selectors import start_page


@organization_required
@require_GET
def start(request):
    return render(request, "suppliers/start.html", start_page(request))
