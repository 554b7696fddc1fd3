from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Invitation, Membership
from core.roles import Role
from tests.conftest import client_for
from tests.factories import UserFactory, member


@pytest.fixture
def admin(org):
    return member(org, Role.ORG_ADMIN)


def _invite(admin, email="ny.person@test.example", role=Role.CONTRACT_FOLLOWER):
    client = client_for(admin)
    response = client.post(reverse("core:invite"), {"email": email, "role": role})
    return client, response


def test_org_admin_invites_by_email_and_a_new_person_registers(org, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _client, response = _invite(admin)
    assert response.status_code == 302
    invitation = Invitation.objects.get(organization=org)
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body

    from django.test import Client

    visitor = Client()
    url = reverse("core:accept_invitation", args=[invitation.token])
    assert visitor.get(url).status_code == 200
    response = visitor.post(
        url,
        {
            "first_name": "Ny",
            "last_name": "Person",
            "password1": "Lang-og-trygg-2026",
            "password2": "Lang-og-trygg-2026",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        organization=org, user__email="ny.person@test.example", role=Role.CONTRACT_FOLLOWER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Used once: the link is now closed.
    assert visitor.get(url).status_code == 410


def test_existing_user_accepts_when_logged_in(org, admin, other_org):
    existing = member(other_org, Role.BUYER)
    _invite(admin, email=existing.email, role=Role.BUYER)
    invitation = Invitation.objects.get(organization=org)
    response = client_for(existing).post(reverse("core:accept_invitation", args=[invitation.token]))
    assert response.status_code == 302
    assert Membership.objects.filter(user=existing, organization=org).exists()


def test_invitation_for_someone_else_is_refused(org, admin):
    _invite(admin, email="riktig@test.example")
    invitation = Invitation.objects.get(organization=org)
    wrong = UserFactory(email="feil@test.example")
    client_for(wrong).post(reverse("core:accept_invitation", args=[invitation.token]))
    assert not Membership.objects.filter(user=wrong, organization=org).exists()


def test_expired_invitation_is_gone(org, admin):
    _invite(admin)
    invitation = Invitation.objects.get(organization=org)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    from django.test import Client

    assert Client().get(reverse("core:accept_invitation", args=[invitation.token])).status_code == 410


def test_invite_form_explains_bad_input(admin):
    _client, response = _invite(admin, email="ikke-en-adresse")
    assert response.status_code == 200
    assert "e-postadresse" in response.content.decode().lower() or "gyldig" in response.content.decode().lower()
    assert not Invitation.objects.exists()


def test_admin_cancels_an_invitation_after_confirming(org, admin):
    client, _ = _invite(admin)
    invitation = Invitation.objects.get(organization=org)
    url = reverse("core:cancel_invitation", args=[invitation.pk])
    assert client.get(url).status_code == 200  # the confirmation page
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    client.post(url)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_admin_removes_a_member_but_never_the_last_admin(org, admin):
    officer = member(org, Role.BUYER)
    client = client_for(admin)
    officer_membership = Membership.objects.get(user=officer, organization=org)
    client.post(reverse("core:remove_membership", args=[officer_membership.pk]))
    assert not Membership.objects.filter(pk=officer_membership.pk).exists()

    own = Membership.objects.get(user=admin, organization=org, role=Role.ORG_ADMIN)
    response = client.post(reverse("core:remove_membership", args=[own.pk]), follow=True)
    assert Membership.objects.filter(pk=own.pk).exists()
    assert "minst én organisasjonsadministrator" in response.content.decode()
