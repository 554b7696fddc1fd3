"""Organisations, users and memberships."""

import factory
from django.contrib.auth import get_user_model

from core.models import Membership, Organization
from core.roles import Role
from core.validators import orgnr_check_digit

TEST_PASSWORD = "test-passord-123"


def _orgnr(n: int) -> str:
    """A valid organisasjonsnummer derived from a sequence number."""
    base = 90000000 + n * 7
    while True:
        first = f"{base:08d}"
        digit = orgnr_check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        base += 1


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    orgnr = factory.Sequence(_orgnr)
    kind = Organization.Kind.MUNICIPALITY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@test.example")
    email = factory.SelfAttribute("username")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.BUYER


def member(organization, *roles) -> "get_user_model()":
    """A new user holding the given roles in the organisation."""
    user = UserFactory()
    for role in roles:
        MembershipFactory(user=user, organization=organization, role=role)
    return user
