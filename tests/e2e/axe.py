"""axe-core in a Playwright page: inject the vendored script, run it, return the findings that matter.

Used by e2e tests that must prove a page has no serious or critical WCAG 2.1 AA
findings. The script is read from static/vendor/axe-core/ (version and licence
in static/vendor/README.md) and injected into the page, so no page ships it. The page's Content-Security-Policy forbids inline scripts, so open the
context with `browser.new_context(bypass_csp=True)` for the page under test.
"""

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page, *, impacts=BLOCKING_IMPACTS, tags=WCAG_AA_TAGS) -> list[dict]:
    """The axe-core violations of the page as it is now, limited to the given impacts and rule tags."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[dict]) -> str:
    """One line per finding and element, for an assertion message a developer can act on."""
    lines = []
    for v in violations:
        for node in v.get("nodes", [])[:5]:
            lines.append(f"{v['impact']}: {v['id']} – {v['help']} – {', '.join(map(str, node.get('target', [])))}")
    return "\n".join(lines)
