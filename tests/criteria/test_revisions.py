"""Editing a published criterion makes a new revision; the old one never changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.roles import Role
from criteria.models import Criterion, CriterionRevision
from tests.conftest import client_for
from tests.criteria.helpers import edit_form_data
from tests.factories import criterion, member


@pytest.fixture
def editor_client(national_editors):
    return client_for(national_editors[0])


@pytest.fixture
def approver_client(national_editors):
    return client_for(national_editors[1])


def test_editing_a_published_criterion_adds_a_revision_and_keeps_the_old(db, editor_client, approver_client):
    c = criterion(text="Leverandøren skal levere reservedeler i minst 5 år etter siste leveranse.")
    old = c.current_revision
    old_text = old.variant("basis").text

    response = editor_client.post(
        reverse("criteria:edit", args=[c.pk]),
        edit_form_data(
            c, **{"basis-text": "Leverandøren skal levere originale reservedeler i minst 7 år etter siste leveranse."}
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = CriterionRevision.objects.get(criterion=c, number=2)
    approver_client.post(reverse("criteria:proposal_approve", args=[proposal.pk]))
    c.refresh_from_db()
    assert c.current_revision.number == 2 and c.current_revision.is_published
    old.refresh_from_db()
    assert old.variant("basis").text == old_text  # revision 1 untouched
    assert CriterionRevision.objects.filter(criterion=c).count() == 2

    page = editor_client.get(reverse("criteria:history", args=[c.pk]), {"fra": 1, "til": 2}).content.decode()
    assert "<ins> originale</ins>" in page
    assert "<del>5</del>" in page and "<ins>7</ins>" in page
    assert "<del>reservedeler" not in page  # unchanged words are not marked


def test_a_published_edit_needs_a_change_note(db, editor_client):
    c = criterion()
    response = editor_client.post(reverse("criteria:edit", args=[c.pk]), edit_form_data(c, change_note=""))
    assert response.status_code == 200
    assert "endringsnotat" in response.content.decode().lower()
    assert c.revisions.count() == 1


def test_a_draft_is_edited_in_place(db, editor_client):
    c = criterion(publish=False)
    editor_client.post(reverse("criteria:edit", args=[c.pk]), edit_form_data(c, title="Nytt navn", change_note=""))
    c.refresh_from_db()
    assert c.revisions.count() == 1 and c.title == "Nytt navn"


def test_publish_and_retire_go_through_confirmation(db, editor_client):
    c = criterion(publish=False)
    assert editor_client.get(reverse("criteria:publish", args=[c.pk])).status_code == 200
    c.refresh_from_db()
    assert c.status == Criterion.Status.DRAFT
    editor_client.post(reverse("criteria:publish", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == Criterion.Status.PUBLISHED and c.current_revision.published_at
    editor_client.post(reverse("criteria:retire", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == Criterion.Status.RETIRED
    assert not Criterion.objects.pickable().filter(pk=c.pk).exists()


def test_editor_creates_a_criterion_with_validation_messages(db, editor_client):
    from tests.factories import CategoryFactory, ThemeFactory

    category, theme = CategoryFactory(), ThemeFactory()
    data = {
        "code": "ny kode",
        "title": "Nytt krav",
        "category": category.pk,
        "theme": theme.pk,
        "kind": "kravspesifikasjon",
        "basis-include": "on",
        "basis-text": "",
        "basis-documentation": "",
    }
    response = editor_client.post(reverse("criteria:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "store bokstaver" in body and "Skriv kravteksten" in body
    data.update({"code": "NY-KODE-01", "basis-text": "Krav.", "basis-documentation": "Bevis."})
    response = editor_client.post(reverse("criteria:create"), data)
    assert response.status_code == 302
    assert Criterion.objects.get(code="NY-KODE-01").status == Criterion.Status.DRAFT


def test_other_roles_cannot_write_the_library(db, users):
    c = criterion()
    for role, user in users.items():
        if role == Role.LIBRARY_EDITOR:
            continue
        client = client_for(user)
        for name in ("criteria:edit", "criteria:retire"):
            assert client.post(reverse(name, args=[c.pk]), {}).status_code == 403, (role, name)
        assert client.get(reverse("criteria:create")).status_code == 403, role
        assert client.post(reverse("criteria:import"), {}).status_code == 403, role


def test_local_criteria_are_private_and_edited_by_their_own_editors(org, other_org):
    local = criterion(organization=org)
    foreign_editor = client_for(member(other_org, Role.LIBRARY_EDITOR))
    assert foreign_editor.get(reverse("criteria:detail", args=[local.pk])).status_code == 404
    assert local.code not in foreign_editor.get(reverse("criteria:start")).content.decode()
    own = client_for(member(org, Role.BUYER))
    assert local.code in own.get(reverse("criteria:start")).content.decode()


def test_drafts_are_hidden_from_non_editors(db, officer_client):
    draft = criterion(publish=False)
    assert officer_client.get(reverse("criteria:detail", args=[draft.pk])).status_code == 404


def test_texts_for_tender_take_the_current_published_revision(db):
    from criteria.services import texts_for_tender

    c = criterion(levels=("basis", "avansert"))
    texts = texts_for_tender(criterion=c, level="avansert")
    assert texts.revision == c.current_revision and texts.text.endswith("(avansert)")
    draft = criterion(publish=False)
    with pytest.raises(ValidationError):
        texts_for_tender(criterion=draft, level="basis")
    only_basis = criterion(levels=("basis",))
    with pytest.raises(ValidationError):
        texts_for_tender(criterion=only_basis, level="avansert")
