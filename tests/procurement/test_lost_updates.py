"""Two officers on the needs assessment, the checklist or the procurement: the second, stale submit loses nothing and overwrites nothing."""

import pytest
from django.urls import reverse

from core.roles import Role
from procurement.models import ChecklistAnswer, NeedsAssessment
from tests.conftest import client_for
from tests.factories import member, procurement

pytestmark = pytest.mark.django_db
RATINGS = {"impact": "hoy", "size": "hoy", "market": "hoy", "cost": "lav", "alternatives": "middels"}
STALE = "Noen andre har lagret endringer mens du skrev"


@pytest.fixture
def two_officers(org):
    return client_for(member(org, Role.BUYER)), client_for(member(org, Role.BUYER))


def test_a_stale_needs_assessment_submit_is_refused_and_shows_the_answers(org, two_officers):
    anne, bjorn = two_officers
    p = procurement(organization=org)
    url = reverse("procurement:needs", args=[p.pk])
    opened = anne.get(url).context["form"]["version"].value()
    assert bjorn.get(url).context["form"]["version"].value() == opened == 0

    assert anne.post(url, {**RATINGS, "impact_comment": "Annes vurdering.", "version": opened}).status_code == 302
    response = bjorn.post(url, {**RATINGS, "impact": "lav", "impact_comment": "Bjørns vurdering.", "version": opened})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Bjørns vurdering." in page, "Bjørn's answers are still in the form"
    needs = NeedsAssessment.objects.get(procurement=p)
    assert (needs.impact, needs.impact_comment) == ("hoy", "Annes vurdering.")

    # Saving once more from the warning overwrites on purpose.
    again = response.context["form"]["version"].value()
    assert (
        bjorn.post(
            url, {**RATINGS, "impact": "lav", "impact_comment": "Bjørns vurdering.", "version": again}
        ).status_code
        == 302
    )
    needs.refresh_from_db()
    assert needs.impact_comment == "Bjørns vurdering."


def test_a_needs_submit_without_the_version_overwrites_nothing(org, officer_client):
    p = procurement(organization=org)
    url = reverse("procurement:needs", args=[p.pk])
    officer_client.post(url, {**RATINGS, "impact_comment": "Første.", "version": 0})
    response = officer_client.post(url, {**RATINGS, "impact_comment": "Uten versjon."})
    assert response.status_code == 200
    assert NeedsAssessment.objects.get(procurement=p).impact_comment == "Første."


def test_a_stale_checklist_submit_is_refused(org, two_officers):
    anne, bjorn = two_officers
    p = procurement(organization=org)
    url = reverse("procurement:checklist", args=[p.pk])
    opened = anne.get(url).context["form"]["version"].value()
    assert anne.post(url, {"maal_answer": "ja", "version": opened}).status_code == 302
    response = bjorn.post(url, {"maal_answer": "nei", "version": opened})
    assert response.status_code == 200 and STALE in response.content.decode()
    assert ChecklistAnswer.objects.get(procurement=p, question="maal").answer == "ja"
    assert bjorn.post(url, {"maal_answer": "ja"}).status_code == 200, "no version: a form error"


def test_a_procurement_edit_without_the_version_is_a_form_error(org, officer_client):
    p = procurement(organization=org, title="Busser")
    url = reverse("procurement:edit", args=[p.pk])
    form = officer_client.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.pop("version")
    response = officer_client.post(url, {**data, "title": "Overskrevet"})
    assert response.status_code == 200
    p.refresh_from_db()
    assert p.title == "Busser"
