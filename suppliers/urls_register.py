from django.urls import path

from suppliers.views import contracts, portfolio, register, start

S = "leverandorer/<int:supplier_id>/"
C = "kontrakter/<int:contract_id>/"

urlpatterns = [
    path("", start.start, name="start"),
    path("leverandorer/", register.supplier_list, name="supplier_list"),
    path("leverandorer/ny/", register.supplier_create, name="supplier_create"),
    path(S, register.supplier_detail, name="supplier_detail"),
    path(S + "endre/", register.supplier_edit, name="supplier_edit"),
    path(S + "kontakter/ny/", register.contact_create, name="contact_create"),
    path("kontakter/<int:contact_id>/endre/", register.contact_edit, name="contact_edit"),
    path("kontakter/<int:contact_id>/slett/", register.contact_delete, name="contact_delete"),
    path(S + "sertifikater/nytt/", register.certificate_create, name="certificate_create"),
    path("sertifikater/<int:certificate_id>/endre/", register.certificate_edit, name="certificate_edit"),
    path("sertifikater/<int:certificate_id>/slett/", register.certificate_delete, name="certificate_delete"),
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
    path(C + "oppfolgingsplan/", contracts.contract_plan, name="contract_plan"),
    path(C + "forpliktelser/ny/", contracts.obligation_create, name="obligation_create"),
    path("forpliktelser/<int:obligation_id>/slett/", contracts.obligation_delete, name="obligation_delete"),
]
