from core.roles import Capability


def organization(request):
    return {
        "active_organization": getattr(request, "organization", None),
        "active_roles": getattr(request, "roles", frozenset()),
        "capabilities": {cap.name: cap in getattr(request, "capabilities", frozenset()) for cap in Capability},
    }
