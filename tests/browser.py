"""Playwright with Debian's Chromium, for the browser tests of every app.

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
thread with a running loop unless told this is deliberate, as it is in these tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import BASE_DIR, CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = BASE_DIR / "test-artifacts"


@contextmanager
def chromium_page(*, locale: str = "zh-CN", width: int = 1280, height: int = 900) -> Iterator:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with _browser_page(locale, width, height) as page:
            yield page
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@contextmanager
def _browser_page(locale: str, width: int, height: int) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                locale=locale,
                viewport={"width": width, "height": height},
                extra_http_headers={"Accept-Language": locale},
            )
            page = context.new_page()
            external: list[str] = []
            page.on(
                "request",
                lambda req: (
                    external.append(req.url)
                    if not req.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                    else None
                ),
            )
            page.external_requests = external
            yield page
        finally:
            browser.close()


def login(page, live_server_url: str, username: str, password: str) -> None:
    page.goto(f"{live_server_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
