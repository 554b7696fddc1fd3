"""The letter as PDF: a draft before it is sent, the final dated letter once it is.

Final means: the date it was sent, «Vår ref.» with the case and request
numbers, and the name of the person who sent it as signatory. The same bytes
are attached to the e-mail and downloaded after «Registrer som sendt».
"""

from django.utils import translation

from core.pdf import RenderedPdf, render_pdf
from suppliers.follow_up import letters
from suppliers.follow_up.due_diligence import S


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
