"""The numbers on the page, in the CSV and in the XLSX are the hand-computed ones; drill-down; query counts."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from openpyxl import load_workbook

from procurement.models import AwardCriterion, Procurement
from reporting import fact_summary
from reporting.templatetags.kpi import number
from tests.core.jobs import order_and_download
from tests.factories import CategoryFactory
from tests.reporting.conftest import YEAR
from tests.reporting.test_indicators import EXPECTED

pytestmark = pytest.mark.django_db
QUERY = {"fra": YEAR - 1, "til": YEAR}


def test_page_shows_every_hand_computed_value_and_definition(officer_client, known_year):
    html = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    for key, (value, numerator, denominator) in EXPECTED.items():
        row = html[html.index(f'data-indicator="{key}"') :]
        row = row[: row.index("</tr>")]
        shown = number(value)  # Norwegian: decimal comma, whole numbers without decimals
        assert f">{shown} %<" in row, key
        assert f"{numerator}/{denominator}" in row or key == "snitt_miljovekt", key
        assert "Teller:" in row or "Gjennomsnittet" in row, "the definition is next to the number"


def test_csv_and_xlsx_carry_the_same_numbers(officer_client, known_year):
    text = officer_client.get(reverse("reporting:export", args=["csv"]), QUERY).content.decode("utf-8-sig")
    rows = {r[1]: r for r in csv.reader(io.StringIO(text), delimiter=";")}
    book = load_workbook(io.BytesIO(officer_client.get(reverse("reporting:export", args=["xlsx"]), QUERY).content))
    sheet_rows = {r[1]: r for r in book.active.iter_rows(values_only=True)}
    from reporting.indicators import BY_KEY

    for key, (value, _n, _d) in EXPECTED.items():
        title = str(BY_KEY[key].title)
        assert rows[title][4] == f"{value:f}".replace(".", ","), key  # columns: group, title, unit, 2024, 2025
        assert sheet_rows[title][4] == pytest.approx(float(value)), key


@pytest.mark.usefixtures("eager_tasks")
def test_pdf_report_downloads(officer_client, known_year, django_capture_on_commit_callbacks):
    url = reverse("reporting:report_pdf") + "?" + urlencode(QUERY)
    job, _content = order_and_download(officer_client, url, capture=django_capture_on_commit_callbacks)
    assert job.params == {"query": urlencode(QUERY)} and job.filename.startswith("indikatorer-")


def test_drill_down_from_30_percent_lists_exactly_the_counted_procurements(officer_client, known_year):
    html = officer_client.get(reverse("reporting:drill_down", args=["miljo_30", YEAR])).content.decode()
    shown = {p.reference for p in Procurement.objects.all() if f"<td>{p.reference}</td>" in html}
    assert shown == {p.reference for p in known_year[1:4]}
    denominator = officer_client.get(reverse("reporting:drill_down", args=["miljo_30", YEAR]), {"del": "nevner"})
    assert "10 anskaffelser" in denominator.content.decode()


def test_unknown_indicator_is_404(officer_client):
    assert officer_client.get(reverse("reporting:drill_down", args=["finnes-ikke", YEAR])).status_code == 404


def test_filters_by_kind(officer_client, known_year):
    html = officer_client.get(reverse("reporting:dashboard"), {**QUERY, "type": "tjenester"}).content.decode()
    row = html[html.index('data-indicator="alle_med_miljo"') :]
    assert "0/3" in row[: row.index("</tr>")]


def test_bad_year_range_says_what_is_wrong(officer_client):
    html = officer_client.get(reverse("reporting:dashboard"), {"fra": 2026, "til": 2020}).content.decode()
    assert "«Fra år» må være før eller lik «Til år»." in html


def _bulk(org, n):
    category = CategoryFactory()
    when = datetime(YEAR, 3, 1, tzinfo=UTC)
    made = Procurement.objects.bulk_create(
        Procurement(
            organization=org,
            year=YEAR,
            sequence=i + 1,
            reference=f"{YEAR}/{i + 1:04d}",
            title=f"P{i}",
            category=category,
            kind="varer",
            estimated_value=500_000,
            status="publisert",
            published_at=when,
        )
        for i in range(n)
    )
    AwardCriterion.objects.bulk_create(
        AwardCriterion(procurement=p, name="Miljø", weight=30 + i % 20, is_environmental=True)
        for i, p in enumerate(made)
    )
    fact_summary.rebuild(org.pk)  # bulk inserts pass the signals, as in bench/scale.py


@pytest.mark.parametrize("size", [10, 1000])
def test_dashboard_has_a_fixed_number_of_queries(officer_client, org, size, django_assert_max_num_queries):
    _bulk(org, size)
    # session, user, memberships, organisation; tender facts (1); follow-up (5);
    # battery materials, products, lines (3); entered values (1); categories for the filter (1).
    with django_assert_max_num_queries(18):
        response = officer_client.get(reverse("reporting:dashboard"), QUERY)
    assert f"{size}/{size}" in response.content.decode()


def test_another_organisation_sees_only_its_own_numbers(outsider_client, known_year):
    page = outsider_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    row = page[page.index('data-indicator="alle_med_miljo"') :]
    assert "4/10" not in row[: row.index("</tr>")]
    drill = outsider_client.get(reverse("reporting:drill_down", args=["alle_med_miljo", YEAR]), {"del": "nevner"})
    assert not any(p.reference in drill.content.decode() for p in known_year)
    csv_text = outsider_client.get(reverse("reporting:export", args=["csv"]), QUERY).content.decode("utf-8-sig")
    assert "40,0" not in csv_text


def test_dashboard_in_english_translates_the_definitions_too(officer_client, known_year):
    officer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    assert 'lang="en"' in page
    assert "Teller med" not in page and "Numerator" in page


def _row(page, key):
    row = page[page.index(f'data-indicator="{key}"') :]
    return row[: row.index("</tr>")]


def test_change_of_a_share_is_labelled_in_percentage_points(officer_client, known_year):
    page = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    assert "Endring fra året før" in page
    assert "prosentpoeng" in _row(page, "alle_med_miljo")


def test_unit_of_the_median_answer_time_is_shown_once(officer_client, known_year):
    page = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", _row(page, "median_svartid")).split())  # what a reader sees
    assert "Median svartid (dager) Definisjon" in text
    assert "(dager) (dager)" not in text


def test_a_share_over_fewer_than_five_procurements_carries_a_small_sample_note(officer_client, known_year):
    page = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()

    def cell(key):
        row = _row(page, key)
        row = row[row.index(f"/{key}/{YEAR}/") :]
        return row[: row.index("</td>")]

    assert 'data-testid="small-sample"' in cell("hoyrisiko_med_klausul")  # 1 of 2
    assert 'data-testid="small-sample"' not in cell("alle_med_miljo")  # 4 of 10
    assert "færre enn 5 tilfeller" in page


def test_drill_down_of_the_average_weight_shows_each_procurements_weight(officer_client, known_year):
    html = officer_client.get(reverse("reporting:drill_down", args=["snitt_miljovekt", YEAR])).content.decode()
    assert "Vekt på klima og miljø (%)" in html
    values = re.findall(r'data-testid="member-value">([^<]*)<', html)
    assert sorted(values) == ["20", "30", "30", "40"]
    for p in known_year[:4]:
        row = html[html.index(f"<td>{p.reference}</td>") :]
        assert (
            f'data-testid="member-value">{p.award_criteria.get(is_environmental=True).weight}<'
            in row[: row.index("</tr>")]
        )


def _drill_down_reverses(client, query, monkeypatch) -> int:
    import django.urls

    calls = []
    original = django.urls.reverse  # {% url %} imports it from django.urls when it renders

    def counting(viewname, *args, **kwargs):
        calls.append(viewname)
        return original(viewname, *args, **kwargs)

    monkeypatch.setattr(django.urls, "reverse", counting)
    monkeypatch.setattr("reporting.table.reverse", counting)
    assert client.get(reverse("reporting:dashboard"), query).status_code == 200
    return calls.count("reporting:drill_down")


def test_dashboard_reverses_the_drill_down_once_a_row_not_once_a_cell(officer_client, known_year, monkeypatch):
    """Issue 22: a {% url %} (and five more tags) per cell, ~130 cells, were most of the page's time."""
    two_years = _drill_down_reverses(officer_client, {"fra": YEAR - 1, "til": YEAR}, monkeypatch)
    eight_years = _drill_down_reverses(officer_client, {"fra": YEAR - 7, "til": YEAR}, monkeypatch)
    assert eight_years == two_years, f"{two_years} drill-down URLs for 2 years, {eight_years} for 8"
    html = officer_client.get(reverse("reporting:dashboard"), QUERY).content.decode()
    link = reverse("reporting:drill_down", args=["miljo_30", YEAR]) + "?" + urlencode(QUERY).replace("&", "&amp;")
    assert f'<a href="{link}" title="Se hva som teller">' in html


def test_the_cpv_filter_describes_itself_with_text_on_the_page(officer_client):
    """The select's aria-describedby must point at an element that is there, or a screen reader reads nothing."""
    html = officer_client.get(reverse("reporting:dashboard")).content.decode()
    assert 'aria-describedby="id_cpv_helptext"' in html
    assert 'id="id_cpv_helptext"' in html
