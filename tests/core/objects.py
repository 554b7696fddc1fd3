"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from core.documents import write_private_file
from core.models import DocumentJob, Invitation
from core.roles import Role
from tests.core.images import give_logo
from tests.factories import MembershipFactory


def membership(org, ctx):
    return MembershipFactory(organization=org, role=Role.BUYER).pk


def logo(org, ctx):
    return give_logo(org).pk


def invitation(org, ctx):
    return Invitation.objects.create(organization=org, email="ny@test.example", role=Role.BUYER).pk


def document_job(org, ctx):
    """A ready KPI report (its source is the organisation's own dashboard), so the download answers too."""
    return DocumentJob.objects.create(
        organization=org,
        kind="reporting.kpi_report",
        params={"query": ""},
        title="Indikatorer",
        filename="i.pdf",
        status=DocumentJob.Status.READY,
        file=write_private_file("private/documents", ".pdf", b"%PDF-1.7 walk"),
    ).pk


OBJECT_BUILDERS = {
    "job_id": document_job,
    "membership_id": membership,
    "invitation_id": invitation,
    "logo_id": logo,
}
