from django.urls import path

from procurement.evaluation import views

app_name = "evaluation"

B = "tilbud/<int:bid_id>/"

# Included under anskaffelser/<procurement_id>/evaluering/ (procurement/urls.py).
urlpatterns = [
    path("", views.overview, name="overview"),
    path("poengmodell/", views.scoring_model, name="model"),
    path("tilbud/nytt/", views.bid_form, name="bid_create"),
    path(B, views.bid_form, name="bid_edit"),
    path(B + "slett/", views.bid_delete, name="bid_delete"),
    path(B + "mine-poeng/", views.bid_scores, name="bid_scores"),
    path("konsensus/", views.consensus, name="consensus"),
    path("tildeling/", views.award, name="award"),
    path("tildeling/brev/", views.award_letter, name="award_letter"),
]
