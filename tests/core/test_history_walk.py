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
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from core import services as core_services
from core.documents import run_job, set_status
from core.models import Membership
from core.pdf import RenderedPdf
from core.roles import Role
from procurement import services as procurement_services
from procurement.checklist import QUESTION_KEYS
from procurement.models import Procurement, Requirement, TenderDocument
from procurement.tender_document import jobs as tender_documents
from suppliers.follow_up import due_diligence
from suppliers.follow_up import services as follow_up_services
from suppliers.follow_up.uploads import check_upload
from suppliers.models import CaseShare, CorrectiveAction, Deviation, DueDiligenceRequest, LetterTemplate
from tests.core.images import give_logo
from tests.factories import (
    CategoryFactory,
    OrganizationFactory,
    criterion,
    dd_request,
    follow_up_case,
    member,
    procurement,
    requirement,
    supplier,
)
from tests.suppliers.helpers import TINY_PDF

pytestmark = pytest.mark.django_db
WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?([a-z0-9_]+)"?', re.IGNORECASE)


def _model_history_tables() -> dict[str, str]:
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


def _history_tables() -> dict[str, str]:
    """table of a model with history -> its history table (m2m tables of tracked m2m fields too)."""
    tables = _model_history_tables()
    for model in apps.get_models():
        manager = getattr(model, "history", None)
        historical = getattr(manager, "model", None)
        for field in getattr(historical, "_history_m2m_fields", ()) if historical is not model else ():
            tables[field.remote_field.through._meta.db_table] = getattr(historical, field.name).model._meta.db_table
    return tables


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
        **_follow_up(org, user),
    }


def _follow_up(org, user) -> dict:
    """A case with a sent letter, a deviation with an action, and a share with another organisation."""
    case = follow_up_case(org, user=user)
    today = timezone.localdate()
    sent = dd_request(case, user=user, sent_on=today - timedelta(days=40), deadline=today - timedelta(days=1))
    draft = dd_request(case, user=user)
    deviation = Deviation.objects.create(case=case, title="Mangler svar")
    action = CorrectiveAction.objects.create(
        deviation=deviation, description="Kartlegg", owner="Leverandøren", due_date=today, status="utfort"
    )
    partner = OrganizationFactory(name="Samarbeidskommune")
    share = CaseShare.objects.create(case=case, organization=partner)
    return {
        "case": case,
        "sent": sent,
        "draft": draft,
        "deviation": deviation,
        "action": action,
        "partner": OrganizationFactory(name="Ny partner"),
        "share": share,
        "template": LetterTemplate.objects.filter(organization__isnull=True).first(),
    }


def _own_template(w) -> LetterTemplate:
    return LetterTemplate.objects.create(
        organization=w["org"], name="Egen mal", request_type="forventningsbrev", subject="Emne", body="Tekst"
    )


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
    "document_ready": lambda w: run_job(
        TenderDocument,
        TenderDocument.objects.create(procurement=w["p"], number=98, document_version=1).pk,
        lambda job: RenderedPdf(content=b"%PDF-1.7 test", page_count=1),
    ),
    # --- follow-up cases: sharing, deviations, escalation, letter templates
    "create_case": lambda w: follow_up_services.create_case(
        organization=w["org"], user=w["user"], supplier=supplier(organization=w["org"]), title="Ny sak"
    ),
    "set_case_status": lambda w: follow_up_services.set_case_status(case=w["case"], user=w["user"], status="lukket"),
    "share_case": lambda w: follow_up_services.share_case(
        case=w["case"], user=w["user"], organization=w["partner"], access="les"
    ),
    "unshare_case": lambda w: follow_up_services.unshare_case(share=w["share"], user=w["user"]),
    "create_deviation": lambda w: follow_up_services.create_deviation(
        case=w["case"], user=w["user"], data={"title": "Nytt avvik"}
    ),
    "add_action": lambda w: follow_up_services.add_action(
        deviation=w["deviation"],
        user=w["user"],
        data={"description": "Revisjon", "owner": "Oss", "due_date": timezone.localdate()},
    ),
    "set_action_status": lambda w: follow_up_services.set_action_status(
        action=w["action"], user=w["user"], status="frafalt", waiver_reason="Ikke lenger relevant"
    ),
    "close_deviation": lambda w: follow_up_services.close_deviation(deviation=w["deviation"], user=w["user"]),
    "add_escalation": lambda w: follow_up_services.add_escalation(
        case=w["case"], user=w["user"], data={"kind": "mote", "date": timezone.localdate()}
    ),
    "save_letter_template": lambda w: follow_up_services.save_letter_template(
        organization=w["org"],
        user=w["user"],
        data={"name": "Egen mal", "request_type": "forventningsbrev", "subject": "Emne", "body": "Tekst"},
    ),
    "share_letter_template": lambda w: follow_up_services.share_letter_template(
        template=_own_template(w), organization=w["partner"], user=w["user"]
    ),
    "revoke_letter_template_share": lambda w: follow_up_services.revoke_letter_template_share(
        share=follow_up_services.share_letter_template(
            template=_own_template(w), organization=w["partner"], user=w["user"]
        ),
        user=w["user"],
    ),
    # --- due-diligence letters: draft, send, answer with a file, overdue
    "create_request": lambda w: due_diligence.create_request(case=w["case"], user=w["user"], template=w["template"]),
    "update_draft": lambda w: due_diligence.update_draft(req=w["draft"], user=w["user"], data={"subject": "Nytt"}),
    "send_request": lambda w: due_diligence.send_request(req=w["draft"], user=w["user"], sent_on=timezone.localdate()),
    "transition": lambda w: due_diligence.transition(req=w["sent"], to_status="purret", user=w["user"]),
    "log_response": lambda w: due_diligence.log_response(
        req=w["sent"],
        user=w["user"],
        received_on=timezone.localdate(),
        answers=["Svar."],
        uploads=[check_upload(SimpleUploadedFile("svar.pdf", TINY_PDF))],
    ),
    "mark_overdue": lambda w: due_diligence.mark_overdue(timezone.localdate()),
    "set_received_on": lambda w: due_diligence.set_received_on(
        req=w["sent"], user=w["user"], received_on=w["sent"].sent_on + timedelta(days=1)
    ),
    "record_extension": lambda w: due_diligence.record_extension(
        req=w["sent"], user=w["user"], notified_on=w["sent"].sent_on + timedelta(days=1), reason="Kartlegger kjeden."
    ),
    "record_refusal": lambda w: due_diligence.record_refusal(
        req=w["sent"],
        user=w["user"],
        refused_on=timezone.localdate(),
        ground=DueDiligenceRequest.RefusalGround.values[0],
        note="Forretningshemmelighet.",
    ),
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
    "default_deadline": "date arithmetic",
    "proposed_deadline": "date arithmetic",
    "moment": "a timestamp",
    "manual_targets": "a list of states",
    "check_manual_target": "a check",
    "check_transparency_request": "a check",
    "transparency_deadline": "date arithmetic",
}
WALKED = (procurement_services, tender_documents, core_services, follow_up_services, due_diligence)

# Models of the project's apps without history, and why; every other one must keep it,
# so a new model (or a model someone forgot, as CaseShare and Attachment were) fails here.
NO_HISTORY = {
    "procurement.CpvCode": "reference list loaded by a migration, never edited in the product",
    "procurement.ReferenceCounter": "a number dispenser; the procurements it numbers keep history",
    "procurement.ProcurementEvent": "is itself the procurement's status log, append-only",
    "suppliers.RequestEvent": "is itself the request's status log, append-only",
    "suppliers.Reminder": "a log of reminder e-mails sent, append-only",
    "suppliers.LetterSend": "a log of letter e-mails sent, append-only",
    "suppliers.AnswerLink": "the answer-page token; created and revoked with timestamps and the user on the row",
    "suppliers.AnswerLinkVisit": "a log of answer-page visits, append-only",
    "suppliers.AnswerFile": "a supplier's upload on the answer page, kept with its submission",
    "suppliers.AnswerSubmission": "the supplier's submitted answer, append-only",
    "battery_chain.RiskCategory": "fixed categories loaded by a migration",
    "battery_chain.SmelterReference": "RMI smelter list imported as a whole, replaced by the next import",
    "reporting.FactGroup": "the KPI summary, derived from the procurements (which keep history); rebuilt by a command",
    "reporting.CountedProcurement": "bookkeeping of the KPI summary: which group a procurement is counted in",
}
PROJECT_APPS = {"core", "criteria", "procurement", "suppliers", "battery_chain", "reporting", "api"}


def test_every_domain_model_keeps_history_or_says_why():
    missing = sorted(
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model.__name__.startswith("Historical")
        and model._meta.db_table not in _model_history_tables()
        and model._meta.label not in NO_HISTORY
    )
    assert missing == []


def test_adding_a_supplier_to_a_register_leaves_a_history_row(org):
    shared = supplier()
    with watch_writes() as written:
        shared.registered_by.add(org)
    assert _missing_history(written) == []
    rows = type(shared).history.model.registered_by.model.objects.filter(organization=org)
    assert rows.exists(), "the register change is in the history"


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
