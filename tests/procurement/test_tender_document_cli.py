"""manage.py render_tender: a tender PDF on disk without the job queue."""

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from procurement.models import Procurement
from tests.procurement.helpers import full_tender

pytestmark = pytest.mark.django_db


def test_renders_the_tender_to_a_file(org, tmp_path, capsys):
    tender = full_tender(org, per_section=1)
    out = tmp_path / "konkurransegrunnlag.pdf"
    call_command("render_tender", tender.reference, "--out", str(out))
    reader = PdfReader(out)
    assert "UTKAST" in reader.pages[0].extract_text()
    assert f"{len(reader.pages)} sider skrevet til {out}" in capsys.readouterr().out


def test_a_reference_in_two_organisations_needs_org(org, other_org, tmp_path):
    ours = full_tender(org, per_section=1)
    theirs = full_tender(other_org, per_section=1, title="Skolemøbler")
    assert ours.reference == theirs.reference
    out = tmp_path / "k.pdf"
    with pytest.raises(CommandError, match=r"finnes i flere organisasjoner: .*Velg én med --org ORGNR"):
        call_command("render_tender", ours.reference, "--out", str(out))
    assert not out.exists()
    call_command("render_tender", ours.reference, "--out", str(out), "--org", other_org.orgnr)
    assert "Skolemøbler" in PdfReader(out).pages[0].extract_text()


def test_an_unknown_reference_is_a_clear_error(org, tmp_path):
    with pytest.raises(CommandError, match="Fant ingen anskaffelse med referanse 1999/001."):
        call_command("render_tender", "1999/001", "--out", str(tmp_path / "k.pdf"))
    assert not Procurement.objects.exists()
