"""Calendar arithmetic shared by deadlines and contract dates."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """Calendar months later (or earlier, for a negative count).

    A day that the target month does not have becomes that month's last day:
    31 January + 1 month is 28 (or 29) February, while 31 March + 12 months
    stays 31 March, as a due-diligence deadline or a contract term is read.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
