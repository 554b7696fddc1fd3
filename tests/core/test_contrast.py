"""Colours we declare reach WCAG 2.1 AA contrast (4.5:1 for text) on their backgrounds.

The pairs are read from the stylesheets themselves: static/css/theme.css (the Bootstrap theme built from
Designsystemet's tokens) and static/css/app.css. A `var(--ds-…)` is resolved from the vendored
Designsystemet theme (static/vendor/designsystemet/theme.css, light colour scheme), so changing a colour,
or upgrading the tokens, re-runs the check.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

AA_TEXT = 4.5
STATIC = Path(settings.BASE_DIR) / "static"
WHITE = "#ffffff"
# Backgrounds of stock Bootstrap 5.3.9 that axe-core flagged before the theme.
BS_LIGHT = "#f8f9fa"
BS_DANGER_BG_SUBTLE = "#f8d7da"


def _hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), f"not a hex colour: {value!r}"
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _hex_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rules(css: str) -> dict[str, dict[str, str]]:
    """Selector (whitespace normalised) → its declarations; a selector declared twice merges."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for found, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        pairs = (d.split(":", 1) for d in body.split(";") if ":" in d)
        decls = {name.strip(): value.replace("!important", "").strip() for name, value in pairs}
        rules.setdefault(" ".join(found.split()), {}).update(decls)
    return rules


@cache
def tokens() -> dict[str, str]:
    """Designsystemet's light-scheme tokens plus our :root (theme.css, then app.css)."""
    theme = (STATIC / "vendor" / "designsystemet" / "theme.css").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for layer in ("ds.theme.color-scheme.light", "ds.theme.color", "ds.theme.size", "ds.theme.typography.primary"):
        start = theme.find(f"@layer {layer} {{")
        if start >= 0:
            block = theme[start : theme.find("\n}\n", start)]
            for name, value in re.findall(r"(--ds-[\w-]+):\s*([^;]+);", block):
                found.setdefault(name, value.strip())
    for sheet in ("theme.css", "app.css"):
        found.update(_rules(_sheet(sheet)).get(":root", {}))
    return found


@cache
def _sheet(name: str) -> str:
    return (STATIC / "css" / name).read_text(encoding="utf-8")


@cache
def declarations(selector: str) -> dict[str, str]:
    for sheet in ("theme.css", "app.css"):
        rule = _rules(_sheet(sheet)).get(selector)
        if rule is not None:
            return rule
    raise AssertionError(f"no rule for {selector} in theme.css or app.css")


def resolve(value: str, rule: dict[str, str] | None = None) -> str:
    """A colour value with every var() followed to its hex value (in the rule, then :root, then the tokens)."""
    rule = rule or {}
    for _ in range(10):
        match = re.fullmatch(r"var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)", value.strip())
        if not match:
            break
        name, fallback = match.groups()
        value = rule.get(name) or tokens().get(name) or fallback or ""
        assert value, f"{name} is not defined"
    if value.startswith("--"):
        return resolve(f"var({value})", rule)
    assert value.startswith("#"), f"not a colour: {value!r}"
    return value


def pair(selector: str, fg: str, bg: str) -> tuple[str, str]:
    rule = declarations(selector)
    colour = resolve(rule.get(fg, fg), rule)
    background = resolve(rule.get(bg, bg), rule)
    return colour, background


def test_contrast_formula_matches_the_known_failures_on_stock_bootstrap():
    # axe-core reported these two on every page (4.44:1 and 3.36:1); the formula must flag them.
    assert 4.4 < contrast("#6c757d", BS_LIGHT) < AA_TEXT
    assert 3.3 < contrast("#0d6efd", BS_DANGER_BG_SUBTLE) < AA_TEXT
    assert round(contrast("#000000", WHITE), 2) == 21


def test_tokens_come_from_the_vendored_designsystemet_theme():
    assert tokens()["--ds-color-accent-base-default"].lower() == "#0062ba"  # Digdir's blue
    assert resolve("var(--bs-primary)") == tokens()["--ds-color-accent-base-default"]


def test_bootstraps_rgb_variables_equal_the_tokens_they_name():
    """Bootstrap needs literal "r, g, b" numbers; each one says which token it copies."""
    css = _sheet("theme.css")
    copies = re.findall(r"(--bs-[\w-]+-rgb):\s*([\d,\s]+);\s*/\*\s*(--ds-[\w-]+)", css)
    assert len(copies) >= 8
    for name, rgb, token in copies:
        assert tuple(int(c) for c in rgb.split(",")) == _hex_rgb(resolve(f"var({token})")), name


PAGE_BACKGROUNDS = ["--bs-body-bg", "--bs-tertiary-bg"]  # white, and the tinted context bar / footer / empty state
TEXT_ON_PAGE = [
    "--bs-body-color",
    "--bs-secondary-color",
    "--bs-link-color",
    "--bs-link-hover-color",
    "--bs-form-invalid-color",
    "--bs-form-valid-color",
]


@pytest.mark.parametrize("background", PAGE_BACKGROUNDS)
@pytest.mark.parametrize("colour", TEXT_ON_PAGE)
def test_page_text_reaches_aa(colour, background):
    fg, bg = pair(":root", colour, background)
    assert contrast(fg, bg) >= AA_TEXT, f"{colour} {fg} on {background} {bg}: {contrast(fg, bg):.2f}:1"


@pytest.mark.parametrize("name", ["success", "danger", "info", "secondary", "primary"])
def test_text_utility_colours_reach_aa_on_white(name):
    rgb = tokens()[f"--bs-{name}-rgb"]
    colour = "#" + "".join(f"{int(c):02x}" for c in rgb.split(","))
    assert contrast(colour, WHITE) >= AA_TEXT, f".text-{name} {colour}: {contrast(colour, WHITE):.2f}:1"


BUTTONS = [
    ".btn-primary",
    ".btn-secondary",
    ".btn-success",
    ".btn-danger",
    ".btn-outline-primary",
    ".btn-outline-secondary",
    ".btn-outline-success",
    ".btn-outline-danger",
]


@pytest.mark.parametrize("state", ["", "hover-", "active-"])
@pytest.mark.parametrize("selector", BUTTONS)
def test_buttons_reach_aa(selector, state):
    rule = declarations(selector)
    bg_value = rule.get(f"--bs-btn-{state}bg", "transparent")
    # An outline button has no background of its own: it sits on white or on the tinted context bar.
    backgrounds = PAGE_BACKGROUNDS if bg_value == "transparent" else [f"--bs-btn-{state}bg"]
    for background in backgrounds:
        fg, bg = pair(selector, f"--bs-btn-{state}color", background)
        assert contrast(fg, bg) >= AA_TEXT, f"{selector} {state or 'rest'}: {fg} on {bg}: {contrast(fg, bg):.2f}:1"


@pytest.mark.parametrize("background", PAGE_BACKGROUNDS)
def test_link_buttons_reach_aa(background):
    for state in ("", "hover-"):
        fg, bg = pair(".btn-link", f"--bs-btn-{state}color", background)
        assert contrast(fg, bg) >= AA_TEXT


@pytest.mark.parametrize(
    "selector",
    [
        ".alert-info",
        ".alert-success",
        ".alert-warning",
        ".alert-danger",
        ".alert-primary",
        ".alert-secondary, .alert-light",
    ],
)
def test_alert_text_and_links_reach_aa(selector):
    for colour in ("--bs-alert-color", "--bs-alert-link-color"):
        fg, bg = pair(selector, colour, "--bs-alert-bg")
        assert contrast(fg, bg) >= AA_TEXT, f"{selector} {colour}: {fg} on {bg}: {contrast(fg, bg):.2f}:1"


def test_links_in_alerts_use_the_alerts_link_colour():
    assert declarations(".alert a:not(.btn)")["color"] == "var(--bs-alert-link-color)"


@pytest.mark.parametrize("name", ["primary", "secondary", "light", "info", "success", "warning", "danger"])
def test_badges_reach_aa(name):
    fg, bg = pair(f".text-bg-{name}", "color", "background-color")
    assert contrast(fg, bg) >= AA_TEXT, f".text-bg-{name}: {fg} on {bg}: {contrast(fg, bg):.2f}:1"


@pytest.mark.parametrize(
    ("selector", "colour", "background"),
    [
        (".site-header .navbar", "--bs-navbar-color", "--ds-color-neutral-background-default"),
        (".site-header .navbar", "--bs-navbar-active-color", "--ds-color-neutral-background-default"),
        (".site-header .navbar", "--bs-navbar-brand-color", "--ds-color-neutral-background-default"),
        (".site-footer", "color", "background"),
        (".site-footer a", "color", "--ds-color-neutral-background-tinted"),
        (".skip-link", "color", "background"),
        (".table", "--bs-table-color", "--bs-table-hover-bg"),
        (".table", "--bs-table-color", "--bs-table-striped-bg"),
        (".nav-pills", "--bs-nav-pills-link-active-color", "--bs-nav-pills-link-active-bg"),
        (".pagination", "--bs-pagination-color", "--ds-color-neutral-background-default"),
        (".pagination", "--bs-pagination-hover-color", "--bs-pagination-hover-bg"),
        (".nav", "--bs-nav-link-color", "--ds-color-neutral-background-default"),
        (".risk-lav", "color", "background"),
        (".risk-middels", "color", "background"),
        (".risk-hoy", "color", "background"),
    ],
)
def test_component_colours_reach_aa(selector, colour, background):
    fg, bg = pair(selector, colour, background)
    assert contrast(fg, bg) >= AA_TEXT, f"{selector} {colour}: {fg} on {bg}: {contrast(fg, bg):.2f}:1"


def test_table_header_text_reaches_aa():
    rule = declarations(".table > thead > tr > th, .table > thead > tr > td")
    bg = resolve(rule["background-color"])
    assert contrast(resolve("var(--bs-body-color)"), bg) >= AA_TEXT
