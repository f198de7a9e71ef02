"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Never ``playwright install``: the browser is the system's (``apt-get install chromium``).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.web.personas import PASSWORD, enterprises_create, persona

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path("/tmp")

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM calls in
# fixtures are still synchronous (the documented setting for Playwright with pytest-django).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, settings, tmp_path):
    """The live server over the personas' small city (three enterprises, January–April 2024)."""
    from gongxin.city.services import city_sync

    settings.DATA_DIR = tmp_path
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    city_sync(actor="test")
    for name in ("alice", "bob"):
        persona(name)
    enterprises_create()
    return live_server.url


@pytest.fixture
def page_as(browser, site):
    """A logged-in page at a viewport; errors in the page's scripts fail the test."""
    pages = []

    def _open(username: str, width: int = 1366, height: int = 768):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.goto(f"{site}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{site}/")
        pages.append(page)
        return page

    yield _open
    for page in pages:
        assert page.errors == [], page.errors
        page.context.close()
