"""Sharing a case with named organisations: they see it, everybody else gets a 404 on every case URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.models import CaseShare, DueDiligenceRequest, Response
from tests.conftest import client_for
from tests.factories import OrganizationFactory, follow_up_case, member
from tests.suppliers.helpers import TINY_PDF, follower_of
from tests.suppliers.objects import OBJECT_BUILDERS
from tests.url_walk import all_routes

pytestmark = pytest.mark.django_db

CASE_ROUTES = [r for r in all_routes() if "case_id" in r.params]
# Views that change something; a read-only share must get 403 on these.
WRITE_ROUTES = [
    r
    for r in CASE_ROUTES
    if r.name.split(":")[1]
    in {
        "case_status",
        "case_share",
        "case_unshare",
        "request_create",
        "request_edit",
        "request_send",
        "request_transition",
        "response_create",
        "deviation_create",
        "action_create",
        "action_status",
        "deviation_close",
        "escalation_create",
        "request_send_email",
        "answer_link_revoke",
        "request_received",
        "request_extension",
        "request_refusal",
    }
]


def _url(route, org, ctx):
    return route.url({p: OBJECT_BUILDERS[p](org, ctx) for p in route.params})


READ_NAMES = {
    "case_detail",
    "case_timeline",
    "request_detail",
    "request_pdf",
    "attachment_download",
    "deviation_detail",
    "letter_mail_download",
}


def test_every_case_url_is_either_a_read_or_a_write():
    """A new case URL must be classified here, so the share tests cover it."""
    names = {r.name.split(":")[1] for r in CASE_ROUTES}
    assert names == READ_NAMES | {r.name.split(":")[1] for r in WRITE_ROUTES}
    assert len(WRITE_ROUTES) == 18


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_organisation_not_invited_gets_404_on_every_case_url(route, org, other_org):
    ctx = {}
    url = _url(route, org, ctx)
    # Another organisation is invited; ours is not, though it holds every role.
    CaseShare.objects.create(case=ctx["case"], organization=OrganizationFactory(), access=CaseShare.Access.EDIT)
    client = client_for(member(other_org, *Role))
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {}).status_code in (404, 405)
    if client.get(url).status_code == 405:
        assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_invited_organisation_can_open_every_case_page(route, org, other_org):
    ctx = {}
    url = _url(route, org, ctx)
    CaseShare.objects.create(case=ctx["case"], organization=other_org, access=CaseShare.Access.READ)
    response = client_for(member(other_org, *[r for r in Role if r != Role.READ_ONLY])).get(url)
    if route in WRITE_ROUTES:
        assert response.status_code in (403, 405), f"{url}: {response.status_code}"
    else:
        assert response.status_code == 200, f"{url}: {response.status_code}"


@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda r: r.name)
def test_read_share_gets_403_on_writes(route, org, other_org):
    ctx = {}
    url = _url(route, org, ctx)
    CaseShare.objects.create(case=ctx["case"], organization=other_org, access=CaseShare.Access.READ)
    _user, client = follower_of(other_org)
    assert client.post(url, {}).status_code == 403


def test_edit_share_can_add_a_response(org, other_org):
    ctx = {}
    OBJECT_BUILDERS["request_id"](org, ctx)
    req = ctx["request"]
    CaseShare.objects.create(case=ctx["case"], organization=other_org, access=CaseShare.Access.EDIT)
    user, client = follower_of(other_org)
    response = client.post(
        reverse("suppliers:response_create", args=[ctx["case"].pk, req.pk]),
        {
            "received_on": timezone.localdate().isoformat(),
            "text": "Vi har kartlagt kjeden.",
            "assessment": "delvis",
            "reasoning": "Mangler gruvenivå.",
            "attachments": [SimpleUploadedFile("kart.pdf", TINY_PDF)],
        },
    )
    assert response.status_code == 302
    answer = Response.objects.get(request=req)
    assert answer.logged_by == user and answer.attachments.count() == 1
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.ANSWERED


def test_edit_share_cannot_reshare_or_close_the_case(org, other_org):
    case = follow_up_case(org)
    CaseShare.objects.create(case=case, organization=other_org, access=CaseShare.Access.EDIT)
    _user, client = follower_of(other_org)
    assert client.get(reverse("suppliers:case_share", args=[case.pk])).status_code == 403
    assert client.post(reverse("suppliers:case_status", args=[case.pk])).status_code == 403


def test_owner_shares_and_unshares_with_confirmation(org, other_org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:case_share", args=[case.pk]), {"organization": other_org.pk, "access": "rediger"}
    )
    assert response.status_code == 302
    share = CaseShare.objects.get(case=case)
    assert (share.organization, share.access) == (other_org, "rediger")

    # The invited organisation now sees it in its list.
    _u, invited = follower_of(other_org)
    assert case in invited.get(reverse("suppliers:case_list")).context["cases"]

    unshare = reverse("suppliers:case_unshare", args=[case.pk, share.pk])
    assert "Vil du fjerne" in client.get(unshare).content.decode()
    assert CaseShare.objects.filter(pk=share.pk).exists()  # the GET only asked
    client.post(unshare)
    assert not CaseShare.objects.filter(pk=share.pk).exists()
    assert invited.get(reverse("suppliers:case_detail", args=[case.pk])).status_code == 404


def test_cannot_share_with_the_owner_itself(org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    response = client.post(reverse("suppliers:case_share", args=[case.pk]), {"organization": org.pk, "access": "les"})
    assert response.status_code == 200 and not CaseShare.objects.exists()


def test_request_of_a_case_cannot_be_reached_through_another_case(org):
    ctx = {}
    OBJECT_BUILDERS["request_id"](org, ctx)
    other_case = follow_up_case(org)
    _user, client = follower_of(org)
    url = reverse("suppliers:request_detail", args=[other_case.pk, ctx["request"].pk])
    assert client.get(url).status_code == 404
