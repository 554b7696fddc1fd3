from django.urls import path

from suppliers import views

app_name = "suppliers"

urlpatterns = [
    path("", views.start, name="start"),
]
