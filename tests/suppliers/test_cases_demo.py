"""The demo: Bergen's EV-leasing case with its timeline, and a case shared with Vestland with a joint letter."""

import io
from datetime import date

import pytest
from django.urls import reverse

from core.models import Organization
from core.roles import Role
from suppliers.follow_up import demo as follow_up_demo
from suppliers.follow_up.timeline import build
from suppliers.models import Case, DueDiligenceRequest, EscalationStep
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_tells_bergens_story():
    first = follow_up_demo.load(io.StringIO())
    assert first["cases"] == 2 and first["requests"] == 4
    again = follow_up_demo.load(io.StringIO())
    assert again["cases"] == again["requests"] == again["deviations"] == 0
    assert Case.objects.count() == 2 and DueDiligenceRequest.objects.count() == 4

    case = Case.objects.get(title=follow_up_demo.EV_CASE)
    assert case.organization.orgnr == "964338531"
    entries = build(case)
    story = [(e.day, e.kind) for e in entries]
    assert story[0] == (date(2020, 6, 12), "letter")
    assert (date(2020, 10, 30), "answer") in story
    assert (date(2020, 12, 14), "letter") in story
    assert (date(2021, 1, 20), "meeting") in story and (date(2021, 5, 18), "meeting") in story
    assert (date(2021, 4, 20), "escalation") in story and (date(2021, 7, 7), "meeting") in story
    assert [e.day for e in entries] == sorted(e.day for e in entries)
    first_letter = entries[0]
    assert "Svarfrist 12. oktober 2020." in first_letter.text  # four months after sending
    assert EscalationStep.objects.filter(case=case).count() == 4
    assert case.deviations.get().status == "lukket"


def test_shared_case_is_visible_to_vestland_with_a_joint_letter():
    follow_up_demo.load(io.StringIO())
    vestland = Organization.objects.get(orgnr="821311632")
    shared = Case.objects.get(title=follow_up_demo.SHARED_CASE)
    joint = shared.requests.get(status="sendt")
    assert list(joint.co_signers.all()) == [vestland]

    client = client_for(member(vestland, Role.CONTRACT_FOLLOWER))
    listed = client.get(reverse("suppliers:case_list")).context["cases"]
    assert [c.title for c in listed] == [follow_up_demo.SHARED_CASE]
    page = client.get(reverse("suppliers:request_detail", args=[shared.pk, joint.pk])).content.decode()
    assert "Vestland fylkeskommune" in page
