"""Logging the supplier's answer: one answer per question, assessment with reasoning, request → besvart."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from suppliers.follow_up import due_diligence, reminders
from suppliers.models import DueDiligenceRequest, Response
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
S = DueDiligenceRequest.Status


def test_answer_per_question_moves_the_request_to_besvart(org):
    case = follow_up_case(org)
    req = dd_request(case, request_type="apenhetsloven", sent_on=datetime.date(2024, 3, 1))
    user, client = follower_of(org)
    url = reverse("suppliers:response_create", args=[case.pk, req.pk])
    form = client.get(url).context["form"]
    assert [form.fields[f"answer_{i}"].label for i in range(len(req.questions))] == req.questions

    response = client.post(
        url,
        {
            "received_on": "2024-03-20",
            "answer_0": "Tvangsarbeid i koboltgruvene.",
            "answer_1": "Revisjon av smelteverk.",
            "assessment": "delvis",
            "reasoning": "Ingen gruvenivå.",
        },
    )
    assert response.status_code == 302
    answer = Response.objects.get()
    assert answer.answers[0] == {"question": req.questions[0], "answer": "Tvangsarbeid i koboltgruvene."}
    assert (answer.assessment, answer.logged_by, answer.received_on) == ("delvis", user, datetime.date(2024, 3, 20))
    req.refresh_from_db()
    assert req.status == S.ANSWERED
    assert req.events.latest("pk").to_status == S.ANSWERED


def test_assessment_needs_reasoning(org):
    case = follow_up_case(org)
    req = dd_request(case, sent_on=timezone.localdate())
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:response_create", args=[case.pk, req.pk]),
        {"received_on": timezone.localdate().isoformat(), "text": "Svar", "assessment": "ikke"},
    )
    assert response.status_code == 200 and "Begrunn vurderingen." in response.content.decode()
    assert not Response.objects.exists()


def test_an_empty_answer_is_refused(org):
    case = follow_up_case(org)
    req = dd_request(case, sent_on=timezone.localdate())
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:response_create", args=[case.pk, req.pk]), {"received_on": timezone.localdate().isoformat()}
    )
    assert "Skriv inn svaret eller legg ved minst én fil." in response.content.decode()


def test_a_late_answer_on_an_overdue_request_is_accepted(org):
    case = follow_up_case(org)
    req = dd_request(case, sent_on=datetime.date(2020, 6, 15))
    reminders.run_daily(datetime.date(2020, 10, 16))
    req.refresh_from_db()
    assert req.status == S.OVERDUE
    due_diligence.log_response(req=req, user=None, received_on=datetime.date(2020, 10, 30), answers=[], text="Svar")
    req.refresh_from_db()
    assert req.status == S.ANSWERED


def test_no_answer_on_a_draft_or_before_sending(org):
    case = follow_up_case(org)
    draft = dd_request(case)
    with pytest.raises(ValidationError):
        due_diligence.log_response(req=draft, user=None, received_on=timezone.localdate(), answers=[], text="x")
    _user, client = follower_of(org)
    response = client.get(reverse("suppliers:response_create", args=[case.pk, draft.pk]), follow=True)
    assert "Et svar kan ikke registreres på en forespørsel med status «Utkast»." in response.content.decode()
    sent = dd_request(case, sent_on=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError, match="før brevet ble sendt"):
        due_diligence.log_response(req=sent, user=None, received_on=datetime.date(2024, 2, 1), answers=[], text="x")
