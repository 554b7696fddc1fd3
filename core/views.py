import dataclasses
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import audit, health, home_panels, services
from core.access import (
    ACTIVE_ORG_SESSION_KEY,
    capability_required,
    invitation_for,
    membership_for,
    organization_required,
    scoped,
)
from core.concurrency import StaleEdit, conflict_rows, rebound_with_current_version
from core.forms import AcceptInvitationForm, ActivityFilterForm, InvitationForm, OrganizationSettingsForm
from core.http import PAGE_PARAM, confirm, paginate
from core.models import Invitation, Membership
from core.roles import Capability

ACTIVITY_PAGE_SIZE = 50
# Without a from-date the feed reads (and counts) this many days back: counting every
# history row of every tracked table grows with the organisation's whole history.
ACTIVITY_WINDOW_DAYS = 90


@organization_required
def home(request):
    return render(
        request,
        "core/home.html",
        {"panels": home_panels.panels_for(request), "tiles": home_panels.tiles_for(request)},
    )


@require_POST
def switch_organization(request):
    try:
        org_id = int(request.POST.get("organization", ""))
    except ValueError:
        raise Http404 from None
    if not any(m.organization_id == org_id for m in request.memberships):
        raise Http404
    request.session[ACTIVE_ORG_SESSION_KEY] = org_id
    target = request.POST.get("next") or reverse("core:home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("core:home")
    return redirect(target)


@capability_required(Capability.MANAGE_MEMBERS)
def members(request):
    memberships = (
        scoped(request, Membership)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    invitations = scoped(request, Invitation).filter(accepted_at__isnull=True)
    return render(
        request,
        "core/members.html",
        {"memberships": memberships, "invitations": invitations, "form": InvitationForm()},
    )


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def organization_settings(request):
    form = OrganizationSettingsForm(request.POST if request.method == "POST" else None, instance=request.organization)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization_settings(
                organization=request.organization,
                user=request.user,
                data=form.data_dict(),
                version=form.submitted_version(),
            )
        except StaleEdit as stale:
            # Another administrator saved meanwhile: show both; saving again overwrites on purpose.
            conflict = conflict_rows(form, stale.current)
            form = rebound_with_current_version(OrganizationSettingsForm, form, stale.current)
            form.is_valid()
        else:
            messages.success(request, _("Innstillingene er lagret."))
            return redirect("core:organization_settings")
    return render(request, "core/organization_settings.html", {"form": form, "conflict": conflict})


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                organization=request.organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                accept_url_builder=lambda inv: request.build_absolute_uri(
                    reverse("core:accept_invitation", args=[inv.token])
                ),
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(request, _("Invitasjon sendt til %(email)s.") % {"email": invitation.email})
            return redirect("core:members")
    return render(request, "core/invite.html", {"form": form})


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def cancel_invitation(request, invitation_id):
    invitation = invitation_for(request, invitation_id)
    if request.method == "POST":
        services.cancel_invitation(invitation=invitation, user=request.user)
        messages.success(request, _("Invitasjonen til %(email)s er trukket tilbake.") % {"email": invitation.email})
        return redirect("core:members")
    return confirm(
        request,
        title=_("Trekke tilbake invitasjonen?"),
        question=_("Invitasjonen til %(email)s slutter å virke.") % {"email": invitation.email},
        confirm_label=_("Trekk tilbake"),
        cancel_url=reverse("core:members"),
    )


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def remove_membership(request, membership_id):
    membership = membership_for(request, membership_id)
    if request.method == "POST":
        try:
            services.remove_membership(membership=membership, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("%(user)s har ikke lenger rollen %(role)s.")
                % {
                    "user": membership.user.get_full_name() or membership.user.username,
                    "role": membership.get_role_display(),
                },
            )
        return redirect("core:members")
    return confirm(
        request,
        title=_("Fjerne rollen?"),
        question=_("%(user)s mister rollen %(role)s i %(org)s.")
        % {
            "user": membership.user.get_full_name() or membership.user.username,
            "role": membership.get_role_display(),
            "org": request.organization.name,
        },
        confirm_label=_("Fjern rollen"),
        cancel_url=reverse("core:members"),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    if not invitation.is_open:
        return render(request, "core/invitation_closed.html", {"invitation": invitation}, status=410)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=request.user)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return redirect("core:home")
            request.session[ACTIVE_ORG_SESSION_KEY] = invitation.organization_id
            messages.success(request, _("Du er nå medlem av %(org)s.") % {"org": invitation.organization.name})
            return redirect("core:home")
        return render(request, "core/accept_invitation.html", {"invitation": invitation})
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_and_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[ACTIVE_ORG_SESSION_KEY] = invitation.organization_id
            messages.success(
                request, _("Velkommen! Du er nå medlem av %(org)s.") % {"org": invitation.organization.name}
            )
            return redirect("core:home")
    return render(request, "core/accept_invitation.html", {"invitation": invitation, "form": form})


@organization_required
@require_GET
def activity(request):
    tracked = audit.tracked_models()
    form = ActivityFilterForm(request.GET or None, organization=request.organization, tracked=tracked)
    flt = audit.ActivityFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = audit.ActivityFilter(
            user_id=data.get("user"),
            model_key=data.get("model") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    window_start = None
    if flt.date_from is None:
        window_start = timezone.localdate() - timedelta(days=ACTIVITY_WINDOW_DAYS)
        flt = dataclasses.replace(flt, date_from=window_start)
    # The feed reads the asked-for page together with the count (one statement over
    # the history tables); the paginator only re-reads when that page does not exist.
    asked = request.GET.get(PAGE_PARAM, "")
    offset = (int(asked) - 1) * ACTIVITY_PAGE_SIZE if asked.isdigit() and int(asked) > 0 else 0
    feed = audit.ActivityFeed(request.organization, flt, offset=offset, limit=ACTIVITY_PAGE_SIZE)
    listing = paginate(request, feed, ACTIVITY_PAGE_SIZE)
    records, total = list(listing["page"].object_list), feed.count()
    return render(
        request,
        "core/activity.html",
        {"form": form, "records": records, "total": total, "window_start": window_start, **listing},
    )


@login_not_required
@never_cache
@require_GET
def healthz(request):
    status = {"database": health.database_status(), "broker": health.broker_status()}
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "eager"}
    return JsonResponse({"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503)
