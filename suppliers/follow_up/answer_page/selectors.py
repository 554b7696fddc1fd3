"""What the request page shows about e-mails and answer links: a fixed number of queries per request."""

from django.db.models import Count, Q

from suppliers.follow_up.answer_page import workbooks
from suppliers.models import AnswerLinkVisit, AnswerSubmission


def request_panel(req) -> dict:
    mails = list(req.mails.select_related("created_by").defer("message"))
    links = list(
        req.answer_links.select_related("revoked_by").annotate(
            view_count=Count("visits", filter=Q(visits__action=AnswerLinkVisit.Action.VIEW))
        )
    )
    submissions = list(AnswerSubmission.objects.filter(response__request=req).prefetch_related("workbooks"))
    workbook_links = [(a, workbooks.review_url(a.pk)) for s in submissions for a in s.workbooks.all()]
    return {
        "mails": mails,
        "answer_links": links,
        "via_answer_page": {s.response_id for s in submissions},
        "workbook_links": workbook_links,
    }
