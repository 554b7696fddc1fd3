"""Odd input in the follow-up forms is a form error, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from suppliers.follow_up import due_diligence
from suppliers.models import DueDiligenceRequest, LetterTemplate, RequestType
from tests.factories import dd_request, follow_up_case
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db


def test_nul_byte_in_a_question_is_a_form_error(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:request_edit", args=[case.pk, req.pk]),
        {"subject": req.subject, "body": req.body, "questions": "Første spørsmål\nAndre\x00spørsmål"},
    )
    assert response.status_code == 200
    assert "questions" in response.context["form"].errors
    req.refresh_from_db()
    assert all("\x00" not in q for q in req.questions)


# ---------------------------------------------------------------- letter templates: placeholders and lengths


def test_a_placeholder_with_a_format_spec_is_refused_in_the_template_form(org):
    _user, client = follower_of(org)
    for subject in ("Til {leverandor:>20000000}", "Til {leverandor!r}"):
        response = client.post(
            reverse("suppliers:letter_template_create"),
            {"request_type": "egenerklaering", "name": "Ny", "subject": subject, "body": "Tekst", "questions": ""},
        )
        assert response.status_code == 200
        assert "kan ikke ha formatering" in response.content.decode()
    assert not LetterTemplate.objects.filter(name="Ny").exists()


def test_a_planted_format_spec_in_a_stored_template_makes_no_letter(org):
    case = follow_up_case(org)
    template = LetterTemplate.objects.create(
        organization=None, request_type=RequestType.SAQ, name="Plantet", subject="Hei", body="{leverandor:>20000000}"
    )
    _user, client = follower_of(org)
    response = client.post(reverse("suppliers:request_create", args=[case.pk]), {"template": template.pk})
    assert response.status_code == 200
    assert "kan ikke ha formatering" in response.content.decode()
    assert not DueDiligenceRequest.objects.exists()


def test_a_filled_subject_longer_than_the_column_is_a_form_error(org):
    case = follow_up_case(org)
    case.contract.title = "K" * 200
    case.contract.save()
    template = LetterTemplate.objects.create(
        organization=org, request_type=RequestType.SAQ, name="Lang", subject="{kontrakt}: {kontrakt}", body="Tekst"
    )
    _user, client = follower_of(org)
    client.raise_request_exception = False
    response = client.post(reverse("suppliers:request_create", args=[case.pk]), {"template": template.pk})
    assert response.status_code == 200
    assert "høyst 200" in response.content.decode()
    assert not DueDiligenceRequest.objects.exists()


def test_the_filled_letter_is_capped(org):
    case = follow_up_case(org)
    template = LetterTemplate.objects.create(
        organization=org, request_type=RequestType.SAQ, name="Stor", subject="Hei", body="{leverandor} " * 5000
    )
    with pytest.raises(ValidationError, match="høyst 20000"):
        due_diligence.create_request(case=case, user=None, template=template)
