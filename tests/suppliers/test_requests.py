"""Due-diligence requests: templates and placeholders, the transitions table, deadlines, the letter PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.dates import add_months
from core.roles import Role
from suppliers.follow_up import due_diligence, letters
from suppliers.models import CaseShare, DueDiligenceRequest, LetterTemplate, RequestEvent, RequestType
from tests.conftest import client_for
from tests.core.jobs import order_and_download
from tests.factories import OrganizationFactory, dd_request, follow_up_case, member, supplier_contact
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db
S = DueDiligenceRequest.Status


# ---------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2020, 6, 15), 4, datetime.date(2020, 10, 15)),
        (datetime.date(2021, 10, 31), 4, datetime.date(2022, 2, 28)),  # no 31 February
        (datetime.date(2023, 10, 31), 4, datetime.date(2024, 2, 29)),  # leap year
        (datetime.date(2020, 11, 30), 2, datetime.date(2021, 1, 30)),  # across the year
        (datetime.date(2020, 1, 31), 1, datetime.date(2020, 2, 29)),
    ],
)
def test_add_months_uses_the_calendar(start, months, expected):
    assert add_months(start, months) == expected


def test_transparency_act_deadline_is_three_weeks_and_others_four_months():
    day = datetime.date(2024, 3, 1)
    assert due_diligence.default_deadline(RequestType.TRANSPARENCY_ACT, day) == datetime.date(2024, 3, 22)
    for kind in RequestType:
        if kind != RequestType.TRANSPARENCY_ACT:
            assert due_diligence.default_deadline(kind, day) == datetime.date(2024, 7, 1)


# ---------------------------------------------------------------- templates and placeholders


def test_every_request_type_has_a_national_template():
    national = LetterTemplate.objects.filter(organization__isnull=True)
    assert set(national.values_list("request_type", flat=True)) == set(RequestType.values)
    for template in national:
        letters.check_placeholders(template.subject, template.body, *template.questions)


def test_placeholders_are_filled_when_the_request_is_made(org):
    case = follow_up_case(org)
    contact = supplier_contact(org, case.supplier, name="Ola Nordmann")
    template = LetterTemplate.objects.create(
        organization=org,
        request_type=RequestType.EXPECTATIONS,
        name="Mal",
        subject="Til {leverandor} om {kontrakt}",
        body="Hei {kontaktperson}. Svar innen {frist}. Hilsen {oppdragsgiver}",
        questions=["Hva leverer {leverandor}?"],
    )
    req = due_diligence.create_request(
        case=case, user=None, template=template, contact=contact, today=datetime.date(2020, 6, 15)
    )
    assert req.subject == f"Til {case.supplier.name} om {case.contract.title}"
    assert req.body == f"Hei Ola Nordmann. Svar innen 15. oktober 2020. Hilsen {org.name}"
    assert req.questions == [f"Hva leverer {case.supplier.name}?"]
    assert req.deadline == datetime.date(2020, 10, 15) and req.status == S.DRAFT


def test_unknown_placeholder_is_a_clear_form_error(org):
    case = follow_up_case(org)
    template = LetterTemplate.objects.create(
        organization=org, request_type=RequestType.SAQ, name="Gammel mal", subject="Til {leverandør}", body="x"
    )
    _user, client = follower_of(org)
    response = client.post(reverse("suppliers:request_create", args=[case.pk]), {"template": template.pk})
    assert response.status_code == 200
    assert "Ukjent plassholder: {leverandør}" in response.content.decode()
    assert not DueDiligenceRequest.objects.exists()


def test_template_form_refuses_unknown_placeholders(org):
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:letter_template_create"),
        {"request_type": "egenerklaering", "name": "Ny", "subject": "Til {firma}", "body": "Tekst {", "questions": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Ukjent plassholder: {firma}" in html and "krøllparentes" in html


def test_follower_keeps_own_templates_and_only_editors_touch_national_ones(org, users, national_editors):
    follower = client_for(users[Role.CONTRACT_FOLLOWER])
    local_editor = client_for(users[Role.LIBRARY_EDITOR])
    editor = client_for(national_editors[0])
    data = {"request_type": "egenerklaering", "name": "Vår SAQ", "subject": "SAQ til {leverandor}", "body": "Tekst"}

    follower.post(reverse("suppliers:letter_template_create"), {**data, "national": "on"})
    own = LetterTemplate.objects.get(name="Vår SAQ")
    assert own.organization == org  # the national box is not offered to a follower, so it is ignored

    national = LetterTemplate.objects.filter(organization__isnull=True).first()
    assert follower.get(reverse("suppliers:letter_template_edit", args=[national.pk])).status_code == 403
    # A municipality's library editor does not own the national templates.
    assert local_editor.get(reverse("suppliers:letter_template_edit", args=[national.pk])).status_code == 403
    assert editor.get(reverse("suppliers:letter_template_edit", args=[national.pk])).status_code == 200
    assert editor.get(reverse("suppliers:letter_template_edit", args=[own.pk])).status_code == 404

    editor.post(reverse("suppliers:letter_template_create"), {**data, "name": "Nasjonal SAQ", "national": "on"})
    assert LetterTemplate.objects.get(name="Nasjonal SAQ").organization is None


def test_other_organisations_templates_are_invisible(org, other_org):
    foreign = LetterTemplate.objects.create(
        organization=other_org, request_type="egenerklaering", name="Deres mal", subject="s", body="b"
    )
    _user, client = follower_of(org)
    assert "Deres mal" not in client.get(reverse("suppliers:letter_template_list")).content.decode()
    assert client.get(reverse("suppliers:letter_template_edit", args=[foreign.pk])).status_code == 404
    case = follow_up_case(org)
    response = client.post(reverse("suppliers:request_create", args=[case.pk]), {"template": foreign.pk})
    assert response.status_code == 200 and not DueDiligenceRequest.objects.exists()


# ---------------------------------------------------------------- states


def test_join_names():
    assert [letters.join_names(n) for n in (["A"], ["A", "B"], ["A", "B", "C"])] == ["A", "A og B", "A, B og C"]


def test_transitions_table_covers_every_status():
    assert set(due_diligence.TRANSITIONS) == set(S.values)
    for targets in due_diligence.TRANSITIONS.values():
        assert targets <= set(S.values)
    assert due_diligence.TRANSITIONS[S.CLOSED] == set()
    assert S.SENT in due_diligence.TRANSITIONS[S.FOLLOW_UP_REQUIRED]  # a new round
    assert S.ANSWERED in due_diligence.TRANSITIONS[S.OVERDUE]  # a late answer


@pytest.mark.parametrize("from_status", list(S))
def test_every_transition_is_allowed_or_refused_by_the_table(org, from_status):
    case = follow_up_case(org)
    req = dd_request(case)
    user = member(org, Role.CONTRACT_FOLLOWER)
    for to_status in S:
        # A refused request always carries its ground (a check constraint), whichever way it got there.
        DueDiligenceRequest.objects.filter(pk=req.pk).update(
            status=from_status, refused_on=datetime.date(2026, 12, 1), refusal_ground="urimelig"
        )
        req.refresh_from_db()
        before = RequestEvent.objects.count()
        if to_status in due_diligence.TRANSITIONS[from_status]:
            due_diligence.transition(req=req, to_status=to_status, user=user, comment="ok")
            event = RequestEvent.objects.latest("pk")
            assert (event.from_status, event.to_status, event.user, event.comment) == (
                from_status,
                to_status,
                user,
                "ok",
            )
        else:
            with pytest.raises(ValidationError) as exc:
                due_diligence.transition(req=req, to_status=to_status, user=user)
            assert "kan ikke få status" in exc.value.messages[0]
            assert RequestEvent.objects.count() == before


def test_impossible_transition_in_the_ui_gets_a_norwegian_message(org):
    case = follow_up_case(org)
    req = dd_request(case, sent_on=timezone.localdate())
    _user, client = follower_of(org)
    url = reverse("suppliers:request_transition", args=[case.pk, req.pk])
    response = client.post(url, {"to_status": "godkjent"}, follow=True)
    assert "En forespørsel med status «Sendt» kan ikke få status «Godkjent»." in response.content.decode()
    req.refresh_from_db()
    assert req.status == S.SENT
    client.post(url, {"to_status": "purret", "comment": "Ringte"})
    req.refresh_from_db()
    assert req.status == S.CHASED and req.events.latest("pk").comment == "Ringte"


def test_sending_sets_dates_and_records_the_deadline(org):
    case = follow_up_case(org)
    req = dd_request(case, request_type="apenhetsloven", today=datetime.date(2024, 3, 1))
    assert "22. mars 2024" in req.body
    user = member(org, Role.CONTRACT_FOLLOWER)
    sent = due_diligence.send_request(
        req=req, user=user, sent_on=datetime.date(2024, 3, 4), deadline=datetime.date(2024, 3, 25)
    )
    assert (sent.status, sent.sent_on, sent.deadline) == (
        S.SENT,
        datetime.date(2024, 3, 4),
        datetime.date(2024, 3, 25),
    )
    assert "25. mars 2024" in sent.body and "22. mars 2024" not in sent.body
    event = sent.events.latest("pk")
    assert event.to_status == S.SENT and "25. mars 2024" in event.comment and event.user == user
    with pytest.raises(ValidationError):
        due_diligence.send_request(req=sent, user=user, sent_on=datetime.date(2024, 3, 5))


def test_send_form_proposes_three_weeks_for_the_transparency_act(org):
    case = follow_up_case(org)
    req = dd_request(case, request_type="apenhetsloven")
    _user, client = follower_of(org)
    url = reverse("suppliers:request_send", args=[case.pk, req.pk])
    today = timezone.localdate()
    assert client.get(url).context["form"].initial["deadline"] == today + datetime.timedelta(days=21)
    response = client.post(url, {"sent_on": today.isoformat(), "deadline": today.isoformat()})
    assert "Svarfristen må være etter datoen brevet sendes." in response.content.decode()


def test_new_round_after_follow_up_required(org):
    case = follow_up_case(org)
    req = dd_request(case, request_type="egenerklaering", sent_on=datetime.date(2020, 6, 15))
    assert req.deadline == datetime.date(2020, 10, 15)
    due_diligence.log_response(req=req, user=None, received_on=datetime.date(2020, 10, 30), answers=[], text="Svar")
    due_diligence.transition(req=req, to_status=S.FOLLOW_UP_REQUIRED, user=None)
    again = due_diligence.send_request(req=req, user=None, sent_on=datetime.date(2020, 12, 10))
    assert (again.status, again.deadline) == (S.SENT, datetime.date(2021, 4, 10))


def test_draft_can_be_edited_until_sent(org):
    case = follow_up_case(org)
    req = dd_request(case)
    _user, client = follower_of(org)
    url = reverse("suppliers:request_edit", args=[case.pk, req.pk])
    client.post(url, {"subject": "Nytt emne", "body": "Ny tekst", "questions": "Ett\n\nTo\n", "version": req.version})
    req.refresh_from_db()
    assert (req.subject, req.questions) == ("Nytt emne", ["Ett", "To"])
    due_diligence.send_request(req=req, user=None, sent_on=timezone.localdate())
    response = client.get(url, follow=True)
    assert "Bare utkast kan endres" in response.content.decode()


# ---------------------------------------------------------------- the letter


@pytest.mark.usefixtures("eager_tasks")
def test_letter_pdf_is_a_download_with_co_signers_and_escaped_text(org, django_capture_on_commit_callbacks):
    partner = OrganizationFactory(name="Vestland fylkeskommune")
    case = follow_up_case(org)
    CaseShare.objects.create(case=case, organization=partner)
    contact = supplier_contact(org, case.supplier, name="<script>alert(1)</script>")
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:request_create", args=[case.pk]),
        {
            "template": LetterTemplate.objects.get(organization=None, request_type="forventningsbrev").pk,
            "contact": contact.pk,
            "co_signers": [partner.pk],
        },
    )
    req = DueDiligenceRequest.objects.get()
    assert response.status_code == 302 and list(req.co_signers.all()) == [partner]
    assert req.body.endswith(f"Med vennlig hilsen\n{org.name} og Vestland fylkeskommune")

    job, _content = order_and_download(
        client, reverse("suppliers:request_pdf", args=[case.pk, req.pk]), capture=django_capture_on_commit_callbacks
    )
    assert job.filename == f"brev-{case.pk}-{req.pk}.pdf"


def test_letter_html_escapes_user_text_and_lists_co_signers(org):
    from django.template.loader import render_to_string

    partner = OrganizationFactory(name="Vestland fylkeskommune")
    case = follow_up_case(org)
    req = dd_request(case)
    req.body = "<b>fet</b>"
    html = render_to_string(
        "pdf/letter.html", {"case": case, "req": req, "senders": [org, partner], "document_title": req.subject}
    )
    assert "&lt;b&gt;fet&lt;/b&gt;" in html and "<b>fet</b>" not in html
    assert "Vestland fylkeskommune" in html and "Brevet sendes i fellesskap av:" in html


def test_co_signers_must_be_organisations_the_case_is_shared_with(org):
    stranger = OrganizationFactory()
    case = follow_up_case(org)
    _user, client = follower_of(org)
    response = client.post(
        reverse("suppliers:request_create", args=[case.pk]),
        {
            "template": LetterTemplate.objects.get(organization=None, request_type="forventningsbrev").pk,
            "co_signers": [stranger.pk],
        },
    )
    assert response.status_code == 200 and not DueDiligenceRequest.objects.exists()
