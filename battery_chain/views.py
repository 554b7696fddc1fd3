from django.shortcuts import render

from core.access import organization_required


@organization_required
def start(request):
    return render(request, "battery_chain/start.html")
