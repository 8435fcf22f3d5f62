"""Real `streamlit run` servers and Debian's Chromium for the end-to-end tests."""

from __future__ import annotations

import pytest
from browser_helpers import launch, new_context, screenshot, start_streamlit, stop


@pytest.fixture
def serve():
    """`serve(db_url, **env)`: a streamlit server on a free port (127.0.0.1); its base URL."""
    started = []

    def start(url: str, **env: str) -> str:
        process, base = start_streamlit(url, **env)
        started.append(process)
        return base

    yield start
    for process in started:
        stop(process)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """`new_page()`: a fresh browser context (its own session, so its own login)."""
    contexts = []

    def make():
        context = new_context(browser)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shots():
    """`shots(page, name)`: a screenshot artefact in RB_SCREENSHOTS (not committed)."""
    return screenshot


@pytest.fixture
def fill_template():
    def fill(content: bytes, values: dict[str, float]) -> bytes:
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["Data"]
        header = [c.value for c in sheet[7]]
        for row in sheet.iter_rows(min_row=8):
            if row[header.index("kode_indikator")].value in values:
                row[header.index("nilai")].value = values[row[0].value]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return fill
