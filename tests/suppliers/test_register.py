"""The supplier register: orgnr validation, one supplier across organisations, each organisation's own data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from suppliers.models import Certificate, Supplier, SupplierContact
from tests.conftest import client_for
from tests.factories import member, supplier

pytestmark = pytest.mark.django_db

BERGEN_ORGNR = "964338531"


@pytest.fixture
def follower(users):
    return client_for(users[Role.CONTRACT_FOLLOWER])


def post_supplier(client, **fields):
    data = {"name": "Bilutleie Vest AS", "orgnr": "964 338 531", "country": "NO", "address": "Bryggen 1"}
    data.update(fields)
    return client.post(reverse("suppliers:supplier_create"), data)


def test_create_normalises_spaces_in_the_orgnr(follower, org):
    response = post_supplier(follower)
    s = Supplier.objects.get()
    assert s.orgnr == BERGEN_ORGNR and org in s.registered_by.all()
    assert response["Location"] == reverse("suppliers:supplier_detail", args=[s.pk])


def test_a_bad_check_digit_is_refused_with_a_norwegian_message(follower):
    response = post_supplier(follower, orgnr="964338532")
    assert response.status_code == 200 and not Supplier.objects.exists()
    assert "har feil kontrollsiffer" in response.content.decode()


def test_a_norwegian_supplier_needs_an_orgnr_and_a_foreign_one_an_identifier(follower):
    assert "Norske leverandører må ha organisasjonsnummer" in post_supplier(follower, orgnr="").content.decode()
    response = post_supplier(follower, orgnr="", country="KR", foreign_id="")
    assert "Oppgi utenlandsk identifikator" in response.content.decode()
    post_supplier(follower, orgnr="", country="KR", foreign_id="110111-4406561", name="LG Energy Solution")
    assert Supplier.objects.get().identifier == "KR 110111-4406561"


def test_the_same_orgnr_in_another_organisation_reuses_the_supplier(follower, org, other_org):
    existing = supplier(organization=other_org, name="Bilutleie Vest AS", orgnr=BERGEN_ORGNR)
    response = post_supplier(follower, name="Annet navn AS")
    assert Supplier.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Bilutleie Vest AS", "the second organisation does not overwrite the shared record"
    assert set(existing.registered_by.all()) == {org, other_org}
    assert response["Location"] == reverse("suppliers:supplier_detail", args=[existing.pk])
    page = follower.get(response["Location"])
    assert "finnes allerede i leverandørregisteret" in page.content.decode()


def test_the_same_foreign_identifier_reuses_the_supplier(follower, other_org):
    supplier(organization=other_org, name="LG Energy Solution", orgnr="", foreign_id="110111-4406561", country="KR")
    post_supplier(follower, orgnr="", country="KR", foreign_id="110111-4406561", name="LG")
    assert Supplier.objects.count() == 1


def test_editing_to_another_suppliers_orgnr_is_refused(follower, org):
    mine = supplier(organization=org)
    supplier(organization=org, orgnr=BERGEN_ORGNR)
    response = follower.post(
        reverse("suppliers:supplier_edit", args=[mine.pk]), {"name": mine.name, "orgnr": BERGEN_ORGNR, "country": "NO"}
    )
    assert (
        response.status_code == 200 and "En annen leverandør har allerede dette nummeret" in response.content.decode()
    )


def test_contacts_and_certificates_of_another_organisation_are_never_shown(follower, org, other_org):
    shared = supplier(organization=org)
    shared.registered_by.add(other_org)
    SupplierContact.objects.create(organization=other_org, supplier=shared, name="Hemmelig Kontakt")
    Certificate.objects.create(organization=other_org, supplier=shared, kind="emas", name="Annen EMAS")
    follower.post(reverse("suppliers:contact_create", args=[shared.pk]), {"name": "Egen Kontakt"})
    page = follower.get(reverse("suppliers:supplier_detail", args=[shared.pk])).content.decode()
    assert "Egen Kontakt" in page
    assert "Hemmelig Kontakt" not in page and "Annen EMAS" not in page
    outsider_contact = SupplierContact.objects.get(name="Hemmelig Kontakt")
    assert follower.get(reverse("suppliers:contact_edit", args=[outsider_contact.pk])).status_code == 404


def test_a_supplier_outside_the_register_is_a_404(follower, other_org):
    foreign = supplier(organization=other_org)
    assert follower.get(reverse("suppliers:supplier_detail", args=[foreign.pk])).status_code == 404


def test_certificate_expiry_warning(follower, org):
    today = timezone.localdate()
    s = supplier(organization=org)
    soon = Certificate.objects.create(organization=org, supplier=s, kind="iso14001", valid_until=today + timedelta(30))
    later = Certificate.objects.create(organization=org, supplier=s, kind="tco", valid_until=today + timedelta(200))
    gone = Certificate.objects.create(organization=org, supplier=s, kind="emas", valid_until=today - timedelta(1))
    assert soon.expires_soon and not soon.expired
    assert not later.expires_soon and not later.expired
    assert gone.expired and not gone.expires_soon
    page = follower.get(reverse("suppliers:supplier_detail", args=[s.pk])).content.decode()
    assert "Går snart ut" in page and "Utløpt" in page


def test_an_ecovadis_score_only_for_ecovadis(follower, org):
    s = supplier(organization=org)
    url = reverse("suppliers:certificate_create", args=[s.pk])
    response = follower.post(url, {"kind": "iso14001", "score": "60"})
    assert "Poeng gjelder bare EcoVadis" in response.content.decode()
    follower.post(url, {"kind": "ecovadis", "score": "62", "valid_until": "2030-01-01"})
    assert Certificate.objects.get().score == 62


def test_deleting_a_contact_asks_first(follower, org):
    s = supplier(organization=org)
    contact = SupplierContact.objects.create(organization=org, supplier=s, name="Kari")
    url = reverse("suppliers:contact_delete", args=[contact.pk])
    assert "Slette kontaktpersonen Kari?" in follower.get(url).content.decode()
    follower.post(url)
    assert not SupplierContact.objects.exists()


def test_list_searches_paginates_and_shows_only_the_register(follower, org, other_org):
    for i in range(30):
        supplier(organization=org, name=f"Leverandør {i:02d} AS")
    supplier(organization=org, name="Grønn Bilflåte AS")
    supplier(organization=other_org, name="Grønn Buss AS")
    url = reverse("suppliers:supplier_list")
    page = follower.get(url).content.decode()
    assert "31 leverandører" in page and "Side 1 av 2" in page
    found = follower.get(url, {"q": "grønn"}).content.decode()
    assert "Grønn Bilflåte AS" in found and "Grønn Buss AS" not in found


@pytest.mark.parametrize("size", [1, 12])
def test_list_has_a_fixed_number_of_queries(follower, org, size, django_assert_max_num_queries):
    for _ in range(size):
        s = supplier(organization=org)
        SupplierContact.objects.create(organization=org, supplier=s, name="K")
    # session, user, memberships, count, page of suppliers (+ savepoint slack)
    with django_assert_max_num_queries(8):
        follower.get(reverse("suppliers:supplier_list"))


def test_a_reader_cannot_create_a_supplier(org):
    reader = client_for(member(org, Role.READ_ONLY))
    assert post_supplier(reader).status_code == 403


def test_list_counts_contracts_only_for_the_rows_on_the_page(follower, org):
    """Issue 22: the contract count was a GROUP BY over the whole register; now one query for the page's pks,
    the same number of queries whatever the size of the register."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.http import PAGE_SIZE
    from tests.factories import contract

    def fill(n):
        for _ in range(n):
            contract(organization=org, suppliers=[supplier(organization=org, name="Leverandør AS")])

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            response = follower.get(reverse("suppliers:supplier_list"))
        page_pks = {s.pk for s in response.context["suppliers"]}
        assert len(page_pks) == PAGE_SIZE
        assert response.context["suppliers"][0].contract_count == 2
        grouped = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
        assert len(grouped) == 1, grouped
        listed = grouped[0].split('"supplier_id" IN (', 1)[1].split(")", 1)[0]
        assert {int(pk) for pk in listed.split(",")} == page_pks
        return len(ctx.captured_queries)

    first = supplier(organization=org, name="AAA Første AS")
    contract(organization=org, suppliers=[first])
    contract(organization=org, suppliers=[first])
    fill(PAGE_SIZE)
    small = measure()
    fill(3 * PAGE_SIZE)
    assert measure() == small
