from django.urls import path

from suppliers.register.views import contracts, portfolio, start, suppliers

S = "leverandorer/<int:supplier_id>/"
C = "kontrakter/<int:contract_id>/"

urlpatterns = [
    path("", start.start, name="start"),
    path("leverandorer/", suppliers.supplier_list, name="supplier_list"),
    path("leverandorer/ny/", suppliers.supplier_create, name="supplier_create"),
    path(S, suppliers.supplier_detail, name="supplier_detail"),
    path(S + "endre/", suppliers.supplier_edit, name="supplier_edit"),
    path(S + "egne-opplysninger/", suppliers.supplier_profile_edit, name="supplier_profile_edit"),
    path(S + "kontakter/ny/", suppliers.contact_create, name="contact_create"),
    path("kontakter/<int:contact_id>/endre/", suppliers.contact_edit, name="contact_edit"),
    path("kontakter/<int:contact_id>/slett/", suppliers.contact_delete, name="contact_delete"),
    path(S + "sertifikater/nytt/", suppliers.certificate_create, name="certificate_create"),
    path("sertifikater/<int:certificate_id>/endre/", suppliers.certificate_edit, name="certificate_edit"),
    path("sertifikater/<int:certificate_id>/slett/", suppliers.certificate_delete, name="certificate_delete"),
    path("kontrakter/", portfolio.contract_portfolio, name="portfolio"),
    path("kontrakter/ny/", contracts.contract_create, name="contract_create"),
    path(
        "kontrakter/ny/fra-anskaffelse/<int:procurement_id>/",
        contracts.contract_from_procurement,
        name="contract_from_procurement",
    ),
    path(
        "kontrakter/ny/fra-tildeling/<int:procurement_id>/", contracts.contract_from_award, name="contract_from_award"
    ),
    path(C, contracts.contract_detail, name="contract_detail"),
    path(C + "endre/", contracts.contract_edit, name="contract_edit"),
    path(C + "prioritering/", contracts.contract_priority, name="contract_priority"),
    path(C + "prioritering/beregn/", contracts.contract_priority_preview, name="contract_priority_preview"),
    path(C + "oppfolgingsplan/", contracts.contract_plan, name="contract_plan"),
    path(C + "forpliktelser/ny/", contracts.obligation_create, name="obligation_create"),
    path("forpliktelser/<int:obligation_id>/slett/", contracts.obligation_delete, name="obligation_delete"),
]
