"""Reference data pages: everyone reads them, library editors change them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_countries import countries

from battery_chain import selectors, services
from battery_chain.access import (
    chemistry_content_for,
    country_risk_for,
    is_library_editor,
    material_for,
    material_risk_for,
    production_share_for,
    require_library,
)
from battery_chain.forms import (
    ChemistryContentForm,
    CountryRiskForm,
    MaterialForm,
    MaterialRiskForm,
    ProductionShareForm,
)
from battery_chain.models import (
    Chemistry,
    ChemistryContent,
    MaterialRisk,
    RawMaterial,
)
from core.access import organization_required
from core.concurrency import save_or_conflict
from core.http import confirm, paginate, refuse

PAGE_SIZE = 30


def _edit(request, form_class, instance, *, title: str, back: str, intro: str = ""):
    """The one edit page of every reference fact; the service keeps the history."""
    require_library(request)
    form = form_class(request.POST or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save_or_conflict(
                form,
                lambda: services.save_reference(
                    instance=form.instance, user=request.user, data=form.data_dict(), version=form.submitted_version()
                ),
            )
        except ValidationError as exc:
            return refuse(request, exc, back)
        if outcome.conflict is None:
            messages.success(request, _("Endringen er lagret."))
            return redirect(back)
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "battery_chain/reference_form.html",
        {"form": form, "title": title, "back": back, "intro": intro, "conflict": conflict},
    )


@organization_required
@require_GET
def materials(request):
    risks = MaterialRisk.objects.select_related("category").order_by("category__position")
    rows = RawMaterial.objects.prefetch_related(Prefetch("risks", queryset=risks))
    return render(request, "battery_chain/materials.html", {"materials": rows, "is_editor": is_library_editor(request)})


@organization_required
@require_http_methods(["GET", "POST"])
def material_edit(request, material_id):
    material = material_for(request, material_id)
    return _edit(
        request,
        MaterialForm,
        material,
        title=_("Endre %(name)s") % {"name": material},
        back=reverse("battery_chain:materials"),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def material_risk_edit(request, material_risk_id):
    row = material_risk_for(request, material_risk_id)
    return _edit(
        request,
        MaterialRiskForm,
        row,
        title=_("%(material)s: %(category)s") % {"material": row.material, "category": row.category},
        back=reverse("battery_chain:materials"),
        intro=row.category.annex_x,
    )


@organization_required
@require_GET
def country_list(request):
    q = request.GET.get("q", "").strip()
    rows = selectors.country_risks(q)
    return render(
        request,
        "battery_chain/countries.html",
        {**paginate(request, rows, PAGE_SIZE), "q": q, "is_editor": is_library_editor(request)},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def country_create(request):
    return _edit(request, CountryRiskForm, None, title=_("Ny landrisiko"), back=reverse("battery_chain:countries"))


@organization_required
@require_http_methods(["GET", "POST"])
def country_edit(request, country_risk_id):
    row = country_risk_for(request, country_risk_id)
    return _edit(
        request,
        CountryRiskForm,
        row,
        title=_("Landrisiko for %(country)s") % {"country": countries.name(row.country)},
        back=reverse("battery_chain:countries"),
    )


@organization_required
@require_http_methods(["GET", "POST"])
def share_create(request):
    return _edit(
        request, ProductionShareForm, None, title=_("Ny produksjonsandel"), back=reverse("battery_chain:shares")
    )


@organization_required
@require_http_methods(["GET", "POST"])
def share_edit(request, production_share_id):
    row = production_share_for(request, production_share_id)
    back = reverse("battery_chain:shares") + f"?ar={row.year}"
    return _edit(request, ProductionShareForm, row, title=_("Endre %(share)s") % {"share": row}, back=back)


@organization_required
@require_http_methods(["GET", "POST"])
def share_delete(request, production_share_id):
    row = production_share_for(request, production_share_id, write=True)
    back = reverse("battery_chain:shares") + f"?ar={row.year}"
    if request.method == "POST":
        services.delete_reference(instance=row, user=request.user)
        messages.success(request, _("Produksjonsandelen er slettet."))
        return redirect(back)
    return confirm(
        request,
        title=_("Slette produksjonsandelen?"),
        question=_("%(share)s slettes. Risikoberegningen bruker da standard landrisiko for denne delen.")
        % {"share": row},
        confirm_label=_("Slett andelen"),
        cancel_url=back,
    )


@organization_required
@require_GET
def chemistries(request):
    rows = Chemistry.objects.prefetch_related(
        Prefetch(
            "contents", queryset=ChemistryContent.objects.select_related("material").order_by("material__position")
        )
    )
    return render(
        request, "battery_chain/chemistries.html", {"chemistries": rows, "is_editor": is_library_editor(request)}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def content_create(request):
    return _edit(
        request, ChemistryContentForm, None, title=_("Nytt materialinnhold"), back=reverse("battery_chain:chemistries")
    )


@organization_required
@require_http_methods(["GET", "POST"])
def content_edit(request, chemistry_content_id):
    row = chemistry_content_for(request, chemistry_content_id)
    return _edit(
        request,
        ChemistryContentForm,
        row,
        title=_("Endre %(row)s") % {"row": row},
        back=reverse("battery_chain:chemistries"),
    )
