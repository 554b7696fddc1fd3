"""The case list, creating a case and the case page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.models import Case, CaseShare
from tests.conftest import client_for
from tests.factories import FOLLOW_UP_CONTRACT, OrganizationFactory, dd_request, follow_up_case
from tests.factories import contract as new_contract
from tests.factories import supplier as new_supplier
from tests.suppliers.helpers import follower_of

pytestmark = pytest.mark.django_db

LIST = reverse("suppliers:case_list")


def test_list_shows_own_and_shared_cases_and_marks_the_shared(org, other_org):
    own = follow_up_case(org, title="Egen sak om elbiler")
    shared = follow_up_case(other_org, title="Vestlands sak om elbiler")
    CaseShare.objects.create(case=shared, organization=org)
    follow_up_case(other_org, title="Hemmelig sak")
    _user, client = follower_of(org)

    response = client.get(LIST)

    assert response.status_code == 200
    assert list(response.context["cases"]) == [shared, own]
    html = response.content.decode()
    assert "Hemmelig sak" not in html
    assert f"Delt av {other_org.name}" in html


def test_search_finds_by_supplier_name_and_filters_status(org):
    follow_up_case(org, title="Batterier", supplier=new_supplier(name="Fjordleasing AS"))
    closed = follow_up_case(org, title="Møbler")
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    _user, client = follower_of(org)

    found = client.get(LIST, {"q": "fjordleasing"}).context["cases"]
    assert [c.title for c in found] == ["Batterier"]
    assert [c.title for c in client.get(LIST, {"status": "lukket"}).context["cases"]] == ["Møbler"]
    assert "Ingen saker passer" in client.get(LIST, {"q": "finnes ikke"}).content.decode()


def test_list_paginates(org):
    supplier = new_supplier()
    for i in range(27):
        follow_up_case(org, supplier=supplier, contract=None, title=f"Sak {i}")
    _user, client = follower_of(org)
    assert len(client.get(LIST).context["cases"]) == 25
    assert len(client.get(LIST, {"side": 2}).context["cases"]) == 2


def _fill(org, other_org, n):
    supplier = new_supplier()
    for i in range(n):
        case = follow_up_case(org, supplier=supplier, title=f"Sak {i}")
        dd_request(case)
        shared = follow_up_case(other_org, supplier=supplier, contract=None, title=f"Delt {i}")
        CaseShare.objects.create(case=shared, organization=org)


@pytest.mark.parametrize("n", [2, 12])
def test_list_query_count_does_not_grow_with_rows(org, other_org, n, django_assert_max_num_queries):
    _fill(org, other_org, n)
    _user, client = follower_of(org)
    # session, user, memberships (middleware); count + page of cases with annotated counts; a margin of 2
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["cases"]) == 2 * n


def test_follower_creates_a_case_on_a_contract(org):
    user, client = follower_of(org)
    supplier = new_supplier(name="Fjordleasing AS")
    contract = new_contract(organization=org, suppliers=[supplier], **FOLLOW_UP_CONTRACT)
    response = client.post(
        reverse("suppliers:case_create"),
        {"supplier": supplier.pk, "contract": contract.pk, "title": "Batterikjeden"},
    )
    case = Case.objects.get(title="Batterikjeden")
    assert response.status_code == 302 and response["Location"] == reverse("suppliers:case_detail", args=[case.pk])
    assert (case.organization, case.contract, case.created_by) == (org, contract, user)


def test_contract_must_have_the_supplier(org):
    _user, client = follower_of(org)
    supplier = new_supplier()
    new_contract(organization=org, suppliers=[supplier], **FOLLOW_UP_CONTRACT)
    other_contract = new_contract(organization=org, suppliers=[new_supplier()], **FOLLOW_UP_CONTRACT)
    response = client.post(
        reverse("suppliers:case_create"), {"supplier": supplier.pk, "contract": other_contract.pk, "title": "X"}
    )
    assert response.status_code == 200
    assert "Leverandøren er ikke part i denne kontrakten." in response.content.decode()
    assert not Case.objects.exists()


def test_another_organisations_contract_cannot_be_chosen(org, other_org):
    _user, client = follower_of(org)
    supplier = new_supplier()
    new_contract(organization=org, suppliers=[supplier], **FOLLOW_UP_CONTRACT)
    foreign = new_contract(organization=other_org, suppliers=[supplier], **FOLLOW_UP_CONTRACT)
    response = client.post(
        reverse("suppliers:case_create"), {"supplier": supplier.pk, "contract": foreign.pk, "title": "X"}
    )
    assert response.status_code == 200 and not Case.objects.exists()


def test_reader_sees_the_case_but_no_write_buttons(org, users):
    case = follow_up_case(org)
    response = client_for(users[Role.READ_ONLY]).get(reverse("suppliers:case_detail", args=[case.pk]))
    assert response.status_code == 200
    assert reverse("suppliers:request_create", args=[case.pk]) not in response.content.decode()
    assert client_for(users[Role.READ_ONLY]).get(reverse("suppliers:case_create")).status_code == 403


def test_closing_a_case_asks_first(org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    url = reverse("suppliers:case_status", args=[case.pk])
    assert "Vil du sette saken" in client.get(url).content.decode()
    client.post(url, {"til": Case.Status.CLOSED})
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_start_page_lists_requests_waiting_for_answers_nearest_deadline_first(org, other_org):

    case = follow_up_case(org)
    later = dd_request(case, request_type="egenerklaering", sent_on=timezone.localdate())
    sooner = dd_request(case, request_type="apenhetsloven", sent_on=timezone.localdate())
    dd_request(case)  # a draft waits for nobody
    dd_request(follow_up_case(other_org), sent_on=timezone.localdate())  # not ours
    _user, client = follower_of(org)
    response = client.get(reverse("core:home"))
    panel = next(p for t, p in response.context["panels"] if t == "suppliers/request_home_panel.html")
    assert panel["requests"] == [sooner, later] and panel["total"] == 2
    assert "Svarfrister i oppfølgingen" in response.content.decode()


def _busy_case(org, other_org, n):
    import datetime

    from suppliers.follow_up import due_diligence
    from suppliers.follow_up import services as follow_up_services

    case = follow_up_case(org)
    for i in range(n):
        req = dd_request(case, sent_on=datetime.date(2024, 3, 1))
        due_diligence.log_response(
            req=req, user=None, received_on=datetime.date(2024, 3, 5), answers=["a"], text="Svar"
        )
        deviation = follow_up_services.create_deviation(case=case, user=None, data={"title": f"Avvik {i}"})
        follow_up_services.add_action(
            deviation=deviation,
            user=None,
            data={"description": "x", "owner": "y", "due_date": datetime.date(2024, 5, 1)},
        )
        follow_up_services.add_escalation(
            case=case, user=None, data={"kind": "mote", "date": datetime.date(2024, 4, 1)}
        )
        CaseShare.objects.create(case=case, organization=OrganizationFactory())
    return case


@pytest.mark.parametrize("n", [1, 6])
def test_case_page_query_count_does_not_grow(org, other_org, n, django_assert_max_num_queries):
    case = _busy_case(org, other_org, n)
    _user, client = follower_of(org)
    # session, user, memberships; the case; editable check; requests; deviations; escalations; shares; margin
    with django_assert_max_num_queries(12):
        response = client.get(reverse("suppliers:case_detail", args=[case.pk]))
    assert len(response.context["requests"]) == n


@pytest.mark.parametrize("n", [1, 6])
def test_request_page_query_count_does_not_grow(org, other_org, n, django_assert_max_num_queries):
    import datetime

    from suppliers.follow_up import due_diligence

    case = follow_up_case(org)
    req = dd_request(case, sent_on=datetime.date(2024, 3, 1))
    for i in range(n):
        day = datetime.date(2024, 3, 2) + datetime.timedelta(days=2 * i)
        due_diligence.log_response(req=req, user=None, received_on=day, answers=["a"], text="Svar")
        due_diligence.transition(req=req, to_status="oppfolging_kreves", user=None)
        due_diligence.send_request(req=req, user=None, sent_on=day + datetime.timedelta(days=1))
    _user, client = follower_of(org)
    # session, user, memberships; case; editable; request; co-signers; events; responses + attachments; reminders;
    # e-mails, answer links, answer-page submissions + their workbooks
    with django_assert_max_num_queries(17):
        client.get(reverse("suppliers:request_detail", args=[case.pk, req.pk]))


def test_closed_case_refuses_changes_until_reopened(org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    client.post(reverse("suppliers:case_status", args=[case.pk]), {"til": Case.Status.CLOSED})
    new_request = reverse("suppliers:request_create", args=[case.pk])
    assert client.get(new_request).status_code == 403
    page = client.get(reverse("suppliers:case_detail", args=[case.pk])).content.decode()
    assert new_request not in page and "Gjenåpne saken" in page
    client.post(reverse("suppliers:case_status", args=[case.pk]), {"til": Case.Status.OPEN})
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert client.get(new_request).status_code == 200


def test_a_stale_close_confirmation_does_not_reopen_a_case_someone_else_closed(org):
    """Two followers open "Lukk saken"; the second confirmation must not flip the case back open."""
    case = follow_up_case(org)
    _anne, anne = follower_of(org)
    _bjorn, bjorn = follower_of(org)
    url = reverse("suppliers:case_status", args=[case.pk])
    meant = anne.get(url).context["hidden"]["til"]
    assert bjorn.get(url).context["hidden"]["til"] == meant == Case.Status.CLOSED

    anne.post(url, {"til": meant})
    response = bjorn.post(url, {"til": meant}, follow=True)

    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert "Saken er allerede lukket" in response.content.decode()


def test_a_status_change_without_the_intended_status_changes_nothing(org):
    case = follow_up_case(org)
    _user, client = follower_of(org)
    response = client.post(reverse("suppliers:case_status", args=[case.pk]))
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
