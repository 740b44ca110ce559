"""Browser journeys: Playwright's Python API driving Debian's Chromium (/usr/bin/chromium;
never a downloaded browser), with axe-core checking every page a journey visits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/system-deps)")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests
    # make around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Journey:
    """A page that checks accessibility and CSP on every page it lands on."""

    def __init__(self, page, base_url: str, axe_page=None):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        # With JavaScript off, axe cannot run in the page itself: the exact HTML the user
        # received is served to a second, JavaScript-enabled page on the same origin.
        self.axe_page = axe_page
        self._snapshot = ""
        if axe_page is not None:
            axe_page.route("**/__axe_snapshot__", lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=self._snapshot))

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self):
        """axe-core with the WCAG 2.2 A and AA rules: no violation allowed."""
        self.page.wait_for_load_state("load")
        if self.page.url in self.visited:
            return
        self.visited.append(self.page.url)
        target = self.page
        if self.axe_page is not None:
            self._snapshot = self.page.content()
            self.axe_page.goto(self.base_url + "/__axe_snapshot__")
            target = self.axe_page
        if not target.evaluate("typeof axe !== 'undefined'"):  # the context's init script puts it in every page
            target.evaluate(AXE_SOURCE)
        result = target.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not violations, f"axe-core violations on {self.page.url}:\n" + "\n".join(violations)
        csp = [e for e in self.console_errors if "Content Security Policy" in e]
        assert not csp, f"CSP violations on {self.page.url}: {csp}"

    def click(self, selector: str):
        self.page.click(selector)
        self.check()

    def submit(self, selector: str = "main button[type=submit]"):
        self.page.locator(selector).first.click()
        self.check()


@pytest.fixture
def journey(browser, live_server, transactional_audit):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(AXE_SOURCE)  # sent to the browser once, not with every check
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Journey(page, live_server.url)
    context.close()


@pytest.fixture
def no_js_journey(browser, live_server, transactional_audit):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 800})
    checker = browser.new_context(viewport={"width": 1024, "height": 800})
    checker.add_init_script(AXE_SOURCE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Journey(page, live_server.url, axe_page=checker.new_page())
    context.close()
    checker.close()


def sign_in_with_recovery_code(journey, user, password: str = "correct horse battery staple") -> None:
    """Sign in a user who needs a second factor, using one of fresh recovery codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daboard.core.services import recovery_codes_issue

    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = recovery_codes_issue(user=user)
    journey.goto("/sign-in/")
    journey.page.fill("#id_username", user.username)
    journey.page.fill("#id_password", password)
    journey.submit()
    journey.page.fill("#id_code", codes[0])
    journey.submit()
