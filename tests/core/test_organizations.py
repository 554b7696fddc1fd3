import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.access import ACTIVE_ORG_SESSION_KEY
from core.models import Membership, Organization
from core.roles import Role
from core.validators import validate_orgnr
from tests.conftest import client_for
from tests.factories import OrganizationFactory, member


@pytest.mark.parametrize("orgnr", ["964338531", "821 311 632", "958935420"])
def test_real_organisation_numbers_pass(orgnr):
    validate_orgnr(orgnr)


@pytest.mark.parametrize(
    ("orgnr", "code"),
    [("964338532", "orgnr_checksum"), ("12345678", "orgnr_format"), ("96433853A", "orgnr_format")],
)
def test_bad_organisation_numbers_are_refused_with_a_reason(orgnr, code):
    with pytest.raises(ValidationError) as exc:
        validate_orgnr(orgnr)
    assert exc.value.code == code


@pytest.mark.django_db
def test_organization_full_clean_refuses_a_wrong_check_digit():
    org = Organization(name="Feil kommune", orgnr="964338532", kind=Organization.Kind.MUNICIPALITY)
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "orgnr" in exc.value.message_dict


@pytest.mark.django_db
def test_a_member_of_two_organisations_switches_the_active_one():
    first, second = OrganizationFactory(name="Aaa kommune"), OrganizationFactory(name="Bbb fylkeskommune")
    user = member(first, Role.BUYER)
    Membership.objects.create(user=user, organization=second, role=Role.CONTRACT_FOLLOWER)
    client = client_for(user)

    response = client.post(reverse("core:switch_organization"), {"organization": second.pk, "next": "/kriterier/"})

    assert response.status_code == 302 and response["Location"] == "/kriterier/"
    assert client.session[ACTIVE_ORG_SESSION_KEY] == second.pk
    assert "Bbb fylkeskommune" in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_switching_to_a_foreign_organisation_is_a_404(org, other_org):
    client = client_for(member(org, Role.BUYER))
    assert client.post(reverse("core:switch_organization"), {"organization": other_org.pk}).status_code == 404
    assert client.post(reverse("core:switch_organization"), {"organization": "x"}).status_code == 404
    assert ACTIVE_ORG_SESSION_KEY not in client.session


@pytest.mark.django_db
def test_switch_never_redirects_off_site(org):
    client = client_for(member(org, Role.BUYER))
    response = client.post(
        reverse("core:switch_organization"), {"organization": org.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_a_user_without_organisation_is_told_how_to_get_one(django_user_model):
    user = django_user_model.objects.create_user("alene@test.example", "alene@test.example", "x")
    response = client_for(user).get(reverse("core:home"))
    assert response.status_code == 403
    assert "organisasjon" in response.content.decode().lower()


def test_only_org_admins_reach_the_member_pages(users):
    for role, user in users.items():
        expected = 200 if role == Role.ORG_ADMIN else 403
        assert client_for(user).get(reverse("core:members")).status_code == expected, role


@pytest.mark.django_db
def test_a_stale_settings_submit_by_a_second_administrator_reverts_nothing(org):
    anne, bjorn = client_for(member(org, Role.ORG_ADMIN)), client_for(member(org, Role.ORG_ADMIN))
    url = reverse("core:organization_settings")
    opened = anne.get(url).context["form"]["version"].value()
    assert bjorn.get(url).context["form"]["version"].value() == opened

    assert anne.post(url, {"four_eyes_local_library": "on", "version": opened}).status_code == 302
    response = bjorn.post(url, {"version": opened})  # Bjørn's unticked box, from the page he opened before
    assert response.status_code == 200
    assert "Noen andre har lagret endringer mens du skrev" in response.content.decode()
    assert Organization.objects.get(pk=org.pk).four_eyes_local_library

    response = bjorn.post(url, {})
    assert response.status_code == 200 and "Skjemaet mangler versjonsnummeret" in response.content.decode()
    assert Organization.objects.get(pk=org.pk).four_eyes_local_library

    again = anne.get(url).context["form"]["version"].value()
    assert bjorn.post(url, {"version": again}).status_code == 302
    assert not Organization.objects.get(pk=org.pk).four_eyes_local_library
