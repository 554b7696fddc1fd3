"""Priority scoring (suppliers/priority.py), hand-computed, and the prioritisation page."""

import pytest
from django.urls import reverse

from core.roles import Role
from suppliers.models import Contract, PriorityAssessment
from suppliers.register import priority
from tests.conftest import client_for
from tests.factories import CategoryFactory, contract

NONE = dict.fromkeys(priority.FACTORS, False)


@pytest.mark.parametrize(
    ("factors", "high_risk", "expected_score", "expected_priority"),
    [
        ({}, False, 0, "lav"),
        ({"strategic_importance": True, "important_customer": True}, False, 2, "lav"),
        # 1 + 2 (high-risk category) = 3: the lowest middels
        ({"immature_supplier": True}, True, 3, "middels"),
        # 3 + 2 = 5: one strong risk sign in a high-risk category stays middels
        ({"known_breaches": True}, True, 5, "middels"),
        # 3 + 3 = 6: two strong risk signs are høy on their own
        ({"known_breaches": True, "high_risk_countries": True}, False, 6, "hoy"),
        # Bergen's EV batteries: 3 + 1 + 2 + 2 + 2 (category) = 10
        (
            {
                "high_risk_countries": True,
                "strong_market_position": True,
                "low_credibility": True,
                "unknown_risk": True,
            },
            True,
            10,
            "hoy",
        ),
        (dict.fromkeys(priority.FACTORS, True), True, 16, "hoy"),
    ],
)
def test_score_by_hand(factors, high_risk, expected_score, expected_priority):
    result = priority.score({**NONE, **factors}, high_risk_category=high_risk)
    assert (result.score, result.priority) == (expected_score, expected_priority)
    assert sum(r.points for r in result.reasons) == expected_score


def test_reasons_name_each_factor_and_the_category():
    result = priority.score(
        {**NONE, "known_breaches": True}, high_risk_category=True, labels={"known_breaches": "kjente brudd"}
    )
    assert [(r.label, r.points) for r in result.reasons] == [
        ("kjente brudd", 3),
        ("kategorien er på DFØs høyrisikoliste", 2),
    ]


@pytest.mark.parametrize(
    ("prio", "months", "expected"),
    [("hoy", 48, 3), ("hoy", 96, 6), ("hoy", 24, 2), ("middels", 48, 1), ("lav", 48, 0), ("", 48, 0)],
)
def test_suggested_followups_follow_bergens_plan(prio, months, expected):
    assert priority.suggested_followups(prio, months) == expected


@pytest.mark.django_db
def test_recording_the_prioritisation_stores_priority_and_shows_the_reasons(org, users):
    c = contract(organization=org, category=CategoryFactory(slug="batterier", name="Batterier", high_risk=True))
    follower = client_for(users[Role.CONTRACT_FOLLOWER])
    url = reverse("suppliers:contract_priority", args=[c.pk])
    response = follower.post(
        url, {"high_risk_countries": "on", "low_credibility": "on", "comment": "Kobolt fra DR Kongo", "version": 0}
    )
    assert response["Location"] == url
    c.refresh_from_db()
    assert (c.priority, c.priority_score) == (Contract.Priority.HIGH, 7)
    assessment = PriorityAssessment.objects.get(contract=c)
    assert assessment.assessed_by == users[Role.CONTRACT_FOLLOWER] and assessment.comment == "Kobolt fra DR Kongo"
    page = follower.get(url).content.decode()
    assert "Prioritet: Høy (7 poeng)" in page
    assert "Produksjon eller utvinning i høyrisikoland" in page and "Kategorien er på DFØs høyrisikoliste" in page

    # Unticking a factor lowers it again.
    follower.post(url, {"high_risk_countries": "on", "version": assessment.version})
    c.refresh_from_db()
    assert (c.priority, c.priority_score) == (Contract.Priority.MEDIUM, 5)


@pytest.mark.django_db
def test_the_plan_suggests_bergens_default_for_a_high_priority_contract(org, users):
    from datetime import date

    c = contract(organization=org, start_date=date(2026, 1, 1), end_date=date(2030, 1, 1), priority="hoy")
    follower = client_for(users[Role.CONTRACT_FOLLOWER])
    url = reverse("suppliers:contract_plan", args=[c.pk])
    page = follower.get(url).content.decode()
    assert 'value="3"' in page
    follower.post(
        url,
        {"planned_followups": "3", "followup_plan": "Fabrikkrevisjon hos cellefabrikken i 2027.", "version": c.version},
    )
    c.refresh_from_db()
    assert c.planned_followups == 3 and "Fabrikkrevisjon" in c.followup_plan


@pytest.mark.django_db
def test_the_score_recomputes_as_factors_are_ticked_without_saving(org, users):
    c = contract(organization=org, category=CategoryFactory(slug="batterier", name="Batterier", high_risk=True))
    follower = client_for(users[Role.CONTRACT_FOLLOWER])
    page = follower.get(reverse("suppliers:contract_priority", args=[c.pk])).content.decode()
    preview = reverse("suppliers:contract_priority_preview", args=[c.pk])
    assert f'hx-post="{preview}"' in page and 'id="priority-preview"' in page
    html = follower.post(preview, {"high_risk_countries": "on", "low_credibility": "on"}).content.decode()
    assert "Med disse faktorene: Høy (7 poeng)" in html and "Ikke lagret ennå" in html
    assert "<html" not in html, "only the panel, for htmx to swap in"
    assert not PriorityAssessment.objects.filter(contract=c).exists()
    c.refresh_from_db()
    assert c.priority_score is None
