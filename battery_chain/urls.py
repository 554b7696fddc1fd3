"""Battery chains: chain maps, risk and reference data here; minerals-report imports in minerals/urls.py."""

from django.urls import path

from battery_chain.minerals import urls as minerals_urls
from battery_chain.views import analysis, packs, products, reference, report

app_name = "battery_chain"

P = "<int:product_id>/"
K = P + "pakker/<int:pack_id>/"
L = K + "linjer/<int:line_id>/"

urlpatterns = [
    path("", products.start, name="start"),
    path("ny/", products.create, name="product_create"),
    path("sammenlign/", products.compare, name="compare"),
    path(P, products.detail, name="product"),
    path(P + "endre/", products.edit, name="product_edit"),
    path(P + "slett/", products.delete, name="product_delete"),
    path(P + "rapport/", report.product_report, name="product_report"),
    path(P + "pakker/ny/", packs.pack_create, name="pack_create"),
    path(K + "endre/", packs.pack_edit, name="pack_edit"),
    path(K + "slett/", packs.pack_delete, name="pack_delete"),
    path(K + "linjer/ny/", packs.line_create, name="line_create"),
    path(L + "endre/", packs.line_edit, name="line_edit"),
    path(L + "slett/", packs.line_delete, name="line_delete"),
    path("varmekart/", analysis.heatmap, name="heatmap"),
    path("produksjon/", analysis.shares, name="shares"),
    path("slik-beregnes-risiko/", analysis.help_page, name="help"),
    # National reference data (the same for every organisation; library editors change it).
    path("referanse/raavarer/", reference.materials, name="materials"),
    path("referanse/raavarer/<int:material_id>/", reference.material_edit, name="material_edit"),
    path("referanse/risiko/<int:material_risk_id>/", reference.material_risk_edit, name="material_risk_edit"),
    path("referanse/land/", reference.country_list, name="countries"),
    path("referanse/land/ny/", reference.country_create, name="country_create"),
    path("referanse/land/<int:country_risk_id>/", reference.country_edit, name="country_edit"),
    path("referanse/andeler/ny/", reference.share_create, name="share_create"),
    path("referanse/andeler/<int:production_share_id>/", reference.share_edit, name="share_edit"),
    path("referanse/andeler/<int:production_share_id>/slett/", reference.share_delete, name="share_delete"),
    path("referanse/kjemi/", reference.chemistries, name="chemistries"),
    path("referanse/kjemi/innhold/ny/", reference.content_create, name="content_create"),
    path("referanse/kjemi/innhold/<int:chemistry_content_id>/", reference.content_edit, name="content_edit"),
    *minerals_urls.urlpatterns,
]
