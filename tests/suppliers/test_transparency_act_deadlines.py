"""Åpenhetsloven § 6 deadlines and working days (issue 14, items 2 and 3: the pure date logic)."""

from datetime import date

import pytest

from core import working_days
from suppliers.follow_up import transparency_act as act

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods():
    return act.periods_on(date(2026, 12, 1))


def test_the_periods_come_from_the_rule_rows(periods):
    assert periods == act.Periods(answer_weeks=3, extended_months=2)
    assert act.periods_on(date(2020, 6, 15)) == periods, "a date before the first row takes the first row"


def test_three_weeks_count_from_the_received_day_not_the_sent_day(periods):
    assert act.answer_due(date(2026, 3, 2), periods) == date(2026, 3, 23)
    sent, received = date(2026, 3, 2), date(2026, 3, 4)
    assert act.suggested_deadline(sent=sent, received=received, periods=periods) == date(2026, 3, 25)
    assert act.suggested_deadline(sent=sent, received=None, periods=periods) == date(2026, 3, 23), "default: sent"


def test_extension_to_two_months_only_when_notified_within_three_weeks(periods):
    received = date(2026, 3, 2)
    assert act.extended_due(received, periods) == date(2026, 5, 2)
    assert act.extension_allowed(received, date(2026, 3, 23), periods)
    assert not act.extension_allowed(received, date(2026, 3, 24), periods), "too late to extend"
    assert act.extended_due(date(2026, 12, 31), periods) == date(2027, 2, 28), "the month's last day"


def test_a_draft_sent_days_later_counts_from_the_sending_day(periods):
    """Made on 25 Nov, sent on 1 Dec: due 22 Dec (21 days), not 16 Dec."""
    assert act.suggested_deadline(sent=date(2026, 12, 1), received=None, periods=periods) == date(2026, 12, 22)


def test_a_back_dated_send_counts_from_the_back_dated_day(periods):
    assert act.suggested_deadline(sent=date(2025, 12, 15), received=None, periods=periods) == date(2026, 1, 5)


def test_a_deadline_on_17_may_is_flagged_with_its_weekday_and_moved_to_the_next_working_day():
    flag = act.flag_for(date(2026, 5, 17))
    assert flag.reason == "søndag, grunnlovsdag"
    assert flag.next_working_day == date(2026, 5, 18)
    assert "søndag" in flag.message and "18. mai 2026" in flag.message


def test_a_deadline_on_easter_monday_2026_moves_to_tuesday():
    flag = act.flag_for(date(2026, 4, 6))
    assert flag.reason == "mandag, andre påskedag"
    assert flag.next_working_day == date(2026, 4, 7)


def test_a_deadline_on_maundy_thursday_skips_the_whole_easter():
    assert working_days.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)


def test_a_saturday_is_flagged_and_a_working_day_is_not():
    assert act.flag_for(date(2026, 3, 21)).reason == "lørdag"
    assert act.flag_for(date(2026, 3, 23)) is None
    assert act.flag_for(None) is None
