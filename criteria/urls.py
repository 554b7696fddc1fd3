from django.urls import path

from criteria import views

app_name = "criteria"

urlpatterns = [
    path("", views.library, name="start"),
    path("nytt/", views.create, name="create"),
    path("import/", views.import_library, name="import"),
    path("import/ventende/", views.library_imports, name="library_imports"),
    path("import/<int:library_import_id>/", views.library_import, name="library_import"),
    path("import/<int:library_import_id>/godkjenn/", views.library_import_approve, name="library_import_approve"),
    path("import/<int:library_import_id>/avvis/", views.library_import_reject, name="library_import_reject"),
    path("eksport.json", views.export_json, name="export_json"),
    path("eksport.csv", views.export_csv, name="export_csv"),
    path("regneark.<str:fmt>", views.export_spreadsheet, name="export_spreadsheet"),
    path("<int:criterion_id>/", views.detail, name="detail"),
    path("<int:criterion_id>/endre/", views.edit, name="edit"),
    path("<int:criterion_id>/historikk/", views.history, name="history"),
    path("<int:criterion_id>/publiser/", views.publish, name="publish"),
    path("<int:criterion_id>/utgatt/", views.retire, name="retire"),
    path("<int:criterion_id>/gjenapne/", views.reinstate, name="reinstate"),
    path("<int:criterion_id>/deling/", views.share, name="share"),
    path("<int:criterion_id>/deling/<int:criterion_share_id>/fjern/", views.unshare, name="unshare"),
    path("forslag/", views.proposals, name="proposals"),
    path("forslag/<int:revision_id>/", views.proposal, name="proposal"),
    path("forslag/<int:revision_id>/godkjenn/", views.proposal_approve, name="proposal_approve"),
    path("forslag/<int:revision_id>/avvis/", views.proposal_reject, name="proposal_reject"),
    path("forslag/<int:revision_id>/kommenter/", views.proposal_comment, name="proposal_comment"),
]
