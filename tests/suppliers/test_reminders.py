"""The daily task: overdue requests become forfalt, reminders go out once each."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail

from core.roles import Role
from suppliers.follow_up import due_diligence, reminders
from suppliers.models import DueDiligenceRequest, Reminder
from tests.conftest import skip_or_fail
from tests.factories import dd_request, follow_up_case, member, supplier_contact
from tests.suppliers.helpers import DEADLINE, SENT, request_with_reminders

pytestmark = pytest.mark.django_db
S = DueDiligenceRequest.Status


@pytest.fixture
def sent_request(org):
    req, _follower = request_with_reminders(org)
    assert req.deadline == DEADLINE
    return req


def _recipients():
    return sorted(addr for m in mail.outbox for addr in m.to)


def test_reminder_a_week_before_goes_out_once_even_if_the_task_runs_twice(sent_request):
    day = DEADLINE - datetime.timedelta(days=7)
    reminders.run_daily(day)
    reminders.run_daily(day)
    assert _recipients() == sorted([sent_request.case.contract.responsible.email, "kari@leasing.example"])
    assert "Påminnelse: svarfrist 22. mars 2024" in mail.outbox[0].subject
    assert Reminder.objects.filter(offset_days=-7).count() == 2


def test_nothing_before_the_first_offset(sent_request):
    reminders.run_daily(DEADLINE - datetime.timedelta(days=8))
    assert mail.outbox == []


def test_each_offset_once_over_the_whole_period(sent_request):
    day = SENT
    while day <= DEADLINE + datetime.timedelta(days=20):
        reminders.run_daily(day)
        reminders.run_daily(day)
        day += datetime.timedelta(days=1)
    offsets = sorted(Reminder.objects.filter(recipient="oppfolger").values_list("offset_days", flat=True))
    assert offsets == list(reminders.REMINDER_OFFSETS)
    assert len(mail.outbox) == 2 * len(reminders.REMINDER_OFFSETS)


def test_past_deadline_becomes_forfalt_with_a_system_event(sent_request):
    reminders.run_daily(DEADLINE)
    sent_request.refresh_from_db()
    assert sent_request.status == S.SENT  # the deadline day itself is still in time

    reminders.run_daily(DEADLINE + datetime.timedelta(days=1))
    reminders.run_daily(DEADLINE + datetime.timedelta(days=1))
    sent_request.refresh_from_db()
    assert sent_request.status == S.OVERDUE
    events = sent_request.events.filter(to_status=S.OVERDUE)
    assert events.count() == 1 and events.get().user is None


def test_a_week_after_the_deadline_the_follower_hears_of_it(sent_request):
    reminders.run_daily(DEADLINE + datetime.timedelta(days=7))
    assert any("gikk ut" in m.subject for m in mail.outbox)
    sent_request.refresh_from_db()
    assert sent_request.status == S.OVERDUE


def test_a_missed_day_is_caught_up_once_with_the_latest_reminder(sent_request):
    reminders.run_daily(DEADLINE + datetime.timedelta(days=2))
    assert list(Reminder.objects.values_list("offset_days", flat=True).distinct()) == [0]


def test_supplier_is_reminded_only_when_asked(org):
    case = follow_up_case(org, user=member(org, Role.CONTRACT_FOLLOWER))
    contact = supplier_contact(org, case.supplier, email="kari@leasing.example")
    creator = member(org, Role.CONTRACT_FOLLOWER)
    dd_request(case, user=creator, sent_on=SENT, contact=contact, remind_supplier=False)
    mail.outbox.clear()
    reminders.run_daily(DEADLINE)
    # No contract follower is set, so the request's creator is reminded.
    assert _recipients() == [creator.email]


def test_answered_requests_get_no_reminders(sent_request):
    due_diligence.log_response(req=sent_request, user=None, received_on=SENT, answers=[], text="Svar")
    reminders.run_daily(DEADLINE + datetime.timedelta(days=7))
    assert mail.outbox == []
    sent_request.refresh_from_db()
    assert sent_request.status == S.ANSWERED


def test_a_failed_send_is_retried_on_the_next_run(sent_request):
    day = DEADLINE
    with mock.patch("suppliers.follow_up.reminders.send_mail", side_effect=OSError("SMTP nede")):
        reminders.run_daily(day)
    assert mail.outbox == [] and not Reminder.objects.exists()
    reminders.run_daily(day)
    assert len(mail.outbox) == 2


def test_the_task_runs_for_today_and_is_on_the_beat_schedule(sent_request):
    from suppliers.tasks import daily_due_diligence

    entry = settings.CELERY_BEAT_SCHEDULE["due-diligence-daily"]
    assert entry["task"] == daily_due_diligence.name
    with mock.patch("suppliers.follow_up.reminders.run_daily", return_value={}) as run:
        daily_due_diligence()
    run.assert_called_once()
    assert isinstance(run.call_args.args[0], datetime.date)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_reminder_once(org, rule_tables):
    """Two workers at the same moment: the unique index makes the second wait, then skip."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("needs real concurrent transactions (PostgreSQL)")
    follower = member(org, Role.CONTRACT_FOLLOWER)
    case = follow_up_case(org, user=follower)
    for _ in range(5):
        dd_request(case, user=follower, sent_on=SENT)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            reminders.send_due_reminders(DEADLINE)
        except Exception as exc:  # noqa: BLE001 - a thread must hand any error back to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(mail.outbox) == 5 and Reminder.objects.count() == 5
