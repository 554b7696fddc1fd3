"""The supplier's answer to a request, with attachments, and the permission-checked download."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from suppliers import requests as dd
from suppliers.case_views.cases import case_context
from suppliers.case_views.common import attempt, case_of, request_in
from suppliers.forms_cases import ResponseForm
from suppliers.models import Attachment


@organization_required
@require_http_methods(["GET", "POST"])
def response_create(request, case_id, request_id):
    case = case_of(request, case_id, write=True)
    req = request_in(case, request_id)
    if req.status not in dd.ANSWERABLE:
        messages.error(
            request,
            _("Et svar kan ikke registreres på en forespørsel med status «%(status)s».")
            % {"status": req.get_status_display()},
        )
        return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    form = ResponseForm(request.POST or None, request.FILES or None, request_obj=req)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = attempt(
            form,
            lambda: dd.log_response(
                req=req,
                user=request.user,
                received_on=data["received_on"],
                answers=form.answers(),
                text=data["text"],
                assessment=data["assessment"],
                reasoning=data["reasoning"],
                uploads=data["attachments"],
            ),
        )
        if answer is not None:
            messages.success(request, _("Svaret er registrert, og forespørselen har status «Besvart»."))
            return redirect("suppliers:request_detail", case_id=case.pk, request_id=req.pk)
    return render(
        request,
        "suppliers/response_form.html",
        {
            **case_context(request, case),
            "req": req,
            "form": form,
            "max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
    )


@organization_required
@require_GET
def attachment_download(request, case_id, attachment_id):
    case = case_of(request, case_id)
    attachment = get_object_or_404(Attachment, response__request__case=case, pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Filen finnes ikke lenger på serveren.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
