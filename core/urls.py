from django.urls import path

from core import logo_views, public_pages, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisasjon/bytt/", views.switch_organization, name="switch_organization"),
    path("organisasjon/innstillinger/", views.organization_settings, name="organization_settings"),
    path("organisasjon/medlemmer/", views.members, name="members"),
    path("organisasjon/medlemmer/inviter/", views.invite, name="invite"),
    path("organisasjon/medlemmer/<int:membership_id>/fjern/", views.remove_membership, name="remove_membership"),
    path(
        "organisasjon/invitasjoner/<int:invitation_id>/trekk-tilbake/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("organisasjon/logo/", logo_views.logo, name="logo"),
    path("organisasjon/logo/erstatt/", logo_views.logo_replace, name="logo_replace"),
    path("organisasjon/logo/fjern/", logo_views.logo_remove, name="logo_remove"),
    path("organisasjon/logo/<int:logo_id>/bilde/", logo_views.logo_image, name="logo_image"),
    path("invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("organisasjon/aktivitet/", views.activity, name="activity"),
    path("tilgjengelighet/", public_pages.accessibility_statement, name="accessibility"),
]
