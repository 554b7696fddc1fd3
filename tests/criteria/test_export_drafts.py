"""Library exports show a reader what the library pages show them: published revisions only."""

import json

import pytest
from django.urls import reverse

from core.roles import Role
from tests.conftest import client_for
from tests.factories import criterion

pytestmark = pytest.mark.django_db


def _codes(client, name="criteria:export_json"):
    data = json.loads(client.get(reverse(name)).content)
    return {c["code"]: [r["number"] for r in c["revisions"]] for c in data["criteria"]}


def test_a_reader_who_cannot_edit_exports_no_national_drafts(org, users):
    # Only the national library's editors edit national criteria (issue 20), so `org` is that library here.
    org.is_national_library = True
    org.save(update_fields=["is_national_library"])
    criterion(code="PUBLISERT-01")
    criterion(code="UTKAST-01", publish=False)
    reader = client_for(users[Role.BUYER])
    editor = client_for(users[Role.LIBRARY_EDITOR])

    assert set(_codes(reader)) == {"PUBLISERT-01"}
    assert "UTKAST-01" not in reader.get(reverse("criteria:export_csv")).content.decode()
    assert set(_codes(editor)) == {"PUBLISERT-01", "UTKAST-01"}
