"""What other apps put on the start page: panels with live content, and tiles that lead into the app.

Apps depend on core, never the other way round, so core cannot ask procurement
for "Mine anskaffelser" or link to it; procurement registers its panel and its
tile here when it loads (AppConfig.ready).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

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


@dataclass(frozen=True)
class HomeTile:
    """A card on the start page: what the app is for, and a button into it."""

    title: str
    text: str
    url_name: str
    button: str
    capability: Capability | None = None  # None: every member sees it
    position: int = 100  # lower comes first; the main daily work before the reference pages
    primary: bool = True  # a filled button for the roles' own work, an outline for what everyone may look at

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_TILES: list[HomeTile] = []


def register_tile(tile: HomeTile) -> None:
    if tile not in _TILES:
        _TILES.append(tile)


def tiles_for(request: HttpRequest) -> list[HomeTile]:
    allowed = getattr(request, "capabilities", frozenset())
    return sorted((t for t in _TILES if t.capability is None or t.capability in allowed), key=lambda t: t.position)
