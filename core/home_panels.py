"""Panels that other apps put on the start page.

Apps depend on core, never the other way round, so core cannot ask procurement
for "Mine anskaffelser"; procurement registers a panel here when it loads.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from core.roles import Capability


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Callable[[HttpRequest], dict]
    capability: Capability | None = None


_PANELS: list[HomePanel] = []


def register(panel: HomePanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def panels_for(request: HttpRequest) -> list[tuple[str, dict]]:
    """(template, context) for each panel the user's roles allow."""
    allowed = getattr(request, "capabilities", frozenset())
    return [(p.template, p.context(request)) for p in _PANELS if p.capability is None or p.capability in allowed]
