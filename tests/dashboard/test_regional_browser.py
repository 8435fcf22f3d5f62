"""The map in Debian's Chromium: it draws offline (38 provinces, no request leaves the machine),
a click on Jawa Barat opens its page, and so does the keyboard's select box."""

from __future__ import annotations

import pytest
from browser_helpers import SLOW, launch, new_context, screenshot

from etl.report import geo

pytestmark = pytest.mark.browser


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = new_context(browser).new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
        page.outside = outside
        yield page
        browser.close()


def _map(page):
    areas = page.locator("path.choroplethlocation")
    areas.first.wait_for(timeout=SLOW)
    return areas


def test_the_map_draws_offline_and_a_click_opens_the_province(server, page):
    page.goto(server)
    areas = _map(page)
    assert areas.count() == 38
    # Every province is painted (a province wound the wrong way paints the globe instead).
    west_java = areas.nth(geo.codes().index("32"))
    west_java.scroll_into_view_if_needed()
    box = west_java.bounding_box()
    assert 20 < box["width"] < 200 and 10 < box["height"] < 200
    assert page.get_by_text("CC BY 4.0").count()
    screenshot(page, "map_overview")
    assert page.outside == [], "the map asked the network"

    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*centre)
    page.get_by_text("Capaian (%)").first.wait_for(timeout=SLOW)  # the hover label
    page.mouse.click(*centre)
    page.locator("h1", has_text="Provinsi Jawa Barat").first.wait_for(timeout=SLOW)
    assert "province=32" in page.url
    # The regencies' table (a canvas grid: its cells are in the page, not "visible").
    cell = page.locator("[role=gridcell]", has_text="Kabupaten Bogor").first
    cell.wait_for(state="attached", timeout=SLOW)
    assert not page.locator("[data-testid='stException']").count()
    screenshot(page, "province_page")


def test_the_select_box_opens_the_province_from_the_keyboard(server, page):
    page.goto(f"{server}/indikator?indicator=SPBE")
    _map(page)
    box = page.get_by_role("combobox", name="Buka halaman provinsi")
    box.focus()
    page.keyboard.type("Jawa Barat")
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Provinsi Jawa Barat").first.wait_for(timeout=SLOW)
    assert "province=32" in page.url
