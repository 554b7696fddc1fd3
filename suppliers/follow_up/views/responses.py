"""The supplier's answer to a request, with attachments, and the permission-checked download."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import organization_required
from core.http import attempt
from suppliers.follow_up import due_diligence
from suppliers.follow_up.access import attachment_for, request_for
from suppliers.follow_up.forms import ResponseForm
from suppliers.follow_up.selectors import case_context


@organization_required
@require_http_methods(["GET", "POST"])
def response_create(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id, write=True)
    if req.status not in due_diligence.ANSWERABLE:
        messages.error(
            request,
            _("Et svar kan ikke registreres på en forespørsel med status «%(status)s».")
            % {"status": req.get_status_display()},
        )
        return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    form = ResponseForm(request.POST or None, request.FILES or None, request_obj=req)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = attempt(
            form,
            lambda: due_diligence.log_response(
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
            return redirect("suppliers:request_detail", case_id=case_id, request_id=req.pk)
    return render(
        request,
        "suppliers/response_form.html",
        {
            **case_context(request, req.case),
            "req": req,
            "form": form,
            "max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
    )


@organization_required
@require_GET
def attachment_download(request, case_id, attachment_id):
    attachment = attachment_for(request, attachment_id, case_id=case_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Filen finnes ikke lenger på serveren.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
