from core.access import get_for_org, require_capability
from core.roles import Capability
from procurement.models import Procurement


def procurement_for(request, procurement_id: int) -> Procurement:
    return get_for_org(request, Procurement.objects.select_related("category", "responsible"), pk=procurement_id)


def require_write(request) -> None:
    require_capability(request, Capability.EDIT_PROCUREMENTS)
