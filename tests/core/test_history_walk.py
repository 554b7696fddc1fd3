"""Every service write leaves a history row: a walk over the services, watching the SQL they run.

For each service function the test runs an example call and records every
INSERT, UPDATE and DELETE. A write to a table whose model keeps history
(django-simple-history) must come with a write to that model's history table
in the same call; a queryset .update() or .delete() does not make one and so
fails here. A new public function in a walked module must get an example (or a
reason in NOT_WRITES), so the walk grows with the services.
"""

import inspect
import re
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import connection

from core import services as core_services
from core.documents import set_status
from core.models import Membership
from core.roles import Role
from procurement import services as procurement_services
from procurement.checklist import QUESTION_KEYS
from procurement.models import Procurement, Requirement, TenderDocument
from procurement.tender_document import jobs as tender_documents
from tests.core.images import give_logo
from tests.factories import CategoryFactory, criterion, member, procurement, requirement

pytestmark = pytest.mark.django_db
WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?([a-z0-9_]+)"?', re.IGNORECASE)


def _history_tables() -> dict[str, str]:
    """table of a model with history -> its history table."""
    tables = {}
    for model in apps.get_models():
        manager = getattr(model, "history", None)
        historical = getattr(manager, "model", None)
        if historical is not None and historical is not model:
            tables[model._meta.db_table] = historical._meta.db_table
    return tables


@contextmanager
def watch_writes():
    written: list[str] = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = WRITE.match(sql)
        # Rows actually changed: Django's delete collector also runs cascade UPDATEs that touch nothing.
        is_insert = sql.lstrip().upper().startswith("INSERT")
        if match and (is_insert or context["cursor"].rowcount != 0):
            written.append(match.group(1))
        return result

    with connection.execute_wrapper(wrapper):
        yield written


def _missing_history(written: list[str]) -> list[str]:
    history = _history_tables()
    return sorted({table for table in written if table in history and history[table] not in written})


# ---------------------------------------------------------------- the examples


@pytest.fixture
def world(org, users):
    user = users[Role.BUYER]
    p = procurement(organization=org, user=user, responsible=user)
    member(org, Role.BUYER)  # a second officer, so removing one membership leaves the org staffed
    return {
        "org": org,
        "user": user,
        "admin": users[Role.ORG_ADMIN],
        "p": p,
        "criterion": criterion(),
        "category": CategoryFactory(slug="ny"),
        "requirements": [requirement(p, title="Første"), requirement(p, title="Andre")],
    }


EXAMPLES = {
    "create_procurement": lambda w: procurement_services.create_procurement(
        organization=w["org"],
        user=w["user"],
        data={"title": "Ny", "kind": "varer", "estimated_value": 10, "category": w["category"]},
    ),
    "update_procurement": lambda w: procurement_services.update_procurement(
        procurement=w["p"], user=w["user"], data={"title": "Endret"}, version=w["p"].version
    ),
    "save_needs": lambda w: procurement_services.save_needs(
        procurement=w["p"], user=w["user"], data={}, need_step="kjope_nytt", need_comment="Trengs", version=0
    ),
    "save_checklist": lambda w: procurement_services.save_checklist(
        procurement=w["p"], user=w["user"], answers={QUESTION_KEYS[0]: ("ja", "")}, version=1
    ),
    "add_from_library": lambda w: procurement_services.add_from_library(
        procurement=w["p"], criterion=w["criterion"], level="basis", user=w["user"]
    ),
    "add_custom": lambda w: procurement_services.add_custom(
        procurement=w["p"], user=w["user"], data={"section": "kravspesifikasjon", "title": "Eget", "text": "Tekst."}
    ),
    "update_requirement": lambda w: procurement_services.update_requirement(
        requirement=w["requirements"][0], user=w["user"], data={"text": "Ny tekst."}, version=1
    ),
    "fill_placeholders": lambda w: procurement_services.fill_placeholders(
        requirement=w["requirements"][0], user=w["user"], values=["5"], version=1
    ),
    "remove_requirement": lambda w: procurement_services.remove_requirement(
        requirement=w["requirements"][0], user=w["user"]
    ),
    "move_requirement": lambda w: procurement_services.move_requirement(
        requirement=w["requirements"][1], user=w["user"], direction="opp"
    ),
    "save_award": lambda w: procurement_services.save_award(
        procurement=w["p"],
        user=w["user"],
        rows=[
            procurement_services.AwardRow(name="Pris", weight=70, is_price=True),
            procurement_services.AwardRow(name="Miljø", weight=30, is_environmental=True),
        ],
        method="vekting",
        exception="",
        justification="",
        version=w["p"].version,
    ),
    "save_high_risk_justification": lambda w: procurement_services.save_high_risk_justification(
        procurement=w["p"], user=w["user"], justification="Lav risiko i denne kjeden."
    ),
    "change_status": lambda w: procurement_services.change_status(
        procurement=w["p"], user=w["user"], to_status=Procurement.Status.CANCELLED
    ),
    "set_cpv": lambda w: procurement_services.set_cpv(
        procurement=w["p"], user=w["user"], main=None, additional=[], version=w["p"].version
    ),
    "drop_responsible": lambda w: procurement_services.drop_responsible(organization=w["org"], user=w["user"]),
    "request_document": lambda w: tender_documents.request_document(procurement=w["p"], user=w["user"]),
    "document_status": lambda w: set_status(
        TenderDocument,
        TenderDocument.objects.create(procurement=w["p"], number=99, document_version=1).pk,
        expected=TenderDocument.Status.QUEUED,
        status=TenderDocument.Status.FAILED,
    ),
    "update_organization_settings": lambda w: core_services.update_organization_settings(
        organization=w["org"], user=w["admin"], data={"four_eyes_local_library": True}
    ),
    "set_logo": lambda w: give_logo(w["org"], w["admin"]),
    "remove_logo": lambda w: core_services.remove_logo(organization=give_logo(w["org"]).organization, user=w["admin"]),
    "remove_membership": lambda w: core_services.remove_membership(
        membership=Membership.objects.filter(organization=w["org"], role=Role.BUYER).first(),
        acting_user=w["admin"],
    ),
}

# Public functions of the walked modules that are not examples above, and why.
NOT_WRITES = {
    "ensure_editable": "a check",
    "render_tender": "renders a PDF, writes nothing",
    "render_document": "renders a PDF, writes nothing",
    "publish": "goes through the gate; its writes are save() calls covered by change_status",
    "start_amendment": "save() on the procurement, as update_procurement",
    "finish_amendment": "save() on the procurement, as update_procurement",
    "update_to_latest_revision": "save() on the requirement, as update_requirement",
    "retry_document": "core.documents.set_status, as document_status",
    "invite_member": "an Invitation and an e-mail; as accept_invitation",
    "accept_invitation": "Membership.objects.create",
    "register_and_accept": "a user and a membership through the ORM",
    "cancel_invitation": "instance.delete()",
}
WALKED = (procurement_services, tender_documents, core_services)


def test_every_public_service_function_is_walked():
    public = {
        name
        for module in WALKED
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    }
    assert public - EXAMPLES.keys() - NOT_WRITES.keys() == set()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_service_write_leaves_a_history_row(name, world):
    with watch_writes() as written:
        EXAMPLES[name](world)
    assert written, f"{name} wrote nothing: the example does not exercise it"
    assert _missing_history(written) == []


def test_the_watch_catches_a_queryset_update():
    r_table = Requirement._meta.db_table
    assert _missing_history([r_table]) == [r_table]
