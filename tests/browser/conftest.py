"""Browser tests: headless Chromium (Debian's package) driven by Playwright against a live server.

A missing browser fails the run: it never skips.
"""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("SAMSKAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (browser tests never skip).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(live_server, settings):
    """The demo data in the live server's database."""
    settings.DEBUG = False
    call_command("load_demo", force=True, verbosity=0)
    return live_server


def log_in(page, base_url: str, email: str, password: str = "samskap-demo") -> None:
    page.goto(f"{base_url}/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
