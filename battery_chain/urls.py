from django.urls import path

from battery_chain import views

app_name = "battery_chain"

urlpatterns = [
    path("", views.start, name="start"),
]
