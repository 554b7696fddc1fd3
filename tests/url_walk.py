"""Every URL pattern of the project, for tests that must cover new URLs automatically.

Object URLs are filled with objects made by builders that each app's tests
register in `tests/<app>/objects.py` as OBJECT_BUILDERS = {param_name: builder}.
A builder takes (organization, ctx) and returns the URL value of an object that
belongs to that organisation; ctx is shared by the builders of one URL so that
nested objects (a requirement inside a procurement) can belong together.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Outside tenant scoping by design: Django admin (superusers only), token links
# handed out by e-mail, and the auth framework's own views.
EXEMPT_NAMESPACES = {"admin", "api"}  # the API authenticates by token: tests/api/test_isolation.py walks it
EXEMPT_NAMES = {
    "core:accept_invitation",  # the token is the secret; tested in test_invitations
    # The supplier answer page: the e-mailed token is the secret (one request, hashed, expiring,
    # revocable, rate-limited); isolation tested in tests/suppliers/test_answer_page_tokens.py.
    "answer_page:answer",
    "answer_page:upload",
    "answer_page:remove_file",
    "answer_page:extension",
    "answer_page:refusal",
    "password_reset_confirm",  # uidb64 + token, Django's own
}

# National reference data, the same for every organisation: not another organisation's
# object (so no 404), but only the national library's editors may change it. The walk in
# tests/core/test_national_routes.py proves that every other organisation's members get 403.
NATIONAL_NAMES = {
    "battery_chain:material_edit",
    "battery_chain:material_risk_edit",
    "battery_chain:country_edit",
    "battery_chain:share_edit",
    "battery_chain:share_delete",
    "battery_chain:content_edit",
}

# Views anyone may open without logging in.
PUBLIC_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "favicon",
    "core:accessibility",
    "set_language",
    "core:accept_invitation",
    # Suppliers answer without an account (see EXEMPT_NAMES above).
    "answer_page:answer",
    "answer_page:upload",
    "answer_page:remove_file",
    "answer_page:extension",
    "answer_page:refusal",
}


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]

    def url(self, values: dict | None = None) -> str:
        return reverse(self.name, kwargs=values or None)


def _walk(patterns, namespace: str | None, inherited: tuple[str, ...]):
    for entry in patterns:
        params = inherited + tuple(getattr(entry.pattern, "converters", {}).keys())
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns and ns.split(":")[0] in EXEMPT_NAMESPACES:
                continue
            child_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry.url_patterns, child_ns, params)
        elif isinstance(entry, URLPattern):
            if not entry.name:
                raise AssertionError(f"URL pattern {entry.pattern} has no name; every URL needs one")
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name=name, params=params)


def routes_in(namespace: str) -> list[Route]:
    """Every route of one namespace, even an exempt one (for the API's own walk)."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace:
            params = tuple(getattr(entry.pattern, "converters", {}).keys())
            return sorted(_walk(entry.url_patterns, namespace, params), key=lambda r: r.name)
    raise AssertionError(f"No URL namespace {namespace}")


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, None, ()):
        seen.setdefault(route.name, route)
    return sorted(seen.values(), key=lambda r: r.name)


# URL parameters that name no object of an organisation (a format, an indicator
# key, a year, a status): a route with only these shows the active organisation's
# own data, so an outsider gets a page of their own, not a 404.
VALUE_PARAMS = {"fmt", "key", "year", "to_status"}


def _names_objects(route: Route) -> bool:
    return bool(set(route.params) - VALUE_PARAMS)


def object_routes() -> list[Route]:
    return [r for r in all_routes() if _names_objects(r) and r.name not in EXEMPT_NAMES | NATIONAL_NAMES]


def national_routes() -> list[Route]:
    return [r for r in all_routes() if r.name in NATIONAL_NAMES]


def plain_routes() -> list[Route]:
    return [r for r in all_routes() if not _names_objects(r)]


# The URL parameters that lead to a supplier shared across organisations, or to something one
# organisation keeps about it. tests/suppliers/test_shared_supplier_walk.py posts to every route
# that takes one of them as another organisation that has the same supplier in its register.
SHARED_SUPPLIER_PARAMS = {"supplier_id", "contact_id", "certificate_id"}


def shared_supplier_routes() -> list[Route]:
    return [r for r in all_routes() if set(r.params) & SHARED_SUPPLIER_PARAMS and r.name not in EXEMPT_NAMES]


def object_builders() -> dict:
    builders: dict = {}
    for objects_file in sorted(Path(__file__).parent.glob("*/objects.py")):
        module = importlib.import_module(f"tests.{objects_file.parent.name}.objects")
        overlap = builders.keys() & module.OBJECT_BUILDERS.keys()
        assert not overlap, f"URL parameter(s) {overlap} have builders in two apps"
        builders.update(module.OBJECT_BUILDERS)
    return builders


def url_for(route: Route, organization) -> str:
    """The route's URL filled with objects that belong to `organization`."""
    builders = object_builders()
    ctx: dict = {}
    values = {}
    for param in route.params:
        if param not in builders:
            raise AssertionError(
                f"No object builder for URL parameter '{param}' of {route.name}: "
                f"add one to OBJECT_BUILDERS in tests/<app>/objects.py"
            )
        values[param] = builders[param](organization, ctx)
    return route.url(values)
