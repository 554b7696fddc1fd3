from django.urls import path

from criteria import views

app_name = "criteria"

urlpatterns = [
    path("", views.library, name="start"),
    path("nytt/", views.create, name="create"),
    path("import/", views.import_library, name="import"),
    path("eksport.json", views.export_json, name="export_json"),
    path("eksport.csv", views.export_csv, name="export_csv"),
    path("<int:criterion_id>/", views.detail, name="detail"),
    path("<int:criterion_id>/endre/", views.edit, name="edit"),
    path("<int:criterion_id>/historikk/", views.history, name="history"),
    path("<int:criterion_id>/publiser/", views.publish, name="publish"),
    path("<int:criterion_id>/utgatt/", views.retire, name="retire"),
    path("<int:criterion_id>/gjenapne/", views.reinstate, name="reinstate"),
]
