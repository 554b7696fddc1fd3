"""Four eyes beyond single revisions (issue 20): the organisation's own switch in the UI, and imports.

A national import (always) and a local one under the switch wait as one batch
for a second editor of that library; the importer cannot approve their own file.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Organization
from core.roles import Role
from criteria import imports, library_io
from criteria.models import Criterion, CriterionRevision, LibraryImport
from tests.conftest import client_for
from tests.factories import criterion, member

from .test_national_library import _payload, _propose


def _upload(data: dict, name: str = "bibliotek.json"):
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def _library(codes=("NY-KRAV-01", "NY-KRAV-02")) -> dict:
    """A small national library file: two criteria built like an export of factory-made ones."""
    made = [criterion(code=code) for code in codes]
    data = library_io.library_dict()
    CriterionRevision.objects.filter(criterion__in=made).delete()
    Criterion.objects.filter(pk__in=[c.pk for c in made]).delete()
    return data


# ---------------------------------------------------------------- the organisation's switch


def test_an_org_admin_switches_four_eyes_on_for_the_local_library_in_the_settings_page(org, users):
    url = reverse("core:organization_settings")
    admin = client_for(users[Role.ORG_ADMIN])
    assert admin.get(url).status_code == 200
    for role in (Role.LIBRARY_EDITOR, Role.BUYER, Role.READ_ONLY):
        assert client_for(users[role]).post(url, {"four_eyes_local_library": "on"}).status_code == 403, role
    org.refresh_from_db()
    assert not org.four_eyes_local_library

    assert admin.post(url, {"four_eyes_local_library": "on", "version": org.version}).status_code == 302
    org.refresh_from_db()
    assert org.four_eyes_local_library
    assert org.history.filter(four_eyes_local_library=True).exists()
    assert admin.post(url, {"version": org.version}).status_code == 302
    assert not Organization.objects.get(pk=org.pk).four_eyes_local_library


def test_with_the_switch_on_a_local_revision_needs_a_second_local_editor(org, users):
    client_for(users[Role.ORG_ADMIN]).post(
        reverse("core:organization_settings"), {"four_eyes_local_library": "on", "version": org.version}
    )
    author, second = member(org, Role.LIBRARY_EDITOR), member(org, Role.LIBRARY_EDITOR)
    local = criterion(organization=org)
    writer = client_for(author)
    proposal = _propose(writer, local, text="Med fire øyne.")
    local.refresh_from_db()
    assert local.current_revision.number == 1  # not published by its author

    refused = writer.post(reverse("criteria:proposal_approve", args=[proposal.pk]), follow=True)
    assert "En annen redaktør må godkjenne den" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending

    queue = client_for(second).get(reverse("criteria:proposals")).content.decode()
    assert reverse("criteria:proposal", args=[proposal.pk]) in queue
    client_for(second).post(reverse("criteria:proposal_approve", args=[proposal.pk]))
    proposal.refresh_from_db()
    local.refresh_from_db()
    assert proposal.is_published and local.current_revision == proposal


def test_with_the_switch_on_a_new_local_criterion_is_published_by_another_editor(org):
    org.four_eyes_local_library = True
    org.save()
    author, second = member(org, Role.LIBRARY_EDITOR), member(org, Role.LIBRARY_EDITOR)
    draft = criterion(organization=org, publish=False)
    draft.current_revision.created_by = author
    draft.current_revision.save()
    client_for(author).post(reverse("criteria:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.DRAFT
    client_for(second).post(reverse("criteria:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.PUBLISHED


def test_without_the_switch_a_local_edit_publishes_at_once(org):
    local = criterion(organization=org)
    client_for(member(org, Role.LIBRARY_EDITOR)).post(
        reverse("criteria:edit", args=[local.pk]), _payload(local, "Uten fire øyne.")
    )
    local.refresh_from_db()
    assert local.current_revision.number == 2 and local.current_revision.is_published


# ---------------------------------------------------------------- imports


def test_a_national_import_waits_for_a_second_national_editor(national_editors):
    data = _library()
    importer, approver = (client_for(u) for u in national_editors)
    response = importer.post(reverse("criteria:import"), {"file": _upload(data)})
    batch = LibraryImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("criteria:library_import", args=[batch.pk])
    assert batch.is_pending and batch.uploaded_by == national_editors[0] and batch.organization is None
    assert not Criterion.objects.exists()  # nothing is published by the importer alone

    page = approver.get(reverse("criteria:library_import", args=[batch.pk])).content.decode()
    assert "NY-KRAV-01" in page and "Nytt kriterium" in page
    assert (
        reverse("criteria:library_import", args=[batch.pk])
        in approver.get(reverse("criteria:library_imports")).content.decode()
    )

    approver.post(reverse("criteria:library_import_approve", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == LibraryImport.State.APPROVED and batch.decided_by == national_editors[1]
    imported = Criterion.objects.filter(organization__isnull=True).order_by("code")
    assert [c.code for c in imported] == ["NY-KRAV-01", "NY-KRAV-02"]
    assert {c.current_revision.created_by for c in imported} == {national_editors[0]}


def test_the_importer_cannot_approve_their_own_import(national_editors):
    importer = client_for(national_editors[0])
    importer.post(reverse("criteria:import"), {"file": _upload(_library())})
    batch = LibraryImport.objects.get()
    page = importer.get(reverse("criteria:library_import", args=[batch.pk])).content.decode()
    assert "En annen redaktør må godkjenne importen" in page
    refused = importer.post(reverse("criteria:library_import_approve", args=[batch.pk]), follow=True)
    assert "En annen redaktør må godkjenne den" in refused.content.decode()
    batch.refresh_from_db()
    assert batch.is_pending and not Criterion.objects.exists()
    with pytest.raises(Exception, match="annen redaktør"):
        imports.approve_import(batch=batch, user=national_editors[0])
    assert not Criterion.objects.exists()


def test_a_rejected_import_needs_a_reason_and_writes_nothing(national_editors):
    client_for(national_editors[0]).post(reverse("criteria:import"), {"file": _upload(_library())})
    batch = LibraryImport.objects.get()
    reviewer = client_for(national_editors[1])
    reviewer.post(reverse("criteria:library_import_reject", args=[batch.pk]), {"reason": ""})
    batch.refresh_from_db()
    assert batch.is_pending
    reviewer.post(reverse("criteria:library_import_reject", args=[batch.pk]), {"reason": "Feil fil."})
    batch.refresh_from_db()
    assert batch.state == LibraryImport.State.REJECTED and batch.decision_note == "Feil fil."
    reviewer.post(reverse("criteria:library_import_approve", args=[batch.pk]))
    assert not Criterion.objects.exists()


def test_an_import_that_no_longer_fits_writes_nothing_on_approval(national_editors):
    data = _library()
    client_for(national_editors[0]).post(reverse("criteria:import"), {"file": _upload(data)})
    batch = LibraryImport.objects.get()
    # Meanwhile NY-KRAV-02 got a revision 1 with other texts: the file's revision 1 would contradict it.
    criterion(code="NY-KRAV-02", text="Annen tekst.")
    response = client_for(national_editors[1]).post(
        reverse("criteria:library_import_approve", args=[batch.pk]), follow=True
    )
    assert "passer ikke lenger" in response.content.decode()
    batch.refresh_from_db()
    assert batch.is_pending
    assert not Criterion.objects.filter(code="NY-KRAV-01").exists()  # all or nothing


def test_a_bad_file_is_refused_at_upload_and_nothing_waits(national_editors):
    data = _library()
    data["criteria"][1]["theme"] = "finnes-ikke"
    response = client_for(national_editors[0]).post(reverse("criteria:import"), {"file": _upload(data)})
    assert response.status_code == 200 and "Ingenting er importert" in response.content.decode()
    assert not LibraryImport.objects.exists()


def test_other_organisations_cannot_see_or_decide_a_national_import(org, national_editors):
    client_for(national_editors[0]).post(reverse("criteria:import"), {"file": _upload(_library())})
    batch = LibraryImport.objects.get()
    bergen = client_for(member(org, *[r for r in Role if r != Role.READ_ONLY]))
    assert bergen.get(reverse("criteria:library_import", args=[batch.pk])).status_code == 404
    assert bergen.post(reverse("criteria:library_import_approve", args=[batch.pk])).status_code == 404
    assert "bibliotek.json" not in bergen.get(reverse("criteria:library_imports")).content.decode()
    batch.refresh_from_db()
    assert batch.is_pending


def test_a_local_import_under_the_switch_waits_for_a_second_local_editor(org):
    org.four_eyes_local_library = True
    org.save()
    author, second = member(org, Role.LIBRARY_EDITOR), member(org, Role.LIBRARY_EDITOR)
    criterion(organization=org, code="BERGEN-LOKAL-01")
    data = library_io.library_dict(organization=org)
    data["criteria"][0]["code"] = "BERGEN-LOKAL-02"
    client_for(author).post(reverse("criteria:import"), {"file": _upload(data, "lokalt.json"), "lokal": "1"})
    batch = LibraryImport.objects.get()
    assert batch.organization == org and not Criterion.objects.filter(code="BERGEN-LOKAL-02").exists()
    client_for(author).post(reverse("criteria:library_import_approve", args=[batch.pk]))
    assert not Criterion.objects.filter(code="BERGEN-LOKAL-02").exists()
    client_for(second).post(reverse("criteria:library_import_approve", args=[batch.pk]))
    assert Criterion.objects.get(code="BERGEN-LOKAL-02").organization == org


def test_an_approved_import_with_a_new_revision_tells_the_draft_tenders_owner(
    org, national_editors, django_capture_on_commit_callbacks
):
    from django.core import mail

    from procurement import services as procurement_services
    from tests.factories import procurement

    national = criterion(code="IKT-LEV-09")
    officer = member(org, Role.BUYER)
    draft = procurement(organization=org, user=officer, responsible=officer, title="Nye PC-er")
    procurement_services.add_from_library(procurement=draft, criterion=national, level="basis", user=officer)
    data = library_io.library_dict()
    entry = next(c for c in data["criteria"] if c["code"] == "IKT-LEV-09")
    second = json.loads(json.dumps(entry["revisions"][0]))
    second.update(number=2, change_note="Strengere.")
    second["variants"][0]["text"] = "Reservedeler i minst 7 år."
    entry["revisions"].append(second)
    client_for(national_editors[0]).post(reverse("criteria:import"), {"file": _upload(data)})
    batch = LibraryImport.objects.get()
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        client_for(national_editors[1]).post(reverse("criteria:library_import_approve", args=[batch.pk]))
    national.refresh_from_db()
    assert national.current_revision.number == 2
    assert [m.to for m in mail.outbox] == [[officer.email]] and "Nye PC-er" in mail.outbox[0].body
