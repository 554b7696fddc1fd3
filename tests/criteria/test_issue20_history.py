"""The writes added for issue 20 leave history rows (the watch of tests/core/test_history_walk.py)."""

import json

import pytest

from core.roles import Role
from criteria import imports, library_io, services
from criteria.models import CriterionShare, LibraryImport
from suppliers.follow_up import services as follow_up_services
from suppliers.models import LetterTemplate, LetterTemplateShare
from tests.core.test_history_walk import _missing_history, watch_writes
from tests.factories import OrganizationFactory, criterion, member

pytestmark = pytest.mark.django_db


def _check(call, table):
    with watch_writes() as written:
        call()
    assert table in written, f"{table} was not written"
    assert table not in _missing_history(written)


def test_sharing_and_revoking_a_criterion_leave_history(org):
    local, named, user = criterion(organization=org), OrganizationFactory(), member(org, Role.LIBRARY_EDITOR)
    table = CriterionShare._meta.db_table
    _check(lambda: services.share_criterion(criterion=local, organization=named, user=user), table)
    share = CriterionShare.objects.get()
    _check(lambda: services.revoke_criterion_share(share=share, user=user), table)


def test_sharing_and_revoking_a_letter_template_leave_history(org):
    template = LetterTemplate.objects.create(
        organization=org, request_type="forventningsbrev", name="Egen", subject="Til {leverandor}", body="Tekst"
    )
    named, user = OrganizationFactory(), member(org, Role.CONTRACT_FOLLOWER)
    table = LetterTemplateShare._meta.db_table
    _check(lambda: follow_up_services.share_letter_template(template=template, organization=named, user=user), table)
    share = LetterTemplateShare.objects.get()
    _check(lambda: follow_up_services.revoke_letter_template_share(share=share, user=user), table)


def test_an_import_batch_leaves_history_when_made_and_decided(national_editors):
    made = criterion(code="NY-KRAV-01")
    raw = json.dumps(library_io.library_dict()).encode()
    made.delete()
    table = LibraryImport._meta.db_table
    _check(
        lambda: imports.import_file(raw=raw, filename="bibliotek.json", user=national_editors[0], organization=None),
        table,
    )
    batch = LibraryImport.objects.get()
    _check(lambda: imports.reject_import(batch=batch, user=national_editors[1], reason="Feil fil."), table)
    assert [h.state for h in batch.history.order_by("history_date")] == ["venter", "avvist"]
