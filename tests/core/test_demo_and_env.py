import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.env import env_bool, env_int, env_list
from core.models import Membership, Organization
from core.roles import Role


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", verbosity=0)
    counts = (Organization.objects.count(), get_user_model().objects.count(), Membership.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Organization.objects.count(), get_user_model().objects.count(), Membership.objects.count()) == counts
    assert counts[0] >= 2
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == set(Role.values), "demo users cover every role"


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", default=True) is False


def test_env_helpers_fail_loudly_with_the_variable_name(monkeypatch):
    monkeypatch.setenv("X_FLAG", "kanskje")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_NUMBER", "ti")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER"):
        env_int("X_NUMBER", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.example.no, b.example.no ,")
    assert env_list("X_HOSTS") == ["a.example.no", "b.example.no"]
