"""python manage.py import_minerals_report FILE --product ID [--pack ID] [--user NAME] [--dry-run]"""

import pytest
from django.core.management import CommandError, call_command

from battery_chain.models import MineralsReport, SourcingLine
from tests.battery_chain import helpers as workbooks
from tests.factories import minerals_materials, minerals_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(org):
    minerals_materials()
    return minerals_product(org)


def run(path, product, *args):
    from io import StringIO

    out = StringIO()
    call_command("import_minerals_report", str(path), "--product", str(product.pk), *args, stdout=out)
    return out.getvalue()


def counts():
    return MineralsReport.objects.count(), SourcingLine.objects.count()


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path, product):
    path = tmp_path / "emrt.xlsx"
    path.write_bytes(workbooks.emrt(answers={(2, "Cobalt"): "Unknown"}))
    output = run(path, product, "--dry-run")
    assert "Mal: EMRT 2.1" in output and "Selskap: Nordic Cells AS" in output
    assert "Spørsmål 2 (Cobalt) er besvart med «Unknown»" in output
    assert "Prøvekjøring: 5 linjer" in output
    assert counts() == (0, 0)


def test_import_writes_the_report_and_lines(tmp_path, product, users):
    path = tmp_path / "cmrt.xlsx"
    path.write_bytes(workbooks.cmrt())
    user = next(iter(users.values()))
    output = run(path, product, "--user", user.username)
    assert "Importert: rapport" in output
    report = MineralsReport.objects.get()
    assert report.original_name == "cmrt.xlsx" and report.imported_by == user
    assert counts() == (1, 4)


def test_refused_file_exits_non_zero(tmp_path, product):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(CommandError, match="gamle Excel-formatet"):
        run(path, product)
    assert counts() == (0, 0)


def test_report_with_errors_exits_non_zero(tmp_path, product):
    path = tmp_path / "formulas.xlsx"
    path.write_bytes(workbooks.emrt(formulas={"Declaration": {"D7": "=A1"}}, cached_values=False))
    with pytest.raises(CommandError, match="kan ikke importeres"):
        run(path, product)
    assert counts() == (0, 0)


def test_product_with_several_packs_needs_pack(tmp_path, org):
    minerals_materials()
    product = minerals_product(org, packs=2)
    path = tmp_path / "emrt.xlsx"
    path.write_bytes(workbooks.emrt())
    with pytest.raises(CommandError, match="Velg hvilken batteripakke"):
        run(path, product)
    run(path, product, "--pack", str(product.packs.first().pk), "--dry-run")
    assert counts() == (0, 0)
