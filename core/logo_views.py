"""The organisation's logo page: upload, replace and remove (with confirmation), and the image for members.

Thin: the file is checked by core.logos, written by core.services; the image is
fetched through the active organisation, so another organisation's logo is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import logos, services
from core.access import capability_required, get_for_org, organization_required, scoped
from core.forms import LogoForm
from core.http import confirm, refuse
from core.models import OrganizationLogo
from core.roles import Capability


@capability_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def logo(request):
    current = scoped(request, OrganizationLogo).first()
    posted = request.method == "POST"
    form = LogoForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        checked = form.cleaned_data["image"]
        if current is not None:
            # Replacing is confirmed first; the checked file waits server-side until then.
            logos.hold(request, checked)
            return redirect("core:logo_replace")
        services.set_logo(organization=request.organization, user=request.user, checked=checked)
        messages.success(request, _("Logoen er lagret. Den brukes i konkurransegrunnlag og tildelingsbrev."))
        return redirect("core:logo")
    return render(
        request,
        "core/logo.html",
        {"form": form, "logo": current, "max_size": settings.LOGO_MAX_BYTES, "max_side": logos.MAX_SIDE},
    )


@capability_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def logo_replace(request):
    waiting = logos.held(request)
    if waiting is None:
        messages.error(request, _("Det finnes ingen ny logo som venter. Last opp filen på nytt."))
        return redirect("core:logo")
    if request.method == "POST":
        services.set_logo(organization=request.organization, user=request.user, checked=waiting)
        logos.discard(request)
        messages.success(request, _("Logoen er erstattet."))
        return redirect("core:logo")
    return confirm(
        request,
        title=_("Erstatte logoen?"),
        question=_(
            "«%(name)s» (%(w)s × %(h)s piksler) erstatter den gjeldende logoen i alle dokumenter som lages fra nå av."
        )
        % {"name": waiting.original_name, "w": waiting.image.width, "h": waiting.image.height},
        confirm_label=_("Erstatt logoen"),
        cancel_url=reverse("core:logo"),
        danger=False,
    )


@capability_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def logo_remove(request):
    if not scoped(request, OrganizationLogo).exists():
        messages.info(request, _("Organisasjonen har ingen logo."))
        return redirect("core:logo")
    if request.method == "POST":
        try:
            services.remove_logo(organization=request.organization, user=request.user)
        except ValidationError as exc:
            return refuse(request, exc, "core:logo")
        messages.success(request, _("Logoen er fjernet."))
        return redirect("core:logo")
    return confirm(
        request,
        title=_("Fjerne logoen?"),
        question=_("Dokumenter som lages fra nå av, får ingen logo. Dokumenter som allerede er laget, endres ikke."),
        confirm_label=_("Fjern logoen"),
        cancel_url=reverse("core:logo"),
    )


@organization_required
@require_GET
def logo_image(request, logo_id):
    """The logo for the organisation's own members; another organisation's logo is a 404."""
    found = get_for_org(request, OrganizationLogo, pk=logo_id)
    try:
        handle = found.image.open("rb")
    except OSError:
        raise Http404 from None  # the row outlived its file (restored backup); core.logos logs it for documents
    response = FileResponse(handle, content_type="image/png")
    response["Content-Disposition"] = 'inline; filename="logo.png"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
