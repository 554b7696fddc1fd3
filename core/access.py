"""Tenant scoping and permission checks, in one place.

Every view gets its objects through these helpers: an object that belongs to
another organisation is a 404 (its existence is not revealed), an action the
user's roles do not allow is a 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.models import DocumentJob, Invitation, Membership
from core.roles import Capability, Role

ACTIVE_ORG_SESSION_KEY = "active_organization_id"

# URL names a read-only member may still POST to: they change the member's own
# session or account, never the organisation's data.
READ_ONLY_ALLOWED_POSTS = frozenset(
    {
        "logout",
        "set_language",
        "password_change",
        "core:switch_organization",
        # Ordering a PDF of what the member may read (a letter, a report) writes only the
        # job row the page polls; retrying a failed one likewise.
        "core:document_job_retry",
        "suppliers:request_pdf",
        "battery_chain:product_report",
        "reporting:report_pdf",
        "procurement:evaluation:award_letter",
    }
)


def scoped(request, queryset_or_model, org_field: str = "organization") -> QuerySet:
    """Limit a queryset to the active organisation."""
    qs = queryset_or_model._default_manager.all() if isinstance(queryset_or_model, type) else queryset_or_model
    if request.organization is None:
        return qs.none()
    return qs.filter(**{org_field: request.organization})


def get_for_org(request, queryset_or_model, org_field: str = "organization", **lookup) -> Model:
    """Fetch one object of the active organisation, or raise 404."""
    return get_object_or_404(scoped(request, queryset_or_model, org_field), **lookup)


def has_capability(request, capability: Capability) -> bool:
    return capability in getattr(request, "capabilities", frozenset())


def require_capability(request, capability: Capability) -> None:
    if not has_capability(request, capability):
        raise PermissionDenied(_("Du har ikke tilgang til å gjøre dette i denne organisasjonen."))


def is_read_only(request) -> bool:
    """A member whose only role here is lesetilgang."""
    roles = getattr(request, "roles", frozenset())
    return bool(roles) and roles <= {Role.READ_ONLY}


def organization_required(view):
    """The view needs an active organisation; users without one see how to get one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def capability_required(capability: Capability):
    def decorator(view):
        @wraps(view)
        @organization_required
        def wrapper(request, *args, **kwargs):
            require_capability(request, capability)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def not_found_unless(condition: bool) -> None:
    if not condition:
        raise Http404


# ------------------------------------------------------------ core's own objects in URLs


def invitation_for(request, pk: int) -> Invitation:
    """An open invitation of the active organisation (an accepted one is gone: 404)."""
    return get_for_org(request, Invitation, pk=pk, accepted_at__isnull=True)


def membership_for(request, pk: int) -> Membership:
    return get_for_org(request, Membership.objects.select_related("user"), pk=pk)


def document_job_for(request, pk: int) -> DocumentJob:
    """An ordered PDF of the active organisation whose source the user may still see (else 404)."""
    from core.documents import kind_of

    job = get_for_org(request, DocumentJob.objects.select_related("requested_by"), pk=pk)
    kind_of(job).check(request, job)
    return job
