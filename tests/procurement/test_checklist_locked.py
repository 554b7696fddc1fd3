"""The checklist is part of the published tender: locked like the rest of it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procurement import services
from procurement.checklist import QUESTION_KEYS
from procurement.models import ChecklistAnswer, Procurement
from tests.factories import procurement

pytestmark = pytest.mark.django_db


def test_a_published_tenders_checklist_cannot_be_changed(org, officer_client):
    p = procurement(organization=org)
    Procurement.objects.filter(pk=p.pk).update(status=Procurement.Status.PUBLISHED)
    p.refresh_from_db()
    key = QUESTION_KEYS[0]

    with pytest.raises(ValidationError):
        services.save_checklist(procurement=p, user=None, answers={key: ("ja", "")}, version=1)
    response = officer_client.post(reverse("procurement:checklist", args=[p.pk]), {f"{key}_answer": "ja", "version": 1})
    assert response.status_code == 200
    assert "publisert og låst" in response.content.decode()
    assert not ChecklistAnswer.objects.filter(procurement=p).exists()
