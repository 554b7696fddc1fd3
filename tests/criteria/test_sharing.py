"""Sharing a local criterion with named organisations (issue 20): read and use there, edit nowhere but home.

The owner (Bergen) shares with one named organisation; a third organisation is not
named and must get a 404 (or nothing) everywhere the library shows up.
"""

import json

import pytest
from django.urls import reverse

from api import services as api_services
from core.roles import Role
from criteria.models import Criterion, CriterionShare
from procurement import services as procurement_services
from tests.api.conftest import token_client
from tests.conftest import client_for
from tests.factories import OrganizationFactory, criterion, member, procurement


@pytest.fixture
def named(db):
    return OrganizationFactory(name="Oslo testkommune")


@pytest.fixture
def third(db):
    return OrganizationFactory(name="Tredje kommune")


@pytest.fixture
def local(org):
    return criterion(organization=org, code="BERGEN-DELT-01", title="Bergens delte krav om reservedeler")


def _share(org, local, named):
    owner = client_for(member(org, Role.LIBRARY_EDITOR))
    response = owner.post(reverse("criteria:share", args=[local.pk]), {"organization": named.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    return CriterionShare.objects.get(criterion=local, organization=named)


def _api(organization):
    _token, secret = api_services.create_token(organization=organization, user=member(organization), name="T")
    return token_client(secret)


def _builder_page(organization, local) -> str:
    officer = member(organization, Role.BUYER)
    tender = procurement(organization=organization, user=officer, responsible=officer, category=local.category)
    return client_for(officer).get(reverse("procurement:requirements", args=[tender.pk])).content.decode()


def test_a_shared_criterion_is_visible_to_the_named_organisation_and_invisible_to_a_third(org, local, named, third):
    _share(org, local, named)
    detail = reverse("criteria:detail", args=[local.pk])

    reader = client_for(member(named, Role.BUYER))
    assert local.code in reader.get(reverse("criteria:start")).content.decode()
    assert local.code in reader.get(reverse("criteria:start"), {"q": "reservedeler"}).content.decode()
    page = reader.get(detail)
    assert page.status_code == 200 and "delt med dere" in page.content.decode()
    assert local.code in _builder_page(named, local)
    assert _api(named).get(reverse("api:criterion", args=[local.pk])).status_code == 200
    codes = {c["code"] for c in _api(named).get(reverse("api:criteria")).json()["results"]}
    assert local.code in codes

    outsider = client_for(member(third, *Role))
    assert local.code not in outsider.get(reverse("criteria:start")).content.decode()
    assert local.code not in outsider.get(reverse("criteria:start"), {"q": "reservedeler"}).content.decode()
    assert outsider.get(detail).status_code == 404
    assert outsider.get(reverse("criteria:history", args=[local.pk])).status_code == 404
    assert outsider.get(reverse("criteria:share", args=[local.pk])).status_code == 404
    for name in ("criteria:export_json", "criteria:export_csv"):
        for params in ({}, {"lokal": "1"}):
            assert local.code.encode() not in outsider.get(reverse(name), params).content
    assert local.code not in _builder_page(third, local)
    assert _api(third).get(reverse("api:criterion", args=[local.pk])).status_code == 404
    assert local.code not in json.dumps(_api(third).get(reverse("api:criteria")).json())
    tender = procurement(organization=third, user=member(third, Role.BUYER), category=local.category)
    add = outsider.post(
        reverse("procurement:requirement_add", args=[tender.pk]), {"criterion": local.pk, "level": "basis"}
    )
    assert add.status_code == 404


def test_the_named_organisation_uses_it_in_a_tender_but_cannot_change_it(org, local, named):
    _share(org, local, named)
    editor = member(named, Role.LIBRARY_EDITOR, Role.BUYER)
    client = client_for(editor)
    tender = procurement(organization=named, user=editor, responsible=editor, category=local.category)
    response = client.post(
        reverse("procurement:requirement_add", args=[tender.pk]), {"criterion": local.pk, "level": "basis"}
    )
    assert response.status_code in (200, 302)
    assert tender.requirements.get().criterion == local
    for name in ("criteria:edit", "criteria:share", "criteria:publish", "criteria:retire"):
        assert client.get(reverse(name, args=[local.pk])).status_code == 403, name
    assert not CriterionShare.objects.filter(organization=org).exists()
    # Not theirs to export as their own library either.
    assert local.code.encode() not in client.get(reverse("criteria:export_json"), {"lokal": "1"}).content


def test_a_draft_is_not_shown_to_the_named_organisation(org, named):
    draft = criterion(organization=org, code="BERGEN-UTKAST-01", publish=False)
    CriterionShare.objects.create(criterion=draft, organization=named)
    editor = client_for(member(named, Role.LIBRARY_EDITOR))
    assert editor.get(reverse("criteria:detail", args=[draft.pk])).status_code == 404
    assert draft.code not in editor.get(reverse("criteria:start")).content.decode()


def test_revoking_asks_first_then_hides_it_again_and_leaves_history(org, local, named):
    share = _share(org, local, named)
    owner = client_for(member(org, Role.LIBRARY_EDITOR))
    revoke = reverse("criteria:unshare", args=[local.pk, share.pk])
    confirm_page = owner.get(revoke)
    assert confirm_page.status_code == 200 and "Slutte å dele kriteriet?" in confirm_page.content.decode()
    assert CriterionShare.objects.filter(pk=share.pk).exists()

    officer = member(named, Role.BUYER)
    tender = procurement(organization=named, user=officer, responsible=officer, category=local.category)
    procurement_services.add_from_library(procurement=tender, criterion=local, level="basis", user=officer)

    assert owner.post(revoke).status_code == 302
    assert not CriterionShare.objects.filter(pk=share.pk).exists()
    assert client_for(officer).get(reverse("criteria:detail", args=[local.pk])).status_code == 404
    assert tender.requirements.get().text.startswith("Leverandøren skal levere")  # the tender keeps its copy
    assert [h.history_type for h in CriterionShare.history.filter(id=share.pk).order_by("history_date")] == ["+", "-"]


def test_only_the_owners_editors_share_and_not_twice(org, local, named, users):
    for role in (Role.BUYER, Role.READ_ONLY):
        response = client_for(users[role]).post(reverse("criteria:share", args=[local.pk]), {"organization": named.pk})
        assert response.status_code == 403, role
    _share(org, local, named)
    again = client_for(member(org, Role.LIBRARY_EDITOR)).post(
        reverse("criteria:share", args=[local.pk]), {"organization": named.pk}
    )
    assert again.status_code == 200 and CriterionShare.objects.filter(criterion=local).count() == 1
    national = criterion(code="NASJ-01")
    assert Criterion.objects.visible_to(named).filter(pk=national.pk).exists()
    editor = client_for(member(org, Role.LIBRARY_EDITOR))
    assert editor.get(reverse("criteria:share", args=[national.pk])).status_code == 403


def test_after_revoking_the_named_organisation_is_no_longer_offered_new_revisions(org, local, named):
    from procurement.library_notices import outdated_requirements

    from .test_national_library import _payload

    share = _share(org, local, named)
    officer = member(named, Role.BUYER)
    tender = procurement(organization=named, user=officer, responsible=officer, category=local.category)
    procurement_services.add_from_library(procurement=tender, criterion=local, level="basis", user=officer)
    requirement = tender.requirements.get()
    owner = client_for(member(org, Role.LIBRARY_EDITOR))
    owner.post(reverse("criteria:edit", args=[local.pk]), _payload(local, "Reservedeler i minst 9 år."))
    assert list(outdated_requirements(named)) == [requirement]  # shared: the notice reaches them

    owner.post(reverse("criteria:unshare", args=[local.pk, share.pk]))
    assert not outdated_requirements(named).exists()
    update = reverse("procurement:requirement_update", args=[tender.pk, requirement.pk])
    client_for(officer).post(update)
    requirement.refresh_from_db()
    assert requirement.source_revision.number == 1 and "9 år" not in requirement.text
