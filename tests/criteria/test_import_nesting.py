"""A library file nested deeper than any export is a clear error, not a crash."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria import library_io
from criteria.models import Criterion
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _upload(content: bytes):
    return SimpleUploadedFile("bibliotek.json", content, content_type="application/json")


def test_deeply_nested_json_through_the_ui_is_a_clear_error(national_editors):
    # The national library is its editors' to import into (issue 20).
    editor = client_for(national_editors[0])
    editor.raise_request_exception = False
    response = editor.post(reverse("criteria:import"), {"file": _upload(b"[" * 200_000 + b"]" * 200_000)})
    assert response.status_code == 200
    assert "for dypt nøstet" in response.content.decode()
    assert Criterion.objects.count() == 0


@pytest.mark.parametrize("depth", [50, 900])
def test_nesting_inside_an_export_shaped_file_is_refused_before_validation(depth):
    data = {"format": library_io.FORMAT, "format_version": library_io.FORMAT_VERSION, "criteria": [0]}
    inner = data["criteria"]
    for _ in range(depth):
        inner[0] = [0]
        inner = inner[0]
    with pytest.raises(library_io.LibraryImportError) as exc:
        library_io.import_bytes(json.dumps(data).encode(), filename="bibliotek.json")
    assert "for dypt nøstet" in str(exc.value)
