"""Working days in Norway: weekends and public holidays, from the maintained `holidays` package.

Pure date arithmetic, no ORM. Norwegian public holidays move (Easter, Ascension,
Whit Monday), so they come from `holidays` rather than a list written here.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

COUNTRY = "NO"


@lru_cache(maxsize=32)
def _holidays_of(year: int) -> dict[date, str]:
    # Norwegian names; the package's "no" language is bokmål.
    return dict(holidays.country_holidays(COUNTRY, years=year, language="no"))


def weekday_name(day: date) -> str:
    names = (_("mandag"), _("tirsdag"), _("onsdag"), _("torsdag"), _("fredag"), _("lørdag"), _("søndag"))
    return names[day.weekday()]


def holiday_name(day: date) -> str | None:
    return _holidays_of(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def why_not_working(day: date) -> str | None:
    """Why the day is not a working day, in bokmål ("søndag", "mandag, andre påskedag"), or None."""
    name = holiday_name(day)
    if name:
        return f"{weekday_name(day)}, {name.lower()}"
    if day.weekday() >= 5:
        return weekday_name(day)
    return None


def next_working_day(day: date) -> date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
