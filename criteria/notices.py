"""E-mails about proposals to the library; the start-page panel (criteria.selectors) shows the same."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def proposal_decided_on_commit(revision) -> None:
    """Tell the proposer that their proposal was accepted or rejected, once the decision is saved."""
    author = revision.created_by
    if author is None or not author.email:
        return
    context = {"revision": revision, "criterion": revision.criterion}
    if revision.is_published:
        subject = _("Forslaget ditt til %(code)s er godkjent") % {"code": revision.criterion.code}
    else:
        subject = _("Forslaget ditt til %(code)s er avvist") % {"code": revision.criterion.code}
    body = render_to_string("criteria/email/proposal_decided.txt", context).strip()
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [author.email]))
