"""Browser tests: pytest-playwright driving Debian's chromium (never a downloaded browser)
against pytest-django's live server with the demo loaded. Skipped on a machine without
/usr/bin/chromium, a failure in CI (CI=true), like every service the suite needs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (loading the demo, reading results) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _chromium() -> None:
    require_service("chromium", os.path.exists(CHROMIUM))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Here too: the session's browser is launched before any function-scoped fixture runs,
    # so without chromium the autouse check above would come too late to skip.
    require_service("chromium", os.path.exists(CHROMIUM))
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(transactional_db: None) -> None:
    from scheduling.demo import load_demo

    load_demo()


@pytest.fixture
def shots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def login(page, base: str, email: str) -> None:
    from scheduling.demo import PASSWORD

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def pytest_terminal_summary(terminalreporter) -> None:
    """The axe-core figures of the run (tests/browser/test_axe.py), for the closing notes."""
    from tests.browser.axe import summary

    lines = summary()
    if lines:
        terminalreporter.section("accessibility (axe-core)")
        for line in lines:
            terminalreporter.write_line(line)
