"""Reference data as pictures and explanations: heatmap, production-share charts, help page."""

from collections import defaultdict

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from battery_chain import risk
from battery_chain.charts import share_bars
from battery_chain.models import CountryRisk, MaterialRisk, ProductionShare, RawMaterial, RiskCategory
from core.access import organization_required


@organization_required
@require_GET
def heatmap(request):
    categories = list(RiskCategory.objects.all())
    cells = {(r.material_id, r.category_id): r for r in MaterialRisk.objects.all()}
    rows = [(m, [cells.get((m.pk, c.pk)) for c in categories]) for m in RawMaterial.objects.all()]
    return render(request, "battery_chain/heatmap.html", {"categories": categories, "rows": rows})


@organization_required
@require_GET
def shares(request):
    """One chart per material for the chosen year (default: the newest year with figures)."""
    all_rows = list(ProductionShare.objects.select_related("material").order_by("material__position", "-share_percent"))
    years = sorted({r.year for r in all_rows}, reverse=True)
    year = request.GET.get("ar", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    risks = {str(c): s for c, s in CountryRisk.objects.values_list("country", "score")}
    by_material = defaultdict(list)
    for row in all_rows:
        if row.year == year:
            by_material[row.material].append(row)
    charts = []
    for material, rows in by_material.items():
        listed = sum(float(r.share_percent) for r in rows)
        bars = [(str(r.country), float(r.share_percent), risks.get(str(r.country))) for r in rows]
        if listed < 100:
            bars.append((risk.REST_OF_WORLD, round(100 - listed, 2), None))
        title = _("Produksjonsandeler for %(material)s i %(year)s") % {"material": material, "year": year}
        charts.append({"material": material, "rows": rows, "svg": share_bars(title, bars), "rest": 100 - listed})
    return render(request, "battery_chain/shares.html", {"years": years, "year": year, "charts": charts})


@organization_required
@require_GET
def help_page(request):
    return render(
        request,
        "battery_chain/help.html",
        {
            "levels": risk.LEVEL_POINTS,
            "default_country": risk.DEFAULT_COUNTRY_RISK,
            "refiner_penalty": risk.REFINER_PENALTY,
            "unknown_penalty": risk.UNKNOWN_PENALTY,
            "max_origin": risk.MAX_ORIGIN,
            "depth_points": risk.DEPTH_POINTS,
        },
    )
