"""Who the daily reminders reach: only current members with the follow-up role; the supplier with its link."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import Membership
from core.roles import Role
from suppliers.follow_up import reminders
from suppliers.follow_up.answer_page import tokens
from suppliers.models import AnswerLink
from tests.suppliers.helpers import DEADLINE, request_with_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org):
    return request_with_reminders(org)


def test_a_removed_member_gets_no_internal_reminder(setup):
    req, follower = setup
    Membership.objects.filter(user=follower).delete()
    reminders.run_daily(DEADLINE)
    assert [m.to for m in mail.outbox] == [["kari@leasing.example"]]


def test_a_member_without_the_follow_up_role_gets_no_internal_reminder(setup, org):
    req, follower = setup
    Membership.objects.filter(user=follower).update(role=Role.READ_ONLY)
    reminders.run_daily(DEADLINE)
    assert follower.email not in [a for m in mail.outbox for a in m.to]


def test_the_supplier_reminder_carries_a_working_answer_link(setup, settings):
    settings.SITE_URL = "https://anskaffelser.example.no"
    req, follower = setup
    reminders.run_daily(DEADLINE)
    supplier_mail = next(m for m in mail.outbox if m.to == ["kari@leasing.example"])
    url = next(w for w in supplier_mail.body.split() if "/svar/" in w)
    assert url.startswith("https://anskaffelser.example.no/svar/")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    link = tokens.find(token)
    assert link is not None and link.request_id == req.pk
    assert timezone.localtime(link.expires_at).date() == req.deadline + datetime.timedelta(days=30)
    # Once each: a second run sends no second reminder and makes no second link.
    reminders.run_daily(DEADLINE)
    assert AnswerLink.objects.count() == 1
