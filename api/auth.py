"""Token authentication, the organisation scope and the rate limit of the API.

A request carries `Authorization: Bearer <secret>` (or `Token <secret>`). The
token names one organisation; every view reads `request.auth.organization` and
nothing else, so another organisation's object is a 404 as on the pages. A
revoked or unknown token is a 401.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from api.models import ApiToken, digest

LAST_USED_RESOLUTION = timedelta(minutes=5)  # no write per request, only now and then


class TokenUser:
    """The caller: an organisation's token, not a person (there is no session and no role)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, token: ApiToken):
        self.token = token
        self.pk = None
        self.username = f"api:{token.prefix}"

    def __str__(self):
        return self.username


class OrganizationTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ugyldig Authorization-header: oppgi «Bearer <nøkkel>»."))
        secret = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("organization").filter(key_digest=digest(secret)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ukjent API-nøkkel."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("API-nøkkelen er trukket tilbake."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return TokenUser(token), token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class HasOrganizationToken(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken)


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests per token (per client address before authentication), counted in the cache."""

    scope = "token"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        ident = f"token-{request.auth.pk}" if isinstance(request.auth, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.OrganizationTokenAuthentication"
    name = "organisasjonsnokkel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "En API-nøkkel som organisasjonens administrator lager under Organisasjon → API-nøkler.",
        }
