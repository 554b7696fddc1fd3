"""The OpenAPI schema and the interactive page: public, they describe the API and hold no data."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
