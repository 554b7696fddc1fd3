"""Letter text: the placeholders a letter template may use, filling them in for a case, and the PDF.

A template's subject, body and questions may use {name} for the names in
PLACEHOLDERS; anything else in braces is refused when the template is saved and
when a letter is made from it.
"""

import string
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

# The placeholders a template may use; anything else in {braces} is refused.
PLACEHOLDERS = {
    "leverandor": "supplier name",
    "kontrakt": "contract title",
    "frist": "answer deadline",
    "oppdragsgiver": "our organisation",
    "avsendere": "our organisation and the co-signers, for the signature of a joint letter",
    "kontaktperson": "the supplier contact's name",
    "dato": "today's date",
}


def format_date(day: date | None) -> str:
    return formats.date_format(day, "j. F Y") if day else ""


def placeholder_names(text: str) -> set[str]:
    """Names used as {name}; a malformed brace is a ValidationError."""
    try:
        return {field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise ValidationError(_("Teksten har en krøllparentes som ikke er lukket: %(error)s") % {"error": exc}) from exc


def check_placeholders(*texts: str) -> None:
    unknown = set().union(*(placeholder_names(t) for t in texts)) - PLACEHOLDERS.keys()
    if unknown:
        raise ValidationError(
            _("Ukjent plassholder: %(names)s. Tillatte er: %(allowed)s.")
            % {
                "names": ", ".join(f"{{{n}}}" for n in sorted(unknown)),
                "allowed": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            }
        )


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    check_placeholders(text)
    return text.format_map(values)


def join_names(names: list[str]) -> str:
    """«A», «A og B», «A, B og C»."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s og %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def placeholder_values(*, case, contact, deadline: date | None, today: date, co_signers=()) -> dict[str, str]:
    return {
        "avsendere": join_names([case.organization.name, *(o.name for o in co_signers)]),
        "leverandor": case.supplier.name,
        "kontrakt": case.contract.title if case.contract_id else "",
        "frist": format_date(deadline),
        "oppdragsgiver": case.organization.name,
        "kontaktperson": contact.name if contact else "",
        "dato": format_date(today),
    }


def letter_pdf_context(req) -> dict:
    """What templates/pdf/letter.html needs for one request: the senders (us and the co-signers) and the dates."""
    case = req.case
    senders = [case.organization, *req.co_signers.order_by("name")]
    return {
        "document_title": req.subject,
        "document_author": ", ".join(o.name for o in senders),
        "case": case,
        "req": req,
        "senders": senders,
        "sent_on": format_date(req.sent_on),
        "deadline": format_date(req.deadline),
    }
