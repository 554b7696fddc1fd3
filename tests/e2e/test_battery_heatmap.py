"""The raw-material heatmap in a real browser: the risk colours show, and the table fits the page (issue 21)."""

import pytest

from battery_chain.reference import load_reference_data
from core.roles import Role
from tests.e2e.test_tender_builder import log_in
from tests.factories import OrganizationFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLOURS = {"hoy": "rgb(253, 227, 227)", "middels": "rgb(255, 241, 220)", "lav": "rgb(227, 241, 228)"}


@pytest.mark.parametrize("width", [1280, 768])
def test_heatmap_cells_have_their_risk_colour_and_the_table_does_not_overflow(live_server, page, width):
    load_reference_data()
    reader = member(OrganizationFactory(name="Bergen testkommune"), Role.READ_ONLY)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, reader)
    page.goto(f"{live_server.url}/batterikjeder/varmekart/")
    for level, colour in COLOURS.items():
        cell = page.locator(f"#heatmap td.risk-{level}").first
        shown = cell.evaluate("el => getComputedStyle(el).backgroundColor")
        # Bootstrap paints table cells with an inset box-shadow over the background; it must be none here.
        shadow = cell.evaluate("el => getComputedStyle(el).boxShadow")
        assert (shown, shadow) == (colour, "none"), level
    sizes = page.locator("#heatmap").evaluate(
        "t => [t.scrollWidth, t.parentElement.clientWidth, document.documentElement.scrollWidth, window.innerWidth]"
    )
    table, box, document, viewport = sizes
    assert table <= box and document <= viewport, sizes
