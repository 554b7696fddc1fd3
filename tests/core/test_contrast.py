"""Colours we declare in static/css/app.css reach WCAG 2.1 AA contrast (4.5:1) on their backgrounds.

The rules are read from the stylesheet itself, so changing a colour there re-runs the check.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

AA_TEXT = 4.5
# Backgrounds from the vendored Bootstrap 5.3.9 (static/vendor/bootstrap-5.3.9/bootstrap.min.css).
WHITE = "#ffffff"
BG_LIGHT = "#f8f9fa"  # .bg-light (the context bar under the header) and .empty-state
DANGER_BG_SUBTLE = "#f8d7da"  # --bs-danger-bg-subtle, the background of .alert-danger


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


def _declarations(selector: str) -> dict[str, str]:
    """The declarations of the rule in app.css whose selector is exactly `selector`."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for found, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if " ".join(found.split()) == selector:
            pairs = (d.split(":", 1) for d in body.split(";") if ":" in d)
            return {name.strip(): value.strip() for name, value in pairs}
    raise AssertionError(f"app.css has no rule for {selector}")


def test_contrast_formula_matches_the_known_failures_on_stock_bootstrap():
    # axe-core reported these two on every page (4.44:1 and 3.36:1); the formula must flag them.
    assert 4.4 < contrast("#6c757d", BG_LIGHT) < AA_TEXT
    assert 3.3 < contrast("#0d6efd", DANGER_BG_SUBTLE) < AA_TEXT
    assert round(contrast("#000000", WHITE), 2) == 21


@pytest.mark.parametrize(
    ("colour", "background"),
    [
        ("--bs-btn-color", WHITE),
        ("--bs-btn-color", BG_LIGHT),
        ("--bs-btn-hover-color", "--bs-btn-hover-bg"),
        ("--bs-btn-active-color", "--bs-btn-active-bg"),
    ],
)
def test_outline_secondary_button_reaches_aa(colour, background):
    rule = _declarations(".btn-outline-secondary")
    fg = rule[colour]
    bg = rule.get(background, background)
    assert contrast(fg, bg) >= AA_TEXT, f"{colour} {fg} on {bg}: {contrast(fg, bg):.2f}:1"


def test_links_in_the_red_alert_reach_aa():
    colour = _declarations(".alert-danger a:not(.btn)")["color"]
    assert contrast(colour, DANGER_BG_SUBTLE) >= AA_TEXT


def test_links_in_an_empty_state_reach_aa():
    colour = _declarations(".empty-state a:not(.btn)")["color"]
    assert contrast(colour, BG_LIGHT) >= AA_TEXT
