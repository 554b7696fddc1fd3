"""Minerals reports (CMRT/EMRT). Other pages link to the upload as {% url 'battery_chain:minerals_upload' product.pk %}."""

from django.urls import path

from battery_chain.minerals.views import from_answers, imports, reports, smelter_lists

urlpatterns = [
    path("mineralrapporter/", reports.report_list, name="minerals_list"),
    path("mineralrapporter/referanselister/", smelter_lists.smelter_lists, name="minerals_smelter_lists"),
    path("mineralrapporter/<int:report_id>/", reports.report_detail, name="minerals_detail"),
    path("mineralrapporter/<int:report_id>/slett/", reports.report_delete, name="minerals_delete"),
    path("mineralrapporter/produkt/<int:product_id>/last-opp/", imports.upload, name="minerals_upload"),
    path("mineralrapporter/produkt/<int:product_id>/forhandsvisning/", imports.preview, name="minerals_preview"),
    path("mineralrapporter/produkt/<int:product_id>/bekreft/", imports.confirm, name="minerals_confirm"),
    path("mineralrapporter/fra-svar/<int:attachment_id>/", from_answers.review, name="minerals_from_answer"),
    path("mineralrapporter/produkt/<int:product_id>/avbryt/", imports.cancel, name="minerals_cancel"),
]
