"""Letter templates (national, the organisation's own, and those shared with it), their sharing, and the letter as PDF."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import has_capability, organization_required
from core.concurrency import save_or_conflict
from core.forms import ShareWithForm
from core.http import attempt, confirm
from core.roles import Capability
from suppliers.follow_up import letter_pdf, letters, selectors, services
from suppliers.follow_up.access import (
    letter_template_for,
    request_for,
    require_template_write,
    template_share_for,
    template_to_share,
)
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
    conflict = None
    if request.method == "POST" and form.is_valid():
        national = form.cleaned_data.get("national", False)
        if template is None:
            require_template_write(request, national=national)
        outcome = save_or_conflict(
            form,
            lambda: services.save_letter_template(
                organization=request.organization,
                user=request.user,
                data=form.data_dict(),
                national=national,
                instance=template,
                version=form.submitted_version(),
            ),
            may_edit_national=may_national,
        )
        if outcome.conflict is None:
            messages.success(request, _("Brevmalen «%(name)s» er lagret.") % {"name": outcome.result.name})
            return redirect("suppliers:letter_template_list")
        form, conflict = outcome.form, outcome.conflict
    return render(
        request,
        "suppliers/letter_template_form.html",
        {"form": form, "template": template, "placeholders": letters.PLACEHOLDERS, "conflict": conflict},
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
@require_http_methods(["GET", "POST"])
def letter_template_share(request, template_id):
    template = template_to_share(request, template_id)
    shares = list(template.shares.select_related("organization", "shared_by"))
    form = ShareWithForm(
        request.POST or None, owner_id=template.organization_id, already=[s.organization_id for s in shares]
    )
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form,
            lambda: services.share_letter_template(
                template=template, organization=form.cleaned_data["organization"], user=request.user
            ),
        )
        if created is not None:
            messages.success(
                request,
                _("Brevmalen «%(name)s» er delt med %(org)s. De kan bruke den, men ikke endre den.")
                % {"name": template.name, "org": created.organization.name},
            )
            return redirect("suppliers:letter_template_share", template_id=template.pk)
    return render(
        request, "suppliers/letter_template_share.html", {"template": template, "shares": shares, "form": form}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def letter_template_unshare(request, template_id, template_share_id):
    share = template_share_for(request, template_share_id, template_id=template_id)
    template = share.template
    if request.method == "POST":
        services.revoke_letter_template_share(share=share, user=request.user)
        messages.success(
            request,
            _("%(org)s kan ikke lenger bruke brevmalen «%(name)s».")
            % {"org": share.organization.name, "name": template.name},
        )
        return redirect("suppliers:letter_template_share", template_id=template.pk)
    return confirm(
        request,
        title=_("Slutte å dele brevmalen?"),
        question=_(
            "%(org)s kan ikke lenger velge brevmalen «%(name)s». Brev de allerede har laget av den, beholder teksten."
        )
        % {"org": share.organization.name, "name": template.name},
        confirm_label=_("Slutt å dele"),
        cancel_url=reverse("suppliers:letter_template_share", args=[template.pk]),
    )


@organization_required
@require_POST
def request_pdf(request, case_id, request_id):
    req = request_for(request, request_id, case_id=case_id)
    # A draft before «sendt»; afterwards the final letter, the same as the one e-mailed. Made by the worker.
    job = letter_pdf.order(request, req)
    return redirect("core:document_job", job_id=job.pk)
