from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core.access import ACTIVE_ORG_SESSION_KEY, READ_ONLY_ALLOWED_POSTS, is_read_only
from core.models import Membership
from core.roles import capabilities_for


class ActiveOrganizationMiddleware:
    """Sets request.organization, request.roles and request.capabilities.

    The active organisation is kept in the session; it falls back to the
    user's first organisation. One query per request, whatever the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.organization = None
        request.roles = frozenset()
        request.capabilities = frozenset()
        if request.user.is_authenticated:
            memberships = list(Membership.objects.filter(user=request.user).select_related("organization"))
            request.memberships = memberships
            organizations = {m.organization_id: m.organization for m in memberships}
            active_id = request.session.get(ACTIVE_ORG_SESSION_KEY)
            if active_id not in organizations and memberships:
                active_id = memberships[0].organization_id
            if active_id in organizations:
                request.organization = organizations[active_id]
                request.roles = frozenset(m.role for m in memberships if m.organization_id == active_id)
                request.capabilities = capabilities_for(
                    request.roles, national_library=request.organization.is_national_library
                )
        request.user_organizations = SimpleLazyObject(
            lambda: sorted({m.organization for m in request.memberships}, key=lambda o: o.name)
        )
        return self.get_response(request)


class ReadOnlyRoleMiddleware:
    """Refuses every write by a read-only member, whatever the view forgets."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.SAFE_METHODS and is_read_only(request):
            try:
                url_name = resolve(request.path_info).view_name
            except Resolver404:
                url_name = None
            if url_name not in READ_ONLY_ALLOWED_POSTS:
                raise PermissionDenied(_("Du har bare lesetilgang i denne organisasjonen."))
        return self.get_response(request)


class LanguageMiddleware:
    """Bokmål unless the user chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an
    officer with an English browser would get English without asking; the
    product's language is Norwegian and English is an explicit choice (cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
