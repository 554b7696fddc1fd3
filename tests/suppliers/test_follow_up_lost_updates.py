"""Two followers on one draft letter, corrective action or letter template; two national editors on a
national template (issue 15, item 5).

Create-only forms need no version: a new case (CaseForm), deviation (DeviationForm), corrective action
(ActionForm), escalation step (EscalationForm) and answer (ResponseForm; log_response also refuses a
second answer, since the request has left the answerable states).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.follow_up import services as follow_up_services
from suppliers.follow_up.letter_seed import ensure_national_templates
from suppliers.models import CorrectiveAction, DueDiligenceRequest, LetterTemplate
from tests.conftest import client_for
from tests.factories import dd_request, follow_up_case, member
from tests.suppliers.lost_updates import (
    assert_a_stale_submit_keeps_the_first_save,
    assert_a_submit_without_the_version_overwrites_nothing,
    opened_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_followers(org):
    return client_for(member(org, Role.CONTRACT_FOLLOWER)), client_for(member(org, Role.CONTRACT_FOLLOWER))


def _draft(org):
    case = follow_up_case(org)
    req = dd_request(case)
    url = reverse("suppliers:request_edit", args=[case.pk, req.pk])
    return url, lambda: DueDiligenceRequest.objects.get(pk=req.pk).subject


def _action(org):
    case = follow_up_case(org)
    deviation = follow_up_services.create_deviation(case=case, user=None, data={"title": "Manglende revisjon"})
    action = follow_up_services.add_action(
        deviation=deviation,
        user=None,
        data={"description": "Revisjon", "owner": "Leverandøren", "due_date": timezone.localdate()},
    )
    url = reverse("suppliers:action_status", args=[case.pk, deviation.pk, action.pk])
    return url, lambda: CorrectiveAction.objects.get(pk=action.pk).waiver_reason


def _own_template(org):
    template = LetterTemplate.objects.create(
        organization=org, request_type="egenerklaering", name="Vår SAQ", subject="Emne", body="Tekst"
    )
    url = reverse("suppliers:letter_template_edit", args=[template.pk])
    return url, lambda: LetterTemplate.objects.get(pk=template.pk).name


def _national_template(_org):
    ensure_national_templates()
    template = LetterTemplate.objects.filter(organization__isnull=True).order_by("pk").first()
    url = reverse("suppliers:letter_template_edit", args=[template.pk])
    return url, lambda: LetterTemplate.objects.get(pk=template.pk).name


# kind: (the field both change, other changes, the row, whose clients: followers or national editors)
EDITS = {
    "draft letter": ("subject", None, _draft, "followers"),
    "corrective action": ("waiver_reason", {"status": "frafalt"}, _action, "followers"),
    "own letter template": ("name", None, _own_template, "followers"),
    "national letter template": ("name", None, _national_template, "editors"),
}


@pytest.fixture
def clients_for(two_followers, national_editors):
    """Followers change the draft, the action and their own template; national editors a national one."""
    return {"followers": two_followers, "editors": tuple(client_for(e) for e in national_editors)}


@pytest.mark.parametrize("kind", EDITS)
def test_a_stale_submit_is_refused_and_loses_nothing(kind, org, clients_for):
    field, extra, make, who = EDITS[kind]
    url, read = make(org)
    anne, bjorn = clients_for[who]
    assert_a_stale_submit_keeps_the_first_save(anne, bjorn, url, read, field, extra)


@pytest.mark.parametrize("kind", EDITS)
def test_a_submit_without_the_version_overwrites_nothing(kind, org, clients_for):
    field, extra, make, who = EDITS[kind]
    url, read = make(org)
    assert_a_submit_without_the_version_overwrites_nothing(clients_for[who][0], url, read, field, extra)


def test_a_stale_action_status_cannot_reopen_a_done_action(org, two_followers):
    """The status form is a plain form: its version is what stops the older page from undoing "utført"."""
    url, _read = _action(org)
    anne, bjorn = two_followers
    annes, bjorns = opened_form(anne, url, status="utfort"), opened_form(bjorn, url, status="apen")
    assert anne.post(url, annes).status_code == 302
    assert bjorn.post(url, bjorns).status_code == 200
    assert CorrectiveAction.objects.get().status == "utfort"
