from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("eksport/pdf/lag/", views.report_pdf, name="report_pdf"),
    path("eksport/<str:fmt>/", views.export, name="export"),
    path("indikator/<str:key>/<int:year>/", views.drill_down, name="drill_down"),
    path("registrerte/", views.entered_list, name="entered_list"),
    path("registrerte/ny/", views.entered_edit, name="entered_create"),
    path("registrerte/<int:value_id>/", views.entered_edit, name="entered_edit"),
    path("registrerte/<int:value_id>/slett/", views.entered_delete, name="entered_delete"),
]
