"""The award decision letter (tildelingsbeslutning) to all tenderers as PDF, made by the worker (core.documents)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import documents
from core.pdf import RenderedPdf, render_pdf
from procurement.access import procurement_for
from procurement.evaluation import selectors
from procurement.evaluation.models import AwardDecision
from procurement.models import Procurement

KIND = "procurement.award_letter"


def _title(procurement) -> str:
    return _("Tildelingsbeslutning: %(ref)s %(title)s") % {"ref": procurement.reference, "title": procurement.title}


def order(request, procurement):
    return documents.order_document(
        organization=request.organization,
        user=request.user,
        kind=KIND,
        params={"procurement_id": procurement.pk},
        title=_title(procurement),
        filename=f"tildelingsbeslutning-{procurement.reference.replace('/', '-')}.pdf",
    )


def render_letter(procurement, decision: AwardDecision) -> RenderedPdf:
    evaluation = selectors.evaluation(procurement)
    return render_pdf(
        "pdf/award_letter.html",
        {
            "document_title": _title(procurement),
            "document_author": procurement.organization.name,
            "procurement": procurement,
            "organization": procurement.organization,
            "decision": decision,
            "evaluation": evaluation,
            "winner_result": evaluation.result_for(decision.winner_id),
        },
    )


def _render_job(job) -> RenderedPdf:
    procurement = Procurement.objects.select_related("category", "responsible", "main_cpv", "organization").get(
        pk=job.params["procurement_id"], organization=job.organization
    )
    # The decision as it is when the worker renders (a later change of decision is in a new letter).
    decision = AwardDecision.objects.select_related("winner").get(procurement=procurement)
    return render_letter(procurement, decision)


def _check(request, job) -> None:
    procurement_for(request, job.params["procurement_id"])


def _back(job) -> str:
    return reverse("procurement:evaluation:award", args=[job.params["procurement_id"]])


DOCUMENT_KIND = documents.Kind(KIND, _render_job, _check, _back)
