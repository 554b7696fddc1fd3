"""Sharing an organisation's own letter template with named organisations (issue 20)."""

import pytest
from django.urls import reverse

from core.roles import Role
from suppliers.models import LetterTemplate, LetterTemplateShare
from tests.conftest import client_for
from tests.factories import OrganizationFactory, follow_up_case, member


@pytest.fixture
def own(org):
    return LetterTemplate.objects.create(
        organization=org,
        request_type="forventningsbrev",
        name="Bergens forventningsbrev",
        subject="Til {leverandor}",
        body="Vi forventer åpenhet i leverandørkjeden.",
    )


@pytest.fixture
def named(db):
    return OrganizationFactory(name="Oslo testkommune")


@pytest.fixture
def third(db):
    return OrganizationFactory(name="Tredje kommune")


def _share(org, own, named):
    follower = client_for(member(org, Role.CONTRACT_FOLLOWER))
    response = follower.post(reverse("suppliers:letter_template_share", args=[own.pk]), {"organization": named.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    return LetterTemplateShare.objects.get(template=own, organization=named)


def test_a_shared_template_is_offered_to_the_named_organisation_and_hidden_from_a_third(org, own, named, third):
    _share(org, own, named)

    follower = member(named, Role.CONTRACT_FOLLOWER)
    client = client_for(follower)
    assert own.name in client.get(reverse("suppliers:letter_template_list")).content.decode()
    case = follow_up_case(named)
    picker = client.get(reverse("suppliers:request_create", args=[case.pk])).content.decode()
    assert own.name in picker and "delt av Bergen testkommune" in picker
    response = client.post(reverse("suppliers:request_create", args=[case.pk]), {"template": own.pk})
    assert response.status_code == 302
    assert case.requests.get().template == own
    assert client.get(reverse("suppliers:letter_template_edit", args=[own.pk])).status_code == 403
    assert client.get(reverse("suppliers:letter_template_share", args=[own.pk])).status_code == 403

    outsider = client_for(member(third, *Role))
    assert own.name not in outsider.get(reverse("suppliers:letter_template_list")).content.decode()
    their_case = follow_up_case(third)
    assert own.name not in outsider.get(reverse("suppliers:request_create", args=[their_case.pk])).content.decode()
    refused = outsider.post(reverse("suppliers:request_create", args=[their_case.pk]), {"template": own.pk})
    assert refused.status_code == 200 and not their_case.requests.exists()
    assert outsider.get(reverse("suppliers:letter_template_edit", args=[own.pk])).status_code == 404
    assert outsider.get(reverse("suppliers:letter_template_share", args=[own.pk])).status_code == 404


def test_revoking_a_template_share_asks_first_and_leaves_history(org, own, named):
    share = _share(org, own, named)
    owner = client_for(member(org, Role.CONTRACT_FOLLOWER))
    revoke = reverse("suppliers:letter_template_unshare", args=[own.pk, share.pk])
    assert "Slutte å dele brevmalen?" in owner.get(revoke).content.decode()
    assert LetterTemplateShare.objects.filter(pk=share.pk).exists()
    assert owner.post(revoke).status_code == 302
    reader = client_for(member(named, Role.CONTRACT_FOLLOWER))
    assert own.name not in reader.get(reverse("suppliers:letter_template_list")).content.decode()
    assert [h.history_type for h in LetterTemplateShare.history.filter(id=share.pk).order_by("history_date")] == [
        "+",
        "-",
    ]


def test_national_templates_are_not_shared(org):
    national = LetterTemplate.objects.filter(organization__isnull=True).first()
    follower = client_for(member(org, Role.CONTRACT_FOLLOWER))
    assert follower.get(reverse("suppliers:letter_template_share", args=[national.pk])).status_code == 403
