"""Two editors on one criterion: the stale second save loses nothing and overwrites nothing.

The criterion's version covers the whole edit page (its classification, the current revision's
title and the texts of each level), whether the save edits a draft in place, publishes a new
revision or sends a proposal.
"""

import pytest
from django.urls import reverse

from core.roles import Role
from criteria.models import Criterion, CriterionRevision
from tests.conftest import client_for
from tests.edit_forms import MISSING, STALE, opened, save_again, stale_second_submit, without_version
from tests.factories import criterion, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(org):
    return client_for(member(org, Role.LIBRARY_EDITOR)), client_for(member(org, Role.LIBRARY_EDITOR))


def _texts(c: Criterion) -> str:
    return Criterion.objects.get(pk=c.pk).current_revision.variant("basis").text


def test_a_stale_draft_save_shows_both_texts_and_keeps_the_first(org, two_editors):
    anne, bjorn = two_editors
    draft = criterion(organization=org, publish=False, text="Reservedeler i 5 år.")
    url = reverse("criteria:edit", args=[draft.pk])
    response, bjorns = stale_second_submit(
        anne, bjorn, url, {"basis-text": "Annes tekst."}, {"basis-text": "Bjørns tekst.", "title": "Bjørns tittel"}
    )
    page = response.content.decode()
    assert "Annes tekst." in page and "Bjørns tekst." in page and "Bjørns tittel" in page
    assert _texts(draft) == "Annes tekst."

    assert save_again(bjorn, url, response, bjorns).status_code == 302
    assert _texts(draft) == "Bjørns tekst."
    assert Criterion.objects.get(pk=draft.pk).title == "Bjørns tittel"


def test_a_stale_save_of_a_published_criterion_makes_no_revision(org, two_editors):
    anne, bjorn = two_editors
    c = criterion(organization=org, text="Reservedeler i 5 år.")
    url = reverse("criteria:edit", args=[c.pk])
    note = {"change_note": "Lengre periode."}
    stale_second_submit(
        anne,
        bjorn,
        url,
        {"basis-text": "Reservedeler i 7 år.", **note},
        {"basis-text": "Reservedeler i 10 år.", **note},
    )
    assert CriterionRevision.objects.filter(criterion=c).count() == 2
    assert _texts(c) == "Reservedeler i 7 år."


def test_a_proposal_from_stale_texts_is_refused(org, national_editors):
    """Approving it would put the old texts back, so it is refused before it is made."""
    national = criterion(text="Reservedeler i 5 år.")
    editor, proposer = client_for(national_editors[0]), client_for(member(org, Role.LIBRARY_EDITOR))
    url = reverse("criteria:edit", args=[national.pk])
    note = {"change_note": "Strengere krav."}
    proposal = opened(proposer, url, **{"basis-text": "Reservedeler i 6 år."}, **note)
    # The national editor's own edit is a proposal too (four eyes); its approval changes the texts.
    assert editor.post(url, opened(editor, url, **{"basis-text": "Reservedeler i 8 år."}, **note)).status_code == 302
    pending = CriterionRevision.objects.get(criterion=national, number=2)
    assert (
        client_for(national_editors[1]).post(reverse("criteria:proposal_approve", args=[pending.pk])).status_code == 302
    )

    response = proposer.post(url, proposal)
    assert response.status_code == 200 and STALE in response.content.decode()
    assert not CriterionRevision.objects.filter(criterion=national, number=3).exists()


def test_a_criterion_save_without_the_version_overwrites_nothing(org, two_editors):
    anne, _bjorn = two_editors
    draft = criterion(organization=org, publish=False, text="Reservedeler i 5 år.")
    url, before = reverse("criteria:edit", args=[draft.pk]), _texts(draft)
    response = anne.post(url, without_version(opened(anne, url, **{"basis-text": "Blindt overskrevet."})))
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert _texts(draft) == before
