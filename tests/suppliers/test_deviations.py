"""Deviations linked to the contract's obligations, corrective actions, and when a deviation may close."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from suppliers.follow_up import services as follow_up_services
from suppliers.models import CorrectiveAction, Deviation, EscalationStep
from tests.factories import FOLLOW_UP_CONTRACT, follow_up_case
from tests.factories import contract as new_contract
from tests.factories import supplier as new_supplier
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _deviation(case):
    return follow_up_services.create_deviation(
        case=case, user=None, data={"title": "Ukjent gruveopprinnelse", "obligation": case.contract.obligations.get()}
    )


def _action(deviation, **fields):
    data = {"description": "Kartlegge smelteverk", "owner": "Leverandøren", "due_date": TODAY, **fields}
    return follow_up_services.add_action(deviation=deviation, user=None, data=data)


def test_follower_opens_a_deviation_on_an_obligation_and_adds_an_action(org):
    case = follow_up_case(org)
    obligation = case.contract.obligations.get()
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:deviation_create", args=[case.pk]),
        {"title": "Mangler sporbarhet", "severity": "hoy", "obligation": obligation.pk, "found_on": TODAY.isoformat()},
    )
    deviation = Deviation.objects.get()
    assert response["Location"] == reverse("suppliers:deviation_detail", args=[case.pk, deviation.pk])
    assert (deviation.obligation, deviation.severity) == (obligation, "hoy")

    client.post(
        reverse("suppliers:action_create", args=[case.pk, deviation.pk]),
        {"description": "Revisjon av smelteverk", "owner": "Importøren", "due_date": "2030-01-01"},
    )
    assert deviation.actions.get().owner == "Importøren"


def test_obligation_of_another_contract_is_refused(org):
    case = follow_up_case(org)
    foreign = new_contract(organization=org, suppliers=[new_supplier()], **FOLLOW_UP_CONTRACT).obligations.get()
    with pytest.raises(ValidationError, match="hører ikke til sakens kontrakt"):
        follow_up_services.create_deviation(case=case, user=None, data={"title": "x", "obligation": foreign})
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:deviation_create", args=[case.pk]),
        {"title": "x", "severity": "lav", "obligation": foreign.pk, "found_on": TODAY.isoformat()},
    )
    assert response.status_code == 200 and not Deviation.objects.exists()


def test_deviation_without_actions_does_not_close(org):
    deviation = _deviation(follow_up_case(org))
    with pytest.raises(ValidationError, match="ingen korrigerende tiltak"):
        follow_up_services.close_deviation(deviation=deviation, user=None)


def test_deviation_closes_only_when_every_action_is_done_or_waived_with_reason(org):
    case = follow_up_case(org)
    deviation = _deviation(case)
    done, waived = _action(deviation), _action(deviation, description="Bytte produsent")

    with pytest.raises(ValidationError) as exc:
        follow_up_services.close_deviation(deviation=deviation, user=None)
    assert exc.value.messages == ["Avviket kan ikke lukkes: 2 tiltak er ikke utført eller frafalt."]

    follow_up_services.set_action_status(action=done, user=None, status=CorrectiveAction.Status.DONE)
    with pytest.raises(ValidationError, match="Skriv hvorfor tiltaket frafalles."):
        follow_up_services.set_action_status(action=waived, user=None, status=CorrectiveAction.Status.WAIVED)
    follow_up_services.set_action_status(
        action=waived, user=None, status=CorrectiveAction.Status.WAIVED, waiver_reason="Kontrakten utløp."
    )
    closed = follow_up_services.close_deviation(deviation=deviation, user=None)
    assert (closed.status, closed.closed_on) == (Deviation.Status.CLOSED, TODAY)
    with pytest.raises(ValidationError, match="Avviket er lukket"):
        _action(closed)


def test_close_in_the_ui_asks_first_and_shows_the_refusal(org):
    case = follow_up_case(org)
    deviation = _deviation(case)
    _action(deviation)
    _user, client = follower_of(org)
    url = reverse("suppliers:deviation_close", args=[case.pk, deviation.pk])
    assert "Vil du lukke avviket" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Avviket kan ikke lukkes: 1 tiltak er ikke utført eller frafalt." in response.content.decode()
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.OPEN


def test_waiving_in_the_ui_needs_a_reason(org):
    case = follow_up_case(org)
    deviation = _deviation(case)
    action = _action(deviation)
    _user, client = follower_of(org)
    url = reverse("suppliers:action_status", args=[case.pk, deviation.pk, action.pk])
    response = client.post(url, {"status": "frafalt", "version": action.version})
    assert response.status_code == 200 and "Skriv hvorfor tiltaket frafalles." in response.content.decode()
    client.post(
        url, {"status": "frafalt", "waiver_reason": "Leverandøren byttet produsent.", "version": action.version}
    )
    action.refresh_from_db()
    assert (action.status, action.closed_on) == ("frafalt", TODAY)


def test_escalation_step_is_recorded(org):
    case = follow_up_case(org)
    user, client = follower_of(org)
    client.post(
        reverse("suppliers:escalation_create", args=[case.pk]),
        {"kind": "oecd_ncp", "date": "2021-04-12", "with_whom": "OECDs kontaktpunkt", "note": "Varslet klage."},
    )
    step = EscalationStep.objects.get()
    assert (step.kind, step.user, step.date) == ("oecd_ncp", user, datetime.date(2021, 4, 12))
