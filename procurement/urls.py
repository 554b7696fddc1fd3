from django.urls import include, path

from procurement.views import documents, docx, overview, publication, tender

app_name = "procurement"

P = "<int:procurement_id>/"
R = P + "krav/<int:requirement_id>/"
D = P + "dokumenter/<int:document_id>/"

urlpatterns = [
    path("", overview.procurement_list, name="start"),
    path("ny/", overview.create, name="create"),
    path(P, overview.detail, name="detail"),
    path(P + "endre/", overview.edit, name="edit"),
    path(P + "behov/", overview.needs_assessment, name="needs"),
    path(P + "sjekkliste/", overview.checklist_page, name="checklist"),
    path(P + "publiser/", overview.publish, name="publish"),
    path(P + "status/<str:to_status>/", overview.change_status, name="status"),
    path(P + "rettelse/", overview.amendment_start, name="amendment_start"),
    path(P + "rettelse/fullfor/", overview.amendment_finish, name="amendment_finish"),
    path(P + "krav/", tender.requirements, name="requirements"),
    path(P + "krav/legg-til/", tender.requirement_add, name="requirement_add"),
    path(P + "krav/nytt/", tender.requirement_edit, name="requirement_new"),
    path(P + "krav/hoyrisiko/", tender.high_risk_justification, name="high_risk_justification"),
    path(R, tender.requirement_edit, name="requirement_edit"),
    path(R + "plassholdere/", tender.requirement_placeholders, name="requirement_placeholders"),
    path(R + "flytt/", tender.requirement_move, name="requirement_move"),
    path(R + "fjern/", tender.requirement_remove, name="requirement_remove"),
    path(R + "oppdater/", tender.requirement_update, name="requirement_update"),
    path(P + "tildeling/", tender.award, name="award"),
    path(P + "tildeling/sjekk/", tender.award_check, name="award_check"),
    path(P + "dokumenter/", documents.document_list, name="documents"),
    path(P + "dokumenter/lag/", documents.document_create, name="document_create"),
    path(P + "dokumenter/word/", docx.document_docx, name="document_docx"),
    path(D + "status/", documents.document_status, name="document_status"),
    path(D + "last-ned/", documents.document_download, name="document_download"),
    path(D + "prov-igjen/", documents.document_retry, name="document_retry"),
    path(P + "evaluering/", include("procurement.evaluation.urls")),
    path("cpv/sok/", publication.cpv_search, name="cpv_search"),
    path(P + "cpv/", publication.cpv_edit, name="cpv"),
    path(P + "ocds.json", publication.ocds_package, name="ocds"),
    path(P + "ocds/last-ned/", publication.ocds_download, name="ocds_download"),
    path(P + "kunngjoring/", publication.notice, name="notice"),
    path(P + "kunngjoring/eforms.xml", publication.notice_xml, name="notice_xml"),
    path("ocds/", publication.ocds_years, name="ocds_years"),
    path("ocds/<int:year>.json", publication.ocds_bulk, name="ocds_bulk"),
]
