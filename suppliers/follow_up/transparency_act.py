"""Åpenhetsloven § 6 as a pure calculation: when an information request must be answered.

The enterprise answers within 3 weeks of *receiving* the request; where that is
too burdensome it may answer within 2 months, if it says so (why, and when it
will answer) within the 3 weeks. A refusal with its legal ground is an answer,
not a missing one. The periods are RuleParameter rows (procurement migration
0004), passed in here so that a change in the law is a new row, not new code.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from core import working_days
from core.dates import add_months
from core.formatting import format_day


@dataclass(frozen=True)
class Periods:
    answer_weeks: int
    extended_months: int


def answer_due(received: date, periods: Periods) -> date:
    """The law's deadline: the given number of weeks after the day the request was received."""
    return received + timedelta(weeks=periods.answer_weeks)


def extended_due(received: date, periods: Periods) -> date:
    return add_months(received, periods.extended_months)


def extension_allowed(received: date, notified: date, periods: Periods) -> bool:
    """The supplier may extend only by telling the requester within the ordinary period."""
    return received <= notified <= answer_due(received, periods)


@dataclass(frozen=True)
class DeadlineFlag:
    day: date
    reason: str  # e.g. "søndag" or "mandag, andre påskedag"
    next_working_day: date

    @property
    def message(self) -> str:
        return _("Fristen %(day)s faller på en %(reason)s. Neste virkedag er %(next)s.") % {
            "day": format_day(self.day),
            "reason": self.reason,
            "next": format_day(self.next_working_day),
        }


def flag_for(deadline: date | None) -> DeadlineFlag | None:
    """A deadline on a weekend or Norwegian public holiday, with the next working day to move it to."""
    if deadline is None:
        return None
    reason = working_days.why_not_working(deadline)
    if reason is None:
        return None
    return DeadlineFlag(deadline, reason, working_days.next_working_day(deadline))


def suggested_deadline(*, sent: date, received: date | None, periods: Periods) -> date:
    """The deadline to suggest when a request is sent: counted from the received day (default the sent day).

    A back-dated send counts from its own day, and a draft made earlier counts
    from the day it is actually sent, never from the day the draft was made.
    """
    return answer_due(received or sent, periods)


def periods_on(on: date) -> Periods:
    """The § 6 periods valid on the date, from the RuleParameter rows.

    A date before the first row (a request recorded from before the Act, 1 July
    2022) takes the first row: the letter still asks for an answer in that time.
    """
    from procurement.models import RuleParameter
    from procurement.rules import parameter

    def value(key):
        found = parameter(key, on=on).value
        if found is None:
            first = RuleParameter.objects.filter(key=key).order_by("valid_from").first()
            found = first.value if first else None
        if found is None:
            raise ValueError(f"no åpenhetsloven § 6 rule row {key}")
        return found

    weeks = value(RuleParameter.Key.TRANSPARENCY_ANSWER_WEEKS)
    months = value(RuleParameter.Key.TRANSPARENCY_EXTENDED_MONTHS)
    return Periods(answer_weeks=int(weeks), extended_months=int(months))
