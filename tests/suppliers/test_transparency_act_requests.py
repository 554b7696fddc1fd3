"""Åpenhetsloven § 6 on a sent information request (issue 14, item 2): the received day, the supplier's
extension notice, a refusal on one of the law's grounds, and the not-covered warning.

The periods come from the dated rule rows (transparency_act.periods_on); the expected dates
here are worked out by hand from 3 weeks and 2 months, the rows valid in 2026.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from reporting import follow_up as kpis
from suppliers.follow_up import due_diligence, reminders, timeline
from suppliers.follow_up import transparency_act as act
from suppliers.follow_up.answer_page import tokens
from suppliers.models import AnswerLink, DueDiligenceRequest, Supplier
from tests.factories import dd_request, follow_up_case, member, supplier_contact
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
S = DueDiligenceRequest.Status
G = DueDiligenceRequest.RefusalGround


def _today():
    return timezone.localdate()


def _url(name, req):
    return reverse(f"suppliers:{name}", args=[req.case_id, req.pk])


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The answer page throttles per address and minute in the cache; these tests open it often.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def follower(org):
    return follower_of(org)


@pytest.fixture
def case(org):
    return follow_up_case(org)


def _sent(case, on: date, **fields):
    return dd_request(case, sent_on=on, **fields)


def _periods(on):
    return act.periods_on(on)


# ---------------------------------------------------------------- the received day


def test_the_received_day_defaults_to_the_sent_day_and_the_deadline_counts_from_it(case, follower):
    _user, client = follower
    req = dd_request(case)
    client.post(_url("request_send", req), {"sent_on": "2026-11-02", "deadline": "2026-11-23"})
    req.refresh_from_db()
    assert req.received_on == date(2026, 11, 2)
    assert req.deadline == date(2026, 11, 23)
    page = client.get(_url("request_detail", req)).content.decode()
    assert 'data-testid="received-on"' in page and "2. nov. 2026" in page


def test_editing_the_received_day_counts_three_weeks_from_it(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 11, 2))
    response = client.post(_url("request_received", req), {"received_on": "2026-11-05"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.received_on == date(2026, 11, 5)
    assert req.deadline == act.answer_due(date(2026, 11, 5), _periods(date(2026, 11, 5))) == date(2026, 11, 26)


def test_the_received_day_may_not_be_before_the_sent_day_nor_in_the_future(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 11, 2))
    before = client.post(_url("request_received", req), {"received_on": "2026-11-01"})
    assert before.status_code == 200 and "Datoen kan ikke være før 2. november 2026" in before.content.decode()
    future = client.post(_url("request_received", req), {"received_on": (_today() + timedelta(days=1)).isoformat()})
    assert "Datoen kan ikke være i fremtiden" in future.content.decode()
    req.refresh_from_db()
    assert req.received_on == date(2026, 11, 2) and req.deadline == date(2026, 11, 23)
    with pytest.raises(due_diligence.ValidationError, match="i fremtiden"):
        due_diligence.set_received_on(req=req, user=None, received_on=_today() + timedelta(days=1))


def test_a_later_received_day_takes_an_overdue_request_back_to_waiting(case):
    req = _sent(case, date(2026, 10, 1))
    due_diligence.mark_overdue(date(2026, 10, 23))
    req.refresh_from_db()
    assert req.status == S.OVERDUE
    today = date(2026, 10, 23)
    req = due_diligence.set_received_on(req=req, user=None, received_on=date(2026, 10, 5), today=today)
    assert req.deadline == date(2026, 10, 26) and req.status == S.SENT


def test_the_received_day_is_only_for_transparency_act_requests(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 11, 2), request_type="forventningsbrev")
    response = client.get(_url("request_received", req), follow=True)
    assert "bare informasjonskrav etter åpenhetsloven § 6" in response.content.decode()


def test_a_back_dated_send_and_a_draft_sent_days_later_record_the_day_sent_as_received(case, follower):
    """The deadline follows the day typed (issue 14, item 3), and so does the received day."""
    _user, client = follower
    draft = dd_request(case, deadline=date(2026, 12, 16))  # made on 25 Nov with 16 Dec
    client.post(
        _url("request_send", draft),
        {"sent_on": "2026-12-01", "deadline": "2026-12-16", "proposed_deadline": "2026-12-16"},
    )
    draft.refresh_from_db()
    assert (draft.received_on, draft.deadline) == (date(2026, 12, 1), date(2026, 12, 22))
    back = dd_request(case)
    proposed = (_today() + timedelta(days=21)).isoformat()
    client.post(
        _url("request_send", back), {"sent_on": "2025-12-15", "deadline": proposed, "proposed_deadline": proposed}
    )
    back.refresh_from_db()
    assert (back.received_on, back.deadline) == (date(2025, 12, 15), date(2026, 1, 5))


def test_a_received_day_that_puts_the_deadline_on_17_may_is_flagged_on_the_request_page(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 4, 24))
    client.post(_url("request_received", req), {"received_on": "2026-04-26"})
    req.refresh_from_db()
    assert req.deadline == date(2026, 5, 17)
    page = client.get(_url("request_detail", req)).content.decode()
    assert 'data-testid="deadline-flag"' in page and "søndag, grunnlovsdag" in page and "18. mai 2026" in page


def test_a_received_day_that_puts_the_deadline_on_easter_monday_2026_is_flagged(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 3, 13))
    client.post(_url("request_received", req), {"received_on": "2026-03-16"})
    req.refresh_from_db()
    assert req.deadline == date(2026, 4, 6)
    page = client.get(_url("request_detail", req)).content.decode()
    assert "mandag, andre påskedag" in page and "7. apr. 2026" in page


# ---------------------------------------------------------------- the extension notice


def test_a_notice_within_three_weeks_moves_the_deadline_to_two_months_from_the_received_day(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 9, 1))
    due_diligence.set_received_on(req=req, user=None, received_on=date(2026, 9, 3))
    response = client.post(
        _url("request_extension", req),
        {"notified_on": "2026-09-24", "reason": "Vi må spørre 40 underleverandører; svar innen 1. november."},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.extension_notified_on == date(2026, 9, 24), "the last day of the three weeks still counts"
    assert req.deadline == act.extended_due(date(2026, 9, 3), _periods(date(2026, 9, 3))) == date(2026, 11, 3)
    assert req.extension_source == DueDiligenceRequest.ExtensionSource.OFFICER
    page = client.get(_url("request_detail", req)).content.decode()
    assert 'data-testid="extension"' in page and "40 underleverandører" in page


def test_the_extension_notice_appears_on_the_case_timeline(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 9, 1))
    due_diligence.record_extension(
        req=req, user=None, notified_on=date(2026, 9, 10), reason="Omfattende", today=date(2026, 9, 10)
    )
    entry = next(e for e in timeline.build(case) if e.kind == "extension")
    assert entry.day == date(2026, 9, 10)
    assert "ny svarfrist 1. november 2026" in entry.text and "Omfattende" in entry.text
    html = client.get(reverse("suppliers:case_timeline", args=[case.pk])).content.decode()
    assert "Leverandøren varslet utsatt frist (åpenhetsloven § 6)" in html


def test_a_notice_after_three_weeks_is_refused_and_the_deadline_stays(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 9, 1))
    response = client.post(_url("request_extension", req), {"notified_on": "2026-09-23", "reason": "For sent"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Varselet om utsatt frist kom 23. september 2026, etter den ordinære svarfristen 22. september 2026" in body
    req.refresh_from_db()
    assert req.extension_notified_on is None and req.deadline == date(2026, 9, 22)


def test_a_received_day_after_a_given_notice_is_refused(case):
    req = _sent(case, date(2026, 9, 10))
    due_diligence.record_extension(
        req=req, user=None, notified_on=date(2026, 9, 12), reason="Omfattende", today=date(2026, 9, 12)
    )
    with pytest.raises(due_diligence.ValidationError, match="utenfor den ordinære svarfristen"):
        due_diligence.set_received_on(req=req, user=None, received_on=date(2026, 9, 14), today=date(2026, 9, 20))
    req.refresh_from_db()
    assert req.received_on == date(2026, 9, 10) and req.deadline == date(2026, 11, 10)


def test_the_moved_deadline_gets_its_own_reminders(org, case):
    follower = member(org, Role.CONTRACT_FOLLOWER)
    case.contract.responsible = follower
    case.contract.save()
    req = dd_request(case, user=follower, sent_on=date(2026, 9, 1))
    mail.outbox.clear()
    reminders.run_daily(date(2026, 9, 15))  # a week before 22 September
    assert len(mail.outbox) == 1
    due_diligence.record_extension(
        req=req, user=None, notified_on=date(2026, 9, 18), reason="Omfattende", today=date(2026, 9, 18)
    )
    reminders.run_daily(date(2026, 9, 22))
    assert len(mail.outbox) == 1, "the old deadline is gone: nothing on 22 September"
    reminders.run_daily(date(2026, 10, 25))  # a week before 1 November
    assert len(mail.outbox) == 2 and "1. november 2026" in mail.outbox[1].subject


def test_the_supplier_gives_notice_on_the_answer_page_and_the_deadline_moves(case, follower):
    today = _today()
    req = _sent(case, today)
    _link, token = tokens.issue(req=req, language="nb")
    page_url = reverse("answer_page:answer", args=[token])
    assert "Da må dere varsle senest" in Client().get(page_url).content.decode()
    Client().post(reverse("answer_page:extension", args=[token]), {"reason": "40 underleverandører skal svare."})
    req.refresh_from_db()
    assert req.extension_notified_on == today
    assert req.extension_source == DueDiligenceRequest.ExtensionSource.ANSWER_PAGE
    assert req.deadline == act.extended_due(today, _periods(today))
    assert 'data-testid="extension-given"' in Client().get(page_url).content.decode()
    _user, client = follower
    body = client.get(_url("request_detail", req)).content.decode()
    assert "via svarsiden" in body and "40 underleverandører" in body
    assert any(e.kind == "extension" for e in timeline.build(case))


def test_the_answer_page_refuses_a_notice_after_three_weeks_with_a_norwegian_message(case):
    req = _sent(case, _today() - timedelta(days=30))
    _link, token = tokens.issue(req=req, language="nb")
    page = Client().get(reverse("answer_page:answer", args=[token])).content.decode()
    assert "Fristen for å varsle at dere trenger mer tid gikk ut" in page
    response = Client().post(reverse("answer_page:extension", args=[token]), {"reason": "For sent"})
    assert response.status_code == 400
    assert "Etter åpenhetsloven § 6 kan fristen bare forlenges når leverandøren varsler innen den" in (
        response.content.decode()
    )
    req.refresh_from_db()
    assert req.extension_notified_on is None and AnswerLink.objects.get().extension_requested_at is None


# ---------------------------------------------------------------- refusal


def test_a_refusal_with_a_ground_closes_the_request_as_refused(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 9, 1))
    response = client.post(
        _url("request_refusal", req),
        {
            "refused_on": "2026-09-15",
            "ground": G.TRADE_SECRETS,
            "note": "Prisene til underleverandørene er forretningshemmeligheter.",
        },
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == S.REFUSED and req.refusal_ground == G.TRADE_SECRETS and req.refused_on == date(2026, 9, 15)
    page = client.get(_url("request_detail", req)).content.decode()
    assert 'data-testid="refusal"' in page and "forretningshemmeligheter" in page
    assert f'href="{_url("response_create", req)}"' not in page, "no answer to wait for"
    titles = [e.title for e in timeline.build(case)]
    assert "Avslått etter åpenhetsloven § 6" in titles


def test_a_refusal_needs_one_of_the_law_grounds_and_a_note(case, follower):
    _user, client = follower
    req = _sent(case, date(2026, 9, 1))
    response = client.post(_url("request_refusal", req), {"refused_on": "2026-09-15", "ground": "fordi", "note": ""})
    assert response.status_code == 200
    req.refresh_from_db()
    assert req.status == S.SENT
    assert len(G.choices) == 4, "åpenhetsloven § 6 third paragraph (a) to (d)"
    with pytest.raises(due_diligence.ValidationError):
        due_diligence.record_refusal(req=req, user=None, refused_on=date(2026, 9, 15), ground=G.UNREASONABLE, note=" ")


def test_a_refused_request_is_not_overdue_gets_no_reminder_and_counts_as_answered(org, case):
    follower = member(org, Role.CONTRACT_FOLLOWER)
    case.contract.responsible = follower
    case.contract.save()
    contact = supplier_contact(org, case.supplier, email="kari@leverandor.example")
    req = dd_request(case, user=follower, sent_on=date(2026, 9, 1), contact=contact, remind_supplier=True)
    due_diligence.record_refusal(
        req=req, user=None, refused_on=date(2026, 9, 10), ground=G.PERSONAL_DATA, note="Gjelder ansattes helse."
    )
    mail.outbox.clear()
    for day in (date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 29)):
        reminders.run_daily(day)
    req.refresh_from_db()
    assert req.status == S.REFUSED, "not marked overdue"
    assert mail.outbox == [] and not req.reminders.exists()
    results = kpis.follow_up_results(org, [2026])
    assert (results["svar_i_tide"][0].numerator, results["svar_i_tide"][0].denominator) == (1, 1)
    assert results["median_svartid"][0].value == 9
    _user, client = follower_of(org)
    rows = client.get(reverse("suppliers:case_list")).context["page"].object_list
    row = next(r for r in rows if r.pk == case.pk)
    assert (row.overdue_requests, row.open_requests) == (0, 0)


def test_the_supplier_refuses_on_the_answer_page_and_the_link_is_spent(case):
    req = _sent(case, _today())
    _link, token = tokens.issue(req=req, language="nb")
    assert "Avslå forespørselen" in Client().get(reverse("answer_page:answer", args=[token])).content.decode()
    response = Client().post(
        reverse("answer_page:refusal", args=[token]),
        {"ground": G.UNCLEAR, "note": "Vi forstår ikke hvilke produkter det gjelder."},
    )
    assert response.status_code == 200 and "Avslaget på" in response.content.decode()
    req.refresh_from_db()
    assert req.status == S.REFUSED and req.refusal_ground == G.UNCLEAR and req.refused_on == _today()
    assert AnswerLink.objects.get().state == "submitted"


def test_the_answer_page_refusal_needs_a_ground(case):
    req = _sent(case, _today())
    _link, token = tokens.issue(req=req, language="nb")
    response = Client().post(reverse("answer_page:refusal", args=[token]), {"ground": "", "note": "Nei"})
    assert response.status_code == 400
    req.refresh_from_db()
    assert req.status == S.SENT


def test_each_section_6_write_leaves_a_history_row(case):
    req = _sent(case, date(2026, 9, 1))
    writes = (
        lambda: due_diligence.set_received_on(req=req, user=None, received_on=date(2026, 9, 2), today=date(2026, 9, 5)),
        lambda: due_diligence.record_extension(
            req=req, user=None, notified_on=date(2026, 9, 5), reason="Omfattende", today=date(2026, 9, 5)
        ),
        lambda: due_diligence.record_refusal(
            req=req,
            user=None,
            refused_on=date(2026, 9, 6),
            ground=G.UNREASONABLE,
            note="Spør om alt",
            today=date(2026, 9, 6),
        ),
    )
    for write in writes:
        before = req.history.count()
        write()
        assert req.history.count() > before


# ---------------------------------------------------------------- the not-covered warning


@pytest.mark.parametrize(
    ("classification", "warns"),
    [
        (Supplier.TransparencyAct.UNKNOWN, False),
        (Supplier.TransparencyAct.COVERED, False),
        (Supplier.TransparencyAct.NOT_COVERED, True),
    ],
)
def test_only_a_supplier_registered_as_not_covered_warns_before_sending(case, follower, classification, warns):
    _user, client = follower
    req = dd_request(case)
    Supplier.objects.filter(pk=case.supplier_id).update(transparency_act=classification)
    page = client.get(_url("request_send", req)).content.decode()
    assert ('data-testid="not-covered"' in page) is warns


def test_a_new_supplier_is_not_yet_classified(case):
    assert case.supplier.transparency_act == Supplier.TransparencyAct.UNKNOWN
    assert not case.supplier.not_covered_by_transparency_act and not case.supplier.covered_by_transparency_act
