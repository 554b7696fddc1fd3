"""Letter templates (national and the organisation's own) and the letter as PDF."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import has_capability, organization_required
from core.roles import Capability
from suppliers.follow_up import letter_pdf, letters, selectors, services
from suppliers.follow_up.access import letter_template_for, request_for, require_template_write
from suppliers.follow_up.forms import LetterTemplateForm


@organization_required
@require_GET
def letter_template_list(request):
    return render(
        request,
        "suppliers/letter_template_list.html",
        {
            "groups": selectors.template_groups(request),
            "may_create": has_capability(request, Capability.FOLLOW_UP_CONTRACTS)
            or has_capability(request, Capability.EDIT_NATIONAL_LIBRARY),
            "may_edit_national": has_capability(request, Capability.EDIT_NATIONAL_LIBRARY),
            "may_edit_own": has_capability(request, Capability.FOLLOW_UP_CONTRACTS),
        },
    )


def _template_form(request, template=None, *, may_national: bool = False):
    """The form for a new template (national when allowed and ticked) or for changing one."""
    form = LetterTemplateForm(request.POST or None, instance=template, may_edit_national=may_national)
    if request.method == "POST" and form.is_valid():
        national = form.cleaned_data.get("national", False)
        if template is None:
            require_template_write(request, national=national)
        saved = services.save_letter_template(
            organization=request.organization,
            user=request.user,
            data=form.data_dict(),
            national=national,
            instance=template,
        )
        messages.success(request, _("Brevmalen «%(name)s» er lagret.") % {"name": saved.name})
        return redirect("suppliers:letter_template_list")
    return render(
        request,
        "suppliers/letter_template_form.html",
        {"form": form, "template": template, "placeholders": letters.PLACEHOLDERS},
    )


@organization_required
@require_http_methods(["GET", "POST"])
def letter_template_create(request):
    may_national = has_capability(request, Capability.EDIT_NATIONAL_LIBRARY)
    if not may_national:
        require_template_write(request, national=False)
    return _template_form(request, may_national=may_national)


@organization_required
@require_http_methods(["GET", "POST"])
def letter_template_edit(request, template_id):
    return _template_form(request, letter_template_for(request, template_id, write=True))


@organization_required
@require_POST
def request_pdf(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id)
    # A draft before «sendt»; afterwards the final letter, the same as the one e-mailed. Made by the worker.
    job = letter_pdf.order(request, req)
    return redirect("core:document_job", job_id=job.pk)
