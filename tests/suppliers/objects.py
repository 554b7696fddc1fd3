"""Objects of an organisation for the URL walk (tests/url_walk.py): the register's (suppliers, contacts,
certificates, contracts, obligations) and the follow-up's (cases and what is inside them)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from suppliers.models import Certificate, Obligation, SupplierContact
from tests.factories import OrganizationFactory, contract, dd_request, follow_up_case, supplier
from tests.suppliers.helpers import TINY_PDF


def supplier_id(org, ctx):
    ctx.setdefault("supplier", supplier(organization=org))
    return ctx["supplier"].pk


def contact_id(org, ctx):
    supplier_id(org, ctx)
    return SupplierContact.objects.create(organization=org, supplier=ctx["supplier"], name="Kari Kontakt").pk


def certificate_id(org, ctx):
    supplier_id(org, ctx)
    return Certificate.objects.create(organization=org, supplier=ctx["supplier"], kind=Certificate.Kind.ISO14001).pk


def contract_id(org, ctx):
    ctx.setdefault("contract", contract(organization=org))
    return ctx["contract"].pk


def obligation_id(org, ctx):
    contract_id(org, ctx)
    return Obligation.objects.create(contract=ctx["contract"], number="1", title="Åpenhet i leverandørkjeden").pk


# ---------------------------------------------------------------- follow-up


def case_id(org, ctx):
    ctx.setdefault("case", follow_up_case(org))
    return ctx["case"].pk


def share_id(org, ctx):
    from suppliers.models import CaseShare

    case_id(org, ctx)
    ctx.setdefault("share", CaseShare.objects.create(case=ctx["case"], organization=OrganizationFactory()))
    return ctx["share"].pk


def request_id(org, ctx):
    case_id(org, ctx)
    # Sent, so the answer form and the status form both open for the owner.
    ctx.setdefault("request", dd_request(ctx["case"], sent_on=timezone.localdate()))
    return ctx["request"].pk


def attachment_id(org, ctx):
    from suppliers.follow_up import due_diligence
    from suppliers.follow_up.uploads import check_upload
    from suppliers.models import AnswerSubmission

    request_id(org, ctx)
    upload = ContentFile(TINY_PDF, name="svar.pdf")
    response = due_diligence.log_response(
        req=ctx["request"],
        user=None,
        received_on=timezone.localdate(),
        answers=[],
        text="Svar",
        uploads=[check_upload(upload)],
    )
    attachment = response.attachments.get()
    # Received on the answer page as a minerals workbook, so the follower's review page opens for it too.
    link = answer_link(ctx["request"])
    submission = AnswerSubmission.objects.create(link=link, response=response)
    submission.workbooks.add(attachment)
    return attachment.pk


def answer_link(req):
    from suppliers.follow_up.answer_page import tokens

    return tokens.issue(req=req, language="nb")[0]


def link_id(org, ctx):
    request_id(org, ctx)
    ctx.setdefault("link", answer_link(ctx["request"]))
    return ctx["link"].pk


def mail_id(org, ctx):
    from suppliers.models import LetterSend

    request_id(org, ctx)
    mail = LetterSend.objects.create(
        request=ctx["request"], recipients=["kontakt@leverandor.example"], subject="Brev", message=b"x", sha256="0" * 64
    )
    return mail.pk


def deviation_id(org, ctx):
    from suppliers.follow_up import services as follow_up_services

    case_id(org, ctx)
    ctx.setdefault(
        "deviation",
        follow_up_services.create_deviation(case=ctx["case"], user=None, data={"title": "Manglende sporbarhet"}),
    )
    return ctx["deviation"].pk


def action_id(org, ctx):
    from suppliers.follow_up import services as follow_up_services

    deviation_id(org, ctx)
    return follow_up_services.add_action(
        deviation=ctx["deviation"],
        user=None,
        data={"description": "Kartlegge smelteverk", "owner": "Leverandøren", "due_date": timezone.localdate()},
    ).pk


def template_id(org, ctx):
    from suppliers.models import LetterTemplate

    ctx.setdefault(
        "template",
        LetterTemplate.objects.create(
            organization=org, request_type="forventningsbrev", name="Egen mal", subject="Til {leverandor}", body="Tekst"
        ),
    )
    return ctx["template"].pk


def template_share_id(org, ctx):
    # Shared with a third organisation: the walk's outsider is not named, so it still gets 404.
    from suppliers.models import LetterTemplateShare

    template_id(org, ctx)
    return LetterTemplateShare.objects.create(template=ctx["template"], organization=OrganizationFactory()).pk


OBJECT_BUILDERS = {
    "supplier_id": supplier_id,
    "contact_id": contact_id,
    "certificate_id": certificate_id,
    "contract_id": contract_id,
    "obligation_id": obligation_id,
    "case_id": case_id,
    "share_id": share_id,
    "request_id": request_id,
    "attachment_id": attachment_id,
    "link_id": link_id,
    "mail_id": mail_id,
    "deviation_id": deviation_id,
    "action_id": action_id,
    "template_id": template_id,
    "template_share_id": template_share_id,
}
