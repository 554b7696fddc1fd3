"""Sending a request: the deadline follows the dates typed, and a holiday deadline is flagged (issue 14, item 3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from suppliers.models import DueDiligenceRequest
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db


def send(client, case, req, **data):
    return client.post(reverse("suppliers:request_send", args=[case.pk, req.pk]), data)


def test_a_draft_sent_days_later_counts_from_the_sending_day(org):
    """Made on 25 Nov with 16 Dec, sent on 1 Dec untouched: due 22 Dec (3 weeks), not 16 Dec (15 days)."""
    case = follow_up_case(org)
    req = dd_request(case, deadline=datetime.date(2026, 12, 16))
    _user, client = follower_of(org)
    proposed = datetime.date(2026, 12, 16)
    send(client, case, req, sent_on="2026-12-01", deadline=proposed.isoformat(), proposed_deadline=proposed.isoformat())
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.SENT
    assert req.deadline == datetime.date(2026, 12, 22)


def test_a_back_dated_send_counts_from_the_back_dated_day(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    proposed = (timezone.localdate() + datetime.timedelta(days=21)).isoformat()
    send(client, case, req, sent_on="2025-12-15", deadline=proposed, proposed_deadline=proposed)
    req.refresh_from_db()
    assert req.deadline == datetime.date(2026, 1, 5)


def test_a_deadline_typed_by_the_officer_is_kept(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    proposed = (timezone.localdate() + datetime.timedelta(days=21)).isoformat()
    send(client, case, req, sent_on="2025-12-15", deadline="2026-01-09", proposed_deadline=proposed)
    req.refresh_from_db()
    assert req.deadline == datetime.date(2026, 1, 9)


def test_a_deadline_on_17_may_is_flagged_and_moved_with_one_click(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    flagged = send(client, case, req, sent_on="2026-04-26", deadline="2026-05-17", check="1").content.decode()
    assert "søndag, grunnlovsdag" in flagged and 'name="move"' in flagged
    page = send(client, case, req, sent_on="2026-04-26", deadline="2026-05-17", move="1").content.decode()
    assert 'data-testid="deadline-flag"' not in page
    req.refresh_from_db()
    assert req.status == DueDiligenceRequest.Status.DRAFT, "moving the deadline does not send"
    assert 'value="2026-05-18"' in page, "the form now holds the next working day"


def test_the_send_form_flags_easter_monday(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    page = send(client, case, req, sent_on="2026-03-16", deadline="2026-04-06", check="1").content.decode()
    assert "mandag, andre påskedag" in page and "7. apr. 2026" in page


def test_a_transparency_act_request_to_a_supplier_not_covered_warns_before_sending(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    url = reverse("suppliers:request_send", args=[case.pk, req.pk])
    type(case.supplier).objects.filter(pk=case.supplier.pk).update(transparency_act="ikke_omfattet")
    assert 'data-testid="not-covered"' in client.get(url).content.decode()
    type(case.supplier).objects.filter(pk=case.supplier.pk).update(transparency_act="omfattet")
    assert 'data-testid="not-covered"' not in client.get(url).content.decode()
