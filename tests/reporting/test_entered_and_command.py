import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reporting.models import EnteredValue
from tests.reporting.conftest import YEAR

pytestmark = pytest.mark.django_db

DATA = {
    "indicator": "e_faktura_andel",
    "detail": "",
    "year": 2025,
    "value": "84",
    "unit": "%",
    "source": "Økonomisystemet",
}


def test_admin_enters_a_value_and_sees_it_on_the_dashboard(admin_client_org, org):
    assert admin_client_org.post(reverse("reporting:entered_create"), DATA).status_code == 302
    value = EnteredValue.objects.get(organization=org)
    page = admin_client_org.get(reverse("reporting:dashboard"), {"fra": 2025, "til": 2025}).content.decode()
    assert "Andel e-faktura" in page and "Økonomisystemet" in page and value.entered_by is not None


def test_the_same_indicator_and_year_twice_is_refused_with_a_message(admin_client_org):
    admin_client_org.post(reverse("reporting:entered_create"), DATA)
    response = admin_client_org.post(reverse("reporting:entered_create"), DATA)
    assert "finnes allerede en verdi" in response.content.decode()
    assert EnteredValue.objects.count() == 1


def test_delete_asks_first(admin_client_org, org):
    admin_client_org.post(reverse("reporting:entered_create"), DATA)
    value = EnteredValue.objects.get()
    url = reverse("reporting:entered_delete", args=[value.pk])
    assert "Slette verdien?" in admin_client_org.get(url).content.decode()
    admin_client_org.post(url)
    assert not EnteredValue.objects.exists()


def test_only_administrators_enter_values(officer_client):
    assert officer_client.get(reverse("reporting:entered_list")).status_code == 403
    assert officer_client.post(reverse("reporting:entered_create"), DATA).status_code == 403


def test_command_writes_the_same_numbers(org, known_year, tmp_path, capsys):
    call_command("kpi_report", "--org", org.orgnr, "--from", str(YEAR), "--to", str(YEAR))
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    by_title = {r[1]: r for r in rows}
    assert by_title["Anskaffelser med klima og miljø vektet 30 % eller mer"][3] == "30,0"
    out = tmp_path / "kpi.xlsx"
    call_command(
        "kpi_report", "--org", org.orgnr, "--from", str(YEAR), "--to", str(YEAR), "--format", "xlsx", "--out", str(out)
    )
    assert out.read_bytes().startswith(b"PK")


def test_command_explains_bad_input(org):
    with pytest.raises(CommandError, match="Fant ingen organisasjon"):
        call_command("kpi_report", "--org", "999999999", "--from", "2020", "--to", "2021")
    with pytest.raises(CommandError, match="før eller lik"):
        call_command("kpi_report", "--org", org.orgnr, "--from", "2022", "--to", "2021")
