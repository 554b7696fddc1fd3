"""Letter templates (national and the organisation's own) and the letter as PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import has_capability, organization_required
from core.roles import Capability
from suppliers.case_views.common import case_of, request_in
from suppliers.follow_up import letter_pdf
from suppliers.forms_cases import LetterTemplateForm
from suppliers.models import LetterTemplate, RequestType
from suppliers.requests import PLACEHOLDERS


def _visible_templates(request):
    return LetterTemplate.objects.filter(Q(organization__isnull=True) | Q(organization=request.organization))


def _require_template_write(request, national: bool) -> None:
    needed = Capability.EDIT_LIBRARY if national else Capability.FOLLOW_UP_CONTRACTS
    if not has_capability(request, needed):
        if national:
            raise PermissionDenied(_("Bare biblioteksredaktører kan endre nasjonale brevmaler."))
        raise PermissionDenied(_("Bare kontraktsoppfølgere kan endre organisasjonens brevmaler."))


@organization_required
@require_GET
def letter_template_list(request):
    templates = _visible_templates(request).order_by("request_type", "organization", "name")
    groups = [(label, [t for t in templates if t.request_type == value]) for value, label in RequestType.choices]
    return render(
        request,
        "suppliers/letter_template_list.html",
        {
            "groups": groups,
            "may_create": has_capability(request, Capability.FOLLOW_UP_CONTRACTS)
            or has_capability(request, Capability.EDIT_LIBRARY),
            "may_edit_national": has_capability(request, Capability.EDIT_LIBRARY),
            "may_edit_own": has_capability(request, Capability.FOLLOW_UP_CONTRACTS),
        },
    )


@organization_required
@require_http_methods(["GET", "POST"])
def letter_template_create(request):
    may_national = has_capability(request, Capability.EDIT_LIBRARY)
    if not may_national:
        _require_template_write(request, national=False)
    form = LetterTemplateForm(request.POST or None, may_edit_national=may_national)
    if request.method == "POST" and form.is_valid():
        national = form.cleaned_data.get("national", False)
        _require_template_write(request, national=national)
        template = form.save(commit=False)
        template.organization = None if national else request.organization
        template.save()
        messages.success(request, _("Brevmalen «%(name)s» er lagret.") % {"name": template.name})
        return redirect("suppliers:letter_template_list")
    return render(
        request, "suppliers/letter_template_form.html", {"form": form, "template": None, "placeholders": PLACEHOLDERS}
    )


@organization_required
@require_http_methods(["GET", "POST"])
def letter_template_edit(request, template_id):
    template = get_object_or_404(_visible_templates(request), pk=template_id)
    _require_template_write(request, national=template.organization_id is None)
    form = LetterTemplateForm(request.POST or None, instance=template, may_edit_national=False)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Brevmalen «%(name)s» er lagret.") % {"name": template.name})
        return redirect("suppliers:letter_template_list")
    return render(
        request,
        "suppliers/letter_template_form.html",
        {"form": form, "template": template, "placeholders": PLACEHOLDERS},
    )


@organization_required
@require_GET
def request_pdf(request, case_id, request_id):
    case = case_of(request, case_id)
    req = request_in(case, request_id)
    # A draft before «sendt»; afterwards the final letter, the same as the one e-mailed.
    pdf = letter_pdf.render_letter(req)
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter_pdf.filename(req)}"'
    return response
