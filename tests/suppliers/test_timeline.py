"""The case timeline reads like Bergen's story, in date order, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from suppliers.follow_up import due_diligence, reminders
from suppliers.follow_up import services as follow_up_services
from suppliers.follow_up.timeline import build
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
D = datetime.date


def _story(case, rounds=1, shift=0):
    user, _client = follower_of(case.organization)
    case.contract.responsible = user
    case.contract.save()
    for i in range(rounds):
        start = D(2020 + shift + i, 6, 15)
        req = dd_request(case, request_type="forventningsbrev", sent_on=start)
        reminders.run_daily(req.deadline - datetime.timedelta(days=7))
        reminders.run_daily(req.deadline + datetime.timedelta(days=1))
        due_diligence.log_response(
            req=req, user=None, received_on=req.deadline + datetime.timedelta(days=15), answers=[], text="Svar"
        )
        follow_up_services.add_escalation(
            case=case, user=None, data={"kind": "mote", "date": D(2021 + shift + i, 1, 20), "with_whom": "Importøren"}
        )
        deviation = follow_up_services.create_deviation(
            case=case, user=None, data={"title": f"Avvik {i}", "found_on": D(2021 + shift + i, 2, 1)}
        )
        action = follow_up_services.add_action(
            deviation=deviation,
            user=None,
            data={"description": "Tiltak", "owner": "Leverandøren", "due_date": D(2021, 3, 1)},
        )
        follow_up_services.set_action_status(action=action, user=None, status="utfort", on=D(2021 + shift + i, 3, 1))
        follow_up_services.close_deviation(deviation=deviation, user=None, on=D(2021 + shift + i, 3, 2))


def test_timeline_tells_the_story_in_date_order(org):
    case = follow_up_case(org)
    _story(case)
    entries = build(case)
    assert [(e.day, e.title) for e in entries[:3]] == [
        (D(2020, 6, 15), "Brev sendt"),
        (D(2020, 10, 8), "Påminnelse sendt til kontraktsoppfølgeren"),
        (D(2020, 10, 16), "Svarfristen gikk ut (automatisk)"),
    ]
    days = [e.day for e in entries]
    assert days == sorted(days)
    kinds = [e.kind for e in entries]
    assert kinds.index("letter") < kinds.index("overdue") < kinds.index("answer") < kinds.index("meeting")
    assert kinds.index("meeting") < kinds.index("deviation") < kinds.index("action")
    letter = entries[0]
    assert "Svarfrist 15. oktober 2020." in letter.text
    overdue = next(e for e in entries if e.kind == "overdue")
    assert overdue.day == D(2020, 10, 16) and "(automatisk)" in overdue.title
    assert [e.title for e in entries if e.kind == "deviation"] == ["Avvik (middels)", "Avvik lukket"]


def test_timeline_page_shows_the_entries_and_an_empty_state(org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    url = reverse("suppliers:case_timeline", args=[case.pk])
    assert "Ingenting har skjedd i saken ennå" in client.get(url).content.decode()
    _story(case)
    html = client.get(url).content.decode()
    assert "Brev sendt" in html and "Svar mottatt" in html and "Møte" in html and "Avvik lukket" in html


@pytest.mark.parametrize("rounds", [1, 4])
def test_timeline_query_count_is_fixed(org, rounds, django_assert_num_queries):
    case = follow_up_case(org)
    _story(case, rounds=rounds)
    assert len(build(case)) >= 7 * rounds
    # request events, reminders, answers, escalation steps, deviations, closed actions, e-mails sent, links opened,
    # § 6 received days and extension notices
    with django_assert_num_queries(9):
        build(case)
