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
from tests.criteria.helpers import edit_form_data
from tests.factories import criterion, member
from tests.suppliers.lost_updates import MISSING, STALE

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(org):
    return client_for(member(org, Role.LIBRARY_EDITOR)), client_for(member(org, Role.LIBRARY_EDITOR))


def _text(c: Criterion) -> str:
    return Criterion.objects.get(pk=c.pk).current_revision.variant("basis").text


def _stale_second_save(anne, bjorn, c, annes: dict, bjorns: dict):
    """Both open the edit page of c; Anne saves; Bjørn's save from his stale page is refused."""
    url = reverse("criteria:edit", args=[c.pk])
    assert 'type="hidden" name="version"' in bjorn.get(url).content.decode(), "the page carries the version"
    annes, bjorns = edit_form_data(c, **annes), edit_form_data(c, **bjorns)
    assert anne.post(url, annes).status_code == 302
    response = bjorn.post(url, bjorns)
    assert response.status_code == 200 and STALE in response.content.decode()
    return url, response, bjorns


def test_a_stale_draft_save_shows_both_texts_and_keeps_the_first(org, two_editors):
    anne, bjorn = two_editors
    draft = criterion(organization=org, publish=False)
    url, response, bjorns = _stale_second_save(
        anne, bjorn, draft, {"basis-text": "Annes tekst."}, {"basis-text": "Bjørns tekst.", "title": "Bjørns tittel"}
    )
    page = response.content.decode()
    assert "Annes tekst." in page and "Bjørns tekst." in page and "Bjørns tittel" in page
    assert _text(draft) == "Annes tekst."

    # Saving again from the warning overwrites on purpose.
    again = response.context["form"]["version"].value()
    assert bjorn.post(url, {**bjorns, "version": again}).status_code == 302
    assert _text(draft) == "Bjørns tekst."
    assert Criterion.objects.get(pk=draft.pk).title == "Bjørns tittel"


def test_a_stale_save_of_a_published_criterion_makes_no_revision(org, two_editors):
    anne, bjorn = two_editors
    c = criterion(organization=org)
    _stale_second_save(anne, bjorn, c, {"basis-text": "Reservedeler i 7 år."}, {"basis-text": "Reservedeler i 10 år."})
    assert CriterionRevision.objects.filter(criterion=c).count() == 2
    assert _text(c) == "Reservedeler i 7 år."


def test_a_proposal_from_stale_texts_is_refused(org, national_editors):
    """Approving it would put the old texts back, so it is refused before it is made."""
    national = criterion()
    editor, proposer = client_for(national_editors[0]), client_for(member(org, Role.LIBRARY_EDITOR))
    url = reverse("criteria:edit", args=[national.pk])
    proposal = edit_form_data(national, **{"basis-text": "Reservedeler i 6 år."})
    # The national editor's own edit is a proposal too (four eyes); its approval changes the texts.
    assert editor.post(url, edit_form_data(national, **{"basis-text": "Reservedeler i 8 år."})).status_code == 302
    pending = CriterionRevision.objects.get(criterion=national, number=2)
    approve = reverse("criteria:proposal_approve", args=[pending.pk])
    assert client_for(national_editors[1]).post(approve).status_code == 302

    response = proposer.post(url, proposal)
    assert response.status_code == 200 and STALE in response.content.decode()
    assert not CriterionRevision.objects.filter(criterion=national, number=3).exists()


def test_a_criterion_save_without_the_version_overwrites_nothing(org, two_editors):
    anne, _bjorn = two_editors
    draft = criterion(organization=org, publish=False)
    before = _text(draft)
    data = edit_form_data(draft, **{"basis-text": "Blindt overskrevet."})
    data.pop("version")
    response = anne.post(reverse("criteria:edit", args=[draft.pk]), data)
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert _text(draft) == before
