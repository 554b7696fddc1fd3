from django.urls import path

from battery_chain import views

urlpatterns = [
    path("", views.start, name="start"),
]
