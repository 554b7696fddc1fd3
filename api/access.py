"""How the token page gets its objects: the active organisation's own tokens only (another's is a 404)."""

from api.models import ApiToken
from core.access import get_for_org, require_capability
from core.roles import Capability


def token_for(request, pk: int, *, write: bool = False) -> ApiToken:
    """An active (not revoked) token of the active organisation."""
    token = get_for_org(request, ApiToken, pk=pk, revoked_at__isnull=True)
    if write:
        require_capability(request, Capability.MANAGE_MEMBERS)
    return token
