"""Public token links for suppliers (no login); outside tenant scoping by design, see tests/url_walk.py."""

from django.urls import path

from suppliers.follow_up.answer_page import views

app_name = "answer_page"

T = "<str:token>/"

urlpatterns = [
    path(T, views.answer, name="answer"),
    path(T + "fil/", views.upload, name="upload"),
    path(T + "fil/<int:file_id>/fjern/", views.remove_file, name="remove_file"),
    path(T + "utsettelse/", views.extension, name="extension"),
    path(T + "avslag/", views.refusal, name="refusal"),
]
