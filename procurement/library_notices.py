"""Notice to the officers whose draft tenders use a criterion that got a new published revision.

The library (criteria) knows nothing of tenders, so it sends `revision_published`
and this module, on the procurement side, finds the drafts and tells their
responsible officers: by e-mail here, and on the start page (library_updates_panel).
Published tenders are never touched: their texts are frozen, and the offer to
update shows only on drafts.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from criteria.models import Criterion, CriterionShare
from procurement.models import Procurement, Requirement

PANEL_SIZE = 5
# The panel counts at most this many outdated requirements ("more than …" beyond).
TOTAL_CAP = 99


def outdated_requirements(organization=None):
    """Requirements of draft tenders whose library criterion has a newer published revision.

    Only criteria the tender's organisation still sees: a local criterion whose sharing was
    revoked keeps its texts in the tender, but its new revisions are no longer offered there.
    """
    shared = CriterionShare.objects.filter(
        criterion=OuterRef("criterion_id"), organization=OuterRef("procurement__organization_id")
    )
    qs = Requirement.objects.filter(
        Q(criterion__organization__isnull=True)
        | Q(criterion__organization=F("procurement__organization"))
        | Exists(shared),
        # Implied by the join, but said so PostgreSQL reads the few library-based requirements
        # through the criterion index instead of every requirement of every draft.
        criterion__isnull=False,
        procurement__status=Procurement.Status.DRAFT,
        criterion__status=Criterion.Status.PUBLISHED,
        criterion__current_revision__isnull=False,
    ).exclude(source_revision=F("criterion__current_revision"))
    if organization is not None:
        qs = qs.filter(procurement__organization=organization)
    return qs


def on_revision_published(sender, revision, **kwargs):
    """E-mail each responsible officer once, listing their draft tenders that use the criterion."""
    rows = (
        outdated_requirements()
        .filter(criterion_id=revision.criterion_id, procurement__responsible__isnull=False)
        .exclude(procurement__responsible__email="")
        .values_list("procurement__responsible__email", "procurement__reference", "procurement__title")
        .distinct()
    )
    by_officer: dict[str, list[tuple[str, str]]] = {}
    for email, reference, title in rows:
        by_officer.setdefault(email, []).append((reference, title))
    subject = _("Ny revisjon av %(code)s i kriteriebiblioteket") % {"code": revision.criterion.code}
    for email, procurements in by_officer.items():
        body = render_to_string(
            "procurement/email/library_update.txt", {"revision": revision, "procurements": sorted(set(procurements))}
        ).strip()
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def library_updates_panel(request) -> dict:
    """Start page: the officer's draft requirements that a newer library revision would change.

    Bounded whatever the number of drafts: the first PANEL_SIZE rows, and a count that stops
    at TOTAL_CAP (counting every outdated requirement of every draft grew with the history).
    """
    mine = outdated_requirements(request.organization).filter(procurement__responsible=request.user)
    shown = list(
        mine.select_related("procurement", "criterion", "criterion__current_revision", "source_revision").order_by(
            "procurement__reference", "position", "pk"
        )[:PANEL_SIZE]
    )
    total = mine.order_by().values("pk")[: TOTAL_CAP + 1].count()
    return {"requirements": shown, "total": min(total, TOTAL_CAP), "more": total > TOTAL_CAP}
