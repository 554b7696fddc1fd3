"""How a reporting view gets an entered value: the active organisation's own, else 404."""

from core.access import get_for_org, require_capability
from core.roles import Capability
from reporting.models import EnteredValue


def entered_value_for(request, pk: int, *, write: bool = False) -> EnteredValue:
    value = get_for_org(request, EnteredValue, pk=pk)
    if write:
        require_capability(request, Capability.ENTER_INDICATORS)
    return value
