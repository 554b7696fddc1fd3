"""Who may change the national library: proposals, four-eyes publishing and notice to draft tenders."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.roles import Role
from criteria import services
from criteria.models import Criterion, CriterionRevision
from procurement import services as procurement_services
from procurement.models import Procurement
from tests.conftest import client_for
from tests.criteria.helpers import edit_form_data
from tests.factories import criterion, member, procurement


def _payload(c: Criterion, text: str) -> dict:
    return edit_form_data(c, **{"basis-text": text, "change_note": "Strengere krav etter høring."})


@pytest.fixture
def bergen_editor(org):
    return member(org, Role.LIBRARY_EDITOR)


@pytest.fixture
def national(db):
    return criterion(text="Reservedeler i minst 5 år.")


def _propose(client, c, text="Reservedeler i minst 7 år."):
    response = client.post(reverse("criteria:edit", args=[c.pk]), _payload(c, text))
    assert response.status_code == 302, response.content.decode()[:2000]
    return CriterionRevision.objects.get(criterion=c, proposed_at__isnull=False, decided_at__isnull=True)


def test_bergen_editor_cannot_publish_a_national_revision(national, bergen_editor):
    client = client_for(bergen_editor)
    proposal = _propose(client, national)

    national.refresh_from_db()
    assert national.current_revision.number == 1  # buyers still get revision 1
    assert proposal.is_pending and not proposal.is_published
    assert client.post(reverse("criteria:proposal_approve", args=[proposal.pk])).status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_pending
    draft = criterion(publish=False)
    assert client.post(reverse("criteria:publish", args=[draft.pk])).status_code in (403, 404)
    assert client.get(reverse("criteria:create")).status_code == 403
    assert client.get(reverse("criteria:import")).status_code == 403


def test_the_proposal_reaches_the_national_editors(national, bergen_editor, national_editors):
    proposal = _propose(client_for(bergen_editor), national)
    reviewer = client_for(national_editors[0])

    queue = reviewer.get(reverse("criteria:proposals")).content.decode()
    assert reverse("criteria:proposal", args=[proposal.pk]) in queue
    home = reviewer.get(reverse("core:home")).content.decode()
    assert "Forslag til kriteriebiblioteket" in home and national.code in home
    page = reviewer.get(reverse("criteria:proposal", args=[proposal.pk])).content.decode()
    assert "Strengere krav etter høring." in page and "<ins>7</ins>" in page

    reviewer.post(reverse("criteria:proposal_comment", args=[proposal.pk]), {"text": "Hva med 6 år?"})
    assert proposal.comments.get().text == "Hva med 6 år?"


def test_a_second_national_editors_approval_publishes_and_tells_the_proposer(
    national, bergen_editor, national_editors, django_capture_on_commit_callbacks
):
    proposal = _propose(client_for(bergen_editor), national)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(national_editors[1]).post(reverse("criteria:proposal_approve", args=[proposal.pk]))
    assert response.status_code == 302
    national.refresh_from_db()
    proposal.refresh_from_db()
    assert national.current_revision == proposal and proposal.is_published
    assert proposal.decided_by == national_editors[1]
    assert [m.to for m in mail.outbox] == [[bergen_editor.email]]
    assert "godkjent" in mail.outbox[0].subject
    home = client_for(bergen_editor).get(reverse("core:home")).content.decode()
    assert "Publisert" in home and national.code in home


def test_the_authors_own_approval_is_refused(national, national_editors):
    author = client_for(national_editors[0])
    proposal = _propose(author, national)
    response = author.post(reverse("criteria:proposal_approve", args=[proposal.pk]), follow=True)
    assert "En annen redaktør må godkjenne den" in response.content.decode()
    proposal.refresh_from_db()
    national.refresh_from_db()
    assert proposal.is_pending and national.current_revision.number == 1
    with pytest.raises(ValidationError):
        services.approve_revision(revision=proposal, user=national_editors[0])


def test_a_new_national_criterion_needs_a_second_editor_to_publish(national_editors):
    draft = criterion(publish=False)
    draft.current_revision.created_by = national_editors[0]
    draft.current_revision.save()
    client_for(national_editors[0]).post(reverse("criteria:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.DRAFT
    client_for(national_editors[1]).post(reverse("criteria:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.PUBLISHED


def test_rejection_needs_a_reason_and_tells_the_proposer(
    national, bergen_editor, national_editors, django_capture_on_commit_callbacks
):
    proposal = _propose(client_for(bergen_editor), national)
    reviewer = client_for(national_editors[0])
    reviewer.post(reverse("criteria:proposal_reject", args=[proposal.pk]), {"reason": ""})
    proposal.refresh_from_db()
    assert proposal.is_pending
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(reverse("criteria:proposal_reject", args=[proposal.pk]), {"reason": "Markedet klarer ikke 7 år."})
    proposal.refresh_from_db()
    assert proposal.state == CriterionRevision.State.REJECTED
    assert "Markedet klarer ikke 7 år." in mail.outbox[0].body


def test_a_stale_proposal_cannot_be_approved(national, bergen_editor, national_editors):
    first = _propose(client_for(bergen_editor), national)
    services.approve_revision(revision=first, user=national_editors[0])
    national.refresh_from_db()
    second = _propose(client_for(national_editors[0]), national, text="Reservedeler i minst 8 år.")
    second.base_revision = national.revisions.get(number=1)
    second.save()
    with pytest.raises(ValidationError, match="ikke lenger er gjeldende"):
        services.approve_revision(revision=second, user=national_editors[1])


def test_proposals_are_invisible_to_other_organisations(national, bergen_editor, other_org):
    proposal = _propose(client_for(bergen_editor), national)
    outsider = client_for(member(other_org, Role.LIBRARY_EDITOR))
    assert outsider.get(reverse("criteria:proposal", args=[proposal.pk])).status_code == 404
    assert national.code not in outsider.get(reverse("criteria:proposals")).content.decode()
    history = outsider.get(reverse("criteria:history", args=[national.pk])).content.decode()
    assert "Strengere krav etter høring." not in history


def test_an_organisation_may_switch_four_eyes_on_for_its_local_library(org, bergen_editor):
    local = criterion(organization=org)
    client = client_for(bergen_editor)
    client.post(reverse("criteria:edit", args=[local.pk]), _payload(local, "Uten fire øyne."))
    local.refresh_from_db()
    assert local.current_revision.number == 2 and local.current_revision.is_published

    org.four_eyes_local_library = True
    org.save()
    proposal = _propose(client, local, text="Med fire øyne.")
    assert client.post(reverse("criteria:proposal_approve", args=[proposal.pk])).status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_pending  # the author's own approval was refused
    client_for(member(org, Role.LIBRARY_EDITOR)).post(reverse("criteria:proposal_approve", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.is_published


def test_publishing_tells_the_owners_of_draft_tenders_and_leaves_published_ones(
    org, national, bergen_editor, national_editors, django_capture_on_commit_callbacks
):
    officer = member(org, Role.BUYER)
    draft = procurement(organization=org, user=officer, responsible=officer, title="Utkast med kravet")
    done = procurement(organization=org, user=officer, responsible=officer, title="Publisert anskaffelse")
    for p in (draft, done):
        procurement_services.add_from_library(procurement=p, criterion=national, level="basis", user=officer)
    Procurement.objects.filter(pk=done.pk).update(status=Procurement.Status.PUBLISHED)

    proposal = _propose(client_for(bergen_editor), national)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_revision(revision=proposal, user=national_editors[0])

    officer_mail = [m for m in mail.outbox if m.to == [officer.email]]
    assert len(officer_mail) == 1
    assert "Utkast med kravet" in officer_mail[0].body and "Publisert anskaffelse" not in officer_mail[0].body
    home = client_for(officer).get(reverse("core:home")).content.decode()
    assert "Nye revisjoner i kriteriebiblioteket" in home
    requirement = draft.requirements.get()
    assert reverse("procurement:requirement_update", args=[draft.pk, requirement.pk]) in home
    assert done.requirements.get().source_revision.number == 1  # the published tender is unchanged


def test_local_criteria_round_trip_through_export_and_import(org, other_org, bergen_editor):
    criterion(organization=org, code="BERGEN-LOKAL-01", title="Bergens eget krav")
    criterion(code="NASJ-01")
    client = client_for(bergen_editor)
    exported = client.get(reverse("criteria:export_json"), {"lokal": "1"})
    data = json.loads(exported.content)
    assert [c["code"] for c in data["criteria"]] == ["BERGEN-LOKAL-01"]

    outsider = client_for(member(other_org, Role.LIBRARY_EDITOR))
    assert b"BERGEN-LOKAL-01" not in outsider.get(reverse("criteria:export_json"), {"lokal": "1"}).content
    assert b"BERGEN-LOKAL-01" not in outsider.get(reverse("criteria:export_csv")).content
    upload = SimpleUploadedFile("lokalt.json", exported.content, content_type="application/json")
    response = outsider.post(reverse("criteria:import"), {"file": upload, "lokal": "1"})
    assert response.status_code == 302
    copy = Criterion.objects.get(organization=other_org, code="BERGEN-LOKAL-01")
    assert copy.current_revision.variant("basis").text.startswith("Leverandøren skal levere")
    again = outsider.get(reverse("criteria:export_json"), {"lokal": "1"}).content
    assert json.loads(again)["criteria"] == data["criteria"]
    assert Criterion.objects.filter(organization=org, code="BERGEN-LOKAL-01").count() == 1


def test_a_bad_local_import_writes_nothing(org, bergen_editor):
    criterion(organization=org, code="BERGEN-LOKAL-01")
    client = client_for(bergen_editor)
    data = json.loads(client.get(reverse("criteria:export_json"), {"lokal": "1"}).content)
    good = dict(data["criteria"][0], code="BERGEN-LOKAL-02")
    bad = dict(data["criteria"][0], code="BERGEN-LOKAL-03", theme="finnes-ikke")
    data["criteria"] = [good, bad]
    upload = SimpleUploadedFile("lokalt.json", json.dumps(data).encode(), content_type="application/json")
    response = client.post(reverse("criteria:import"), {"file": upload, "lokal": "1"})
    assert response.status_code == 200 and "Ingenting er importert" in response.content.decode()
    assert not Criterion.objects.filter(code__in=["BERGEN-LOKAL-02", "BERGEN-LOKAL-03"]).exists()


def test_a_local_import_cannot_rename_the_national_taxonomy(org, bergen_editor):
    criterion(organization=org, code="BERGEN-LOKAL-01")
    client = client_for(bergen_editor)
    data = json.loads(client.get(reverse("criteria:export_json"), {"lokal": "1"}).content)
    data["themes"][0]["name"] = "Omdøpt av Bergen"
    upload = SimpleUploadedFile("lokalt.json", json.dumps(data).encode(), content_type="application/json")
    client.post(reverse("criteria:import"), {"file": upload, "lokal": "1"})
    from criteria.models import Theme

    assert not Theme.objects.filter(name="Omdøpt av Bergen").exists()


def test_the_demo_has_the_national_library_a_proposal_and_local_criteria(db):
    from django.core.management import call_command

    from core.demo import DEMO_PASSWORD, ORGANIZATIONS
    from core.models import Organization

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent: still one proposal
    national_org = Organization.objects.get(is_national_library=True)
    assert national_org.name == "DFØ (nasjonalt bibliotek)"
    pending = CriterionRevision.objects.pending()
    assert pending.count() == 1 and pending.get().created_by.username == "redaktor@bergen.example"
    for orgnr, _name, _kind in ORGANIZATIONS:
        owner = Organization.objects.get(orgnr=orgnr)
        if not owner.is_national_library:
            assert Criterion.objects.filter(organization=owner).exists(), owner.name
    from criteria.models import CriterionShare

    share = CriterionShare.objects.get()  # idempotent too
    assert (share.criterion.code, share.organization.name) == ("BERGEN-DRIV-01", "Vestland fylkeskommune")
    from django.contrib.auth import get_user_model

    approver = get_user_model().objects.get(username="redaktor2@dfo.example")
    assert approver.check_password(DEMO_PASSWORD)
    client = Client()
    client.force_login(approver)
    assert client.get(reverse("criteria:proposal", args=[pending.get().pk])).status_code == 200
