"""The KPI report as plain data: what the dashboard, the exports, the PDF and the command all show."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from reporting import follow_up, indicators
from reporting.facts import fact_groups
from reporting.indicators import Result
from reporting.models import EnteredValue


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    definition: str
    unit: str
    results: list[Result]
    years: list[int]
    drill_down: bool = True

    @property
    def cells(self) -> list[tuple[int, Result]]:
        return list(zip(self.years, self.results, strict=True))

    @property
    def change(self) -> Decimal | None:
        """Change since the year before, in the indicator's unit (percentage points for shares)."""
        if len(self.results) < 2 or self.results[-1].value is None or self.results[-2].value is None:
            return None
        return self.results[-1].value - self.results[-2].value

    @property
    def change_unit(self) -> str:
        """The unit the change is shown in: a share moves in percentage points, not per cent."""
        return str(_("prosentpoeng")) if self.unit == "%" else self.unit


@dataclass(frozen=True)
class Group:
    title: str
    rows: list[Row]


@dataclass
class Report:
    organization: object
    years: list[int]
    groups: list[Group] = field(default_factory=list)
    entered: list[Row] = field(default_factory=list)

    @property
    def counted_note(self) -> str:
        """In the language of the request (the lazy text is resolved here, not at import)."""
        return str(indicators.COUNTED)


def build_report(organization, *, years: list[int], category_id=None, kind=None, cpv_division=None) -> Report:
    report = Report(organization, years)
    tender = indicators.table(
        fact_groups(organization, category_id=category_id, kind=kind, cpv_division=cpv_division, years=years), years
    )
    report.groups.append(
        Group(
            str(_("Klima, miljø og menneskerettigheter i anskaffelsene")),
            [Row(i.key, str(i.title), str(i.definition), i.unit, results, years) for i, results in tender],
        )
    )
    followed = follow_up.follow_up_results(organization, years)
    report.groups.append(
        Group(
            str(_("Oppfølging av kontrakter")),
            [
                Row(i.key, str(i.title), str(i.definition), str(i.unit), followed[i.key], years)
                for i in follow_up.FOLLOW_UP
            ],
        )
    )
    battery = follow_up.battery_indicators()
    battery_results = follow_up.battery_results(organization, years, battery)
    report.groups.append(
        Group(
            str(_("Batterikjeder")),
            [Row(i.key, str(i.title), str(i.definition), str(i.unit), battery_results[i.key], years) for i in battery],
        )
    )
    report.entered = entered_rows(organization, years)
    return report


def entered_rows(organization, years: list[int]) -> list[Row]:
    values: dict[tuple, dict[int, Decimal]] = {}
    for v in EnteredValue.objects.filter(organization=organization, year__in=years):
        label = v.get_indicator_display() + (f" – {v.detail}" if v.detail else "")
        values.setdefault((v.indicator, label, v.unit, v.source), {})[v.year] = v.value
    return [
        Row(
            key,
            label,
            str(_("Registrert av organisasjonen. Kilde: %(source)s") % {"source": source}),
            unit,
            [Result(by_year.get(y), 0, 0) for y in years],
            years,
            drill_down=False,
        )
        for (key, label, unit, source), by_year in sorted(values.items(), key=lambda kv: kv[0][1])
    ]
