"""URLs of follow-up cases (saker): letters, answers, deviations, escalation, sharing, letter templates."""

from django.urls import path

from suppliers.follow_up.views import (
    cases,
    deviations,
    due_diligence,
    letter_mail,
    letters,
    responses,
    transparency_act,
)

C = "saker/<int:case_id>/"
R = C + "foresporsler/<int:request_id>/"
D = C + "avvik/<int:deviation_id>/"

urlpatterns = [
    path("saker/", cases.case_list, name="case_list"),
    path("saker/ny/", cases.case_create, name="case_create"),
    path("saker/brevmaler/", letters.letter_template_list, name="letter_template_list"),
    path("saker/brevmaler/ny/", letters.letter_template_create, name="letter_template_create"),
    path("saker/brevmaler/<int:template_id>/", letters.letter_template_edit, name="letter_template_edit"),
    path("saker/brevmaler/<int:template_id>/deling/", letters.letter_template_share, name="letter_template_share"),
    path(
        "saker/brevmaler/<int:template_id>/deling/<int:template_share_id>/fjern/",
        letters.letter_template_unshare,
        name="letter_template_unshare",
    ),
    path(C, cases.case_detail, name="case_detail"),
    path(C + "tidslinje/", cases.case_timeline, name="case_timeline"),
    path(C + "status/", cases.case_status, name="case_status"),
    path(C + "deling/", cases.case_share, name="case_share"),
    path(C + "deling/<int:share_id>/fjern/", cases.case_unshare, name="case_unshare"),
    path(C + "foresporsler/ny/", due_diligence.request_create, name="request_create"),
    path(R, due_diligence.request_detail, name="request_detail"),
    path(R + "endre/", due_diligence.request_edit, name="request_edit"),
    path(R + "send/", due_diligence.request_send, name="request_send"),
    path(R + "send/e-post/", letter_mail.request_send_email, name="request_send_email"),
    path(R + "svarlenker/<int:link_id>/trekk-tilbake/", letter_mail.answer_link_revoke, name="answer_link_revoke"),
    path(R + "e-post/<int:mail_id>.eml", letter_mail.letter_mail_download, name="letter_mail_download"),
    path(R + "status/", due_diligence.request_transition, name="request_transition"),
    path(R + "brev.pdf", letters.request_pdf, name="request_pdf"),
    path(R + "svar/nytt/", responses.response_create, name="response_create"),
    path(R + "mottatt/", transparency_act.request_received, name="request_received"),
    path(R + "utsatt-frist/", transparency_act.request_extension, name="request_extension"),
    path(R + "avslag/", transparency_act.request_refusal, name="request_refusal"),
    path(C + "vedlegg/<int:attachment_id>/", responses.attachment_download, name="attachment_download"),
    path(C + "avvik/nytt/", deviations.deviation_create, name="deviation_create"),
    path(D, deviations.deviation_detail, name="deviation_detail"),
    path(D + "tiltak/ny/", deviations.action_create, name="action_create"),
    path(D + "tiltak/<int:action_id>/", deviations.action_status, name="action_status"),
    path(D + "lukk/", deviations.deviation_close, name="deviation_close"),
    path(C + "eskalering/ny/", deviations.escalation_create, name="escalation_create"),
]
