"""Letter text: the placeholders a letter template may use, filling them in for a case, and the PDF.

A template's subject, body and questions may use {name} for the names in
PLACEHOLDERS; anything else in braces is refused when the template is saved and
when a letter is made from it.
"""

import string
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.formatting import format_day

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
    return format_day(day, long=True)


# A filled letter never needs more than this; templates are short and the values are names
# and dates. The cap keeps one template from producing megabytes per letter.
MAX_FILLED_CHARS = 20_000


def placeholder_names(text: str) -> set[str]:
    """Names used as {name}; a malformed brace or any formatting ({name:>99}, {name!r}) is a ValidationError.

    str.format would honour a format spec, so `{leverandor:>20000000}` made a
    20-million-character letter: only the bare name is allowed.
    """
    names = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            if spec or conversion:
                raise ValidationError(
                    _("Plassholderen {%(name)s} kan ikke ha formatering. Skriv den som {%(name)s} uten tillegg.")
                    % {"name": name}
                )
            names.add(name)
    except ValueError as exc:
        raise ValidationError(_("Teksten har en krøllparentes som ikke er lukket: %(error)s") % {"error": exc}) from exc
    return names


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


def fill_placeholders(text: str, values: dict[str, str], *, max_length: int = MAX_FILLED_CHARS) -> str:
    """The text with the placeholders filled in; longer than max_length (e.g. the subject's column) is refused."""
    check_placeholders(text)
    filled = text.format_map(values)
    if len(filled) > max_length:
        raise ValidationError(
            _(
                "Teksten blir %(length)s tegn lang når plassholderne er fylt ut, men kan være høyst %(max)s. "
                "Kort ned malen (eller kontraktens tittel) og prøv igjen."
            )
            % {"length": len(filled), "max": max_length}
        )
    return filled


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
