"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py)."""

from core.documents import write_private_file
from procurement.models import TenderDocument
from tests.factories import procurement, requirement


def procurement_id(org, ctx):
    ctx.setdefault("procurement", procurement(organization=org))
    return ctx["procurement"].pk


def requirement_id(org, ctx):
    procurement_id(org, ctx)
    return requirement(ctx["procurement"]).pk


def document_id(org, ctx):
    """A finished version with a stored file, so that even the download URL answers its owner."""
    procurement_id(org, ctx)
    return TenderDocument.objects.create(
        procurement=ctx["procurement"],
        number=ctx["procurement"].documents.count() + 1,
        document_version=1,
        status=TenderDocument.Status.READY,
        file=write_private_file("private/documents", ".pdf", b"%PDF-1.7 test"),
    ).pk


def bid_id(org, ctx):
    from tests.procurement.evaluation.builders import bid

    procurement_id(org, ctx)
    return bid(ctx["procurement"]).pk


OBJECT_BUILDERS = {
    "bid_id": bid_id,
    "procurement_id": procurement_id,
    "requirement_id": requirement_id,
    "document_id": document_id,
    # Not an object, but the walker fills every URL parameter: any real status will do.
    "to_status": lambda org, ctx: "avlyst",
}
