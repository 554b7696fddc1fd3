"""The letter as PDF: a draft before it is sent, the final dated letter once it is.

Final means: the date it was sent, «Vår ref.» with the case and request
numbers, and the name of the person who sent it as signatory. The same bytes
are attached to the e-mail and downloaded after «Registrer som sendt».
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import documents
from core.pdf import RenderedPdf, render_pdf
from suppliers.follow_up import letters
from suppliers.follow_up.access import request_for
from suppliers.follow_up.due_diligence import S
from suppliers.models import DueDiligenceRequest


def our_reference(req) -> str:
    return f"{req.case_id}-{req.pk}"


def signatory(req):
    """Who sent the letter (the user on the latest «sendt» event), or None for a draft."""
    event = req.events.filter(to_status=S.SENT).select_related("user").order_by("-created_at", "-pk").first()
    return event.user if event else None


def render_letter(req, *, language: str = "nb") -> RenderedPdf:
    final = req.sent_on is not None and req.status != S.DRAFT
    person = signatory(req) if final else None
    with translation.override(language):
        context = letters.letter_pdf_context(req)
        return render_pdf(
            "pdf/letter.html",
            {
                **context,
                "final": final,
                "our_reference": our_reference(req),
                "signatory": (person.get_full_name() or person.username) if person else "",
                "sent_on": context["sent_on"] if final else "",
                "document_language": language,
            },
        )


def filename(req) -> str:
    return f"brev-{req.case_id}-{req.pk}.pdf"


# ---------------------------------------------------------------- the letter ordered from its page, made by the worker

KIND = "suppliers.letter"


def order(request, req):
    """The letter as a background job (core.documents); the page polls it until the PDF is ready."""
    return documents.order_document(
        organization=request.organization,
        user=request.user,
        kind=KIND,
        params={"case_id": req.case_id, "request_id": req.pk},
        title=_("Brev: %(subject)s") % {"subject": req.subject},
        filename=filename(req),
    )


def _render_job(job) -> RenderedPdf:
    req = DueDiligenceRequest.objects.select_related("contact", "template", "created_by").get(
        pk=job.params["request_id"], case_id=job.params["case_id"]
    )
    return render_letter(req)


def _check(request, job) -> None:
    request_for(request, job.params["request_id"], case_id=job.params["case_id"])


def _back(job) -> str:
    return reverse("suppliers:request_detail", args=[job.params["case_id"], job.params["request_id"]])


DOCUMENT_KIND = documents.Kind(KIND, _render_job, _check, _back)
