"""A library editor of an ordinary organisation cannot plant a format-spec placeholder in a national letter template.

Issue 15 found that `{leverandor:>20000000}` in a national template made a 20-million-character
letter for every organisation. Issue 20's rule (only the national library's editors change national
templates) keeps the ordinary editor out altogether; and even a national editor's format spec is refused.
"""

import pytest
from django.urls import reverse

from core.roles import Role
from suppliers.follow_up.letter_seed import ensure_national_templates
from suppliers.models import LetterTemplate
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db
PLANTED = "Hei {leverandor:>20000000}"


@pytest.fixture
def national_template(db):
    ensure_national_templates()
    return LetterTemplate.objects.filter(organization__isnull=True).order_by("pk").first()


def _post(template, **changes) -> dict:
    return {
        "name": template.name,
        "request_type": template.request_type,
        "subject": template.subject,
        "body": template.body,
        "questions": "\n".join(template.questions),
        "version": template.version,
        **changes,
    }


def test_an_ordinary_organisations_library_editor_cannot_change_a_national_template(org, national_template):
    editor = client_for(member(org, Role.LIBRARY_EDITOR, Role.CONTRACT_FOLLOWER))
    url = reverse("suppliers:letter_template_edit", args=[national_template.pk])
    assert editor.post(url, _post(national_template, body=PLANTED)).status_code == 403
    national_template.refresh_from_db()
    assert "{leverandor:" not in national_template.body


def test_an_ordinary_organisations_library_editor_cannot_create_a_national_template(org, national_template):
    editor = client_for(member(org, Role.LIBRARY_EDITOR, Role.CONTRACT_FOLLOWER))
    before = LetterTemplate.objects.filter(organization__isnull=True).count()
    editor.post(reverse("suppliers:letter_template_create"), _post(national_template, name="Plantet", national="on"))
    assert LetterTemplate.objects.filter(organization__isnull=True).count() == before
    own = LetterTemplate.objects.filter(name="Plantet").first()
    assert own is None or own.organization == org, "at most the organisation's own template"


def test_even_a_national_editor_cannot_save_a_format_spec(national_editors, national_template):
    editor = client_for(national_editors[0])
    url = reverse("suppliers:letter_template_edit", args=[national_template.pk])
    response = editor.post(url, _post(national_template, body=PLANTED))
    assert response.status_code == 200 and "Skjemaet mangler versjonsnummeret" not in response.content.decode()
    assert "{leverandor:" not in LetterTemplate.objects.get(pk=national_template.pk).body
