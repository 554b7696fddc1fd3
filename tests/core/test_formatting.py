"""Dates and numbers in one style everywhere: '1. des. 2026' in bokmål, '1 Dec 2026' in English (issue 21)."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.formatting import format_day, format_moment, format_number

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize(
    ("lang", "day", "moment", "numbers"),
    [
        ("nb", "1. des. 2026", "1. des. 2026 kl. 14.05", ("12,5", "1\u00a0234\u00a0567", "57,1")),
        ("en", "1 Dec 2026", "1 Dec 2026, 14:05", ("12.5", "1,234,567", "57.1")),
    ],
)
def test_one_style_per_language(lang, day, moment, numbers):
    with translation.override(lang):
        assert format_day(date(2026, 12, 1)) == day
        assert format_moment(datetime(2026, 12, 1, 13, 5, tzinfo=UTC)) == moment  # Oslo is UTC+1 in December
        assert (format_number(Decimal("12.50")), format_number(1234567), format_number(Decimal("57.14"), 1)) == numbers


def test_short_months_are_written_out_in_bokmal():
    with translation.override("nb"):
        assert [format_day(date(2026, m, 5)) for m in (3, 5, 6, 7, 9)] == [
            "5. mars 2026",
            "5. mai 2026",
            "5. juni 2026",
            "5. juli 2026",
            "5. sep. 2026",
        ]


def test_every_template_has_the_filters():
    with translation.override("nb"):
        html = Template("{{ d|day }} · {{ n|num }}").render(Context({"d": date(2026, 12, 1), "n": Decimal("2.50")}))
    assert html == "1. des. 2026 · 2,5"


def test_no_template_formats_a_date_its_own_way():
    """Only machine formats (a <time datetime> attribute) may use Django's date filter directly."""
    found = []
    for path in TEMPLATES.rglob("*"):
        if path.suffix in {".html", ".txt"}:
            for match in re.finditer(r"\|date(:['\"]([^'\"]*)['\"])?", path.read_text()):
                if match.group(2) not in {"Y-m-d", "c"}:
                    found.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert found == []


@pytest.mark.django_db
def test_activity_log_shows_dates_and_numbers_in_the_house_style(org, users):
    from core.roles import Role
    from reporting.models import EnteredValue
    from tests.conftest import client_for

    admin = users[Role.ORG_ADMIN]
    indicator = EnteredValue._meta.get_field("indicator").choices[0][0]
    EnteredValue.objects.create(
        organization=org, indicator=indicator, year=2026, value=Decimal("12.50"), unit="%", source="SSB"
    )
    page = client_for(admin).get(reverse("core:activity")).content.decode()
    assert ": 12,5" in page and ": 12.50" not in page
    today = format_day(datetime.now(UTC))
    assert today in page, "the time of each change is in the house style"
