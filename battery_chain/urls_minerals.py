"""Minerals reports (CMRT/EMRT). Other pages link to the upload as {% url 'battery_chain:minerals_upload' product.pk %}."""

from django.urls import path

from battery_chain import minerals_views as views
from battery_chain.minerals import from_answers

urlpatterns = [
    path("mineralrapporter/", views.report_list, name="minerals_list"),
    path("mineralrapporter/<int:report_id>/", views.report_detail, name="minerals_detail"),
    path("mineralrapporter/<int:report_id>/slett/", views.report_delete, name="minerals_delete"),
    path("mineralrapporter/produkt/<int:product_id>/last-opp/", views.upload, name="minerals_upload"),
    path("mineralrapporter/produkt/<int:product_id>/forhandsvisning/", views.preview, name="minerals_preview"),
    path("mineralrapporter/produkt/<int:product_id>/bekreft/", views.confirm, name="minerals_confirm"),
    path("mineralrapporter/fra-svar/<int:attachment_id>/", from_answers.review, name="minerals_from_answer"),
    path("mineralrapporter/produkt/<int:product_id>/avbryt/", views.cancel, name="minerals_cancel"),
]
