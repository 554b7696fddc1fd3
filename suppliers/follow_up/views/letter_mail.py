"""Send a letter by e-mail from the request page, and revoke an answer link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from core.http import attempt, refuse
from suppliers.follow_up import due_diligence
from suppliers.follow_up.access import request_for
from suppliers.follow_up.mail import services
from suppliers.follow_up.mail.forms import EmailSendForm
from suppliers.follow_up.selectors import case_context
from suppliers.models import AnswerLink, LetterSend


@organization_required
@require_http_methods(["GET", "POST"])
def request_send_email(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    case = req.case
    first_send = req.status in due_diligence.SENDABLE
    if not first_send and req.status not in due_diligence.AWAITING | {due_diligence.S.OVERDUE}:
        messages.error(request, _("Brevet kan bare sendes på e-post igjen mens dere venter på svar."))
        return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    today = timezone.localdate()
    fresh = due_diligence.default_deadline(req.request_type, today)
    initial_deadline = (
        req.deadline if req.status == due_diligence.S.DRAFT and req.deadline and req.deadline > today else fresh
    )
    initial = {"deadline": initial_deadline, "contacts": [req.contact_id] if req.contact_id else []}
    form = EmailSendForm(request.POST or None, case=case, first_send=first_send, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        url_for_token = services.answer_url_builder(request)
        if first_send:
            call = lambda: services.send_by_email(  # noqa: E731
                req=req,
                user=request.user,
                contacts=data["contacts"],
                language=data["language"],
                sent_on=today,
                deadline=data["deadline"],
                comment=data["comment"],
                url_for_token=url_for_token,
            )
        else:
            call = lambda: services.resend_by_email(  # noqa: E731
                req=req,
                user=request.user,
                contacts=data["contacts"],
                language=data["language"],
                url_for_token=url_for_token,
            )
        sent = attempt(form, call)
        if sent is not None:
            messages.success(
                request,
                _("Brevet er lagt i kø for e-post til %(to)s. Status vises under «E-post» på forespørselen.")
                % {"to": ", ".join(sent.recipients)},
            )
            return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(
        request,
        "suppliers/answer_page/request_send_email.html",
        {**case_context(request, case), "req": req, "form": form, "first_send": first_send, "default_deadline": fresh},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def answer_link_revoke(request, case_id, request_id, link_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    case = req.case
    link = get_object_or_404(AnswerLink, request=req, pk=link_id)
    if request.method == "GET":
        return render(
            request,
            "core/confirm.html",
            {
                "title": _("Trekke tilbake svarlenken?"),
                "question": _(
                    "Leverandøren kan ikke bruke lenken etterpå. Et utkast de har lagret der, blir ikke sendt inn."
                ),
                "confirm_label": _("Trekk tilbake lenken"),
                "cancel_url": reverse("suppliers:request_detail", args=[case.pk, req.pk]),
            },
        )
    try:
        services.revoke_link(link=link, user=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    messages.success(request, _("Svarlenken er trukket tilbake. Leverandøren kan ikke lenger bruke den."))
    return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)


@organization_required
@require_GET
def letter_mail_download(request, case_id, request_id, mail_id):
    """The e-mail exactly as stored and sent (RFC 822 bytes), for the archive."""
    req = request_for(request, request_id, case_id=case_id)
    case = req.case
    mail = get_object_or_404(LetterSend, request=req, pk=mail_id)
    response = HttpResponse(bytes(mail.message), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="brev-{case.pk}-{req.pk}-epost-{mail.pk}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
