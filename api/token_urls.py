from django.urls import path

from api.views import tokens

app_name = "api_tokens"

urlpatterns = [
    path("", tokens.token_list, name="list"),
    path("<int:token_id>/trekk-tilbake/", tokens.token_revoke, name="revoke"),
]
