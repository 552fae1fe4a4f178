"""The desk in a real Chromium on a real server: log in, paste an enquiry, edit, copy the reply."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from organiser_support import TOKEN, LiveServer, desk_settings, index_copy, log_in, session_cookie
from playwright.sync_api import expect

from assistant.desk.access import COOKIE
from assistant.service.app import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT = ROOT / "test-artifacts" / "organiser-desk.png"
ANSWER_TIMEOUT = 30_000  # ms; the first answer may warm the model up
PAYLOAD = "<img src=x onerror=alert(1)>"
ENQUIRY = f"""Hi,

When is Laura Pozzobon speaking? Also, who chairs the co-production workshop?
Is there anything on sepsis {PAYLOAD}?

Thanks,
Jo"""


@pytest.fixture(scope="module")
def desk_url(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("desk-browser")
    app = create_app(desk_settings(index_copy(seed_index, folder), folder), seed_assistant_for_desk)
    with LiveServer(app) as server:
        yield server.url


def test_paste_an_enquiry_get_cited_answers_edit_and_copy_the_reply(
    browser: Any, desk_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=desk_url)
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(desk_url + "/organiser")
        expect(page.get_by_role("heading", name="Log in to the organiser desk")).to_be_visible()
        page.get_by_label("Organiser token").fill("a wrong guess")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_have_text("That token is not right.")
        page.get_by_label("Organiser token").fill(TOKEN)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Organiser desk", exact=True)).to_be_visible()
        errors.clear()  # the 401 of the login page is logged by the browser as a console error

        page.get_by_label("Paste the enquiry").fill(ENQUIRY)
        page.get_by_role("button", name="Draft answers").click()
        expect(page.locator("#enquiry-status")).to_have_text(
            "3 questions answered.", timeout=ANSWER_TIMEOUT
        )
        drafts = page.locator("#drafts section.draft")
        expect(drafts).to_have_count(3)
        expect(drafts.locator("h3")).to_have_text(
            [
                "When is Laura Pozzobon speaking?",
                "Who chairs the co-production workshop?",
                f"Is there anything on sepsis {PAYLOAD}?",
            ]
        )
        expect(page.get_by_label("Answer 1")).to_have_value(
            "B6: Co-production to build resilient communities (part 2: Engage to elevate: "
            "designing research with patients and care partners to improve our understanding "
            "of safety) is on Thursday 22 May 2025, 13:15–14:30."
        )
        expect(page.get_by_label("Answer 2")).to_have_value(re.compile("chaired by Bob Klaber"))
        citation = drafts.nth(0).get_by_role("link")
        expect(citation).to_have_attribute("href", "/sessions/B6")
        expect(citation).to_contain_text("Co-production to build resilient communities")
        expect(drafts.nth(2)).to_contain_text("The programme does not answer this")
        assert page.locator("#drafts img").count() == 0  # the payload stayed text

        page.get_by_label("Answer 2").fill("Bob Klaber chairs it.")
        expect(drafts.nth(1).get_by_role("link")).to_have_count(1)  # Bob Klaber chairs B6
        page.get_by_role("button", name="Copy reply").click()
        expect(page.locator("#copy-status")).to_have_text("Reply copied to the clipboard.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#reply").input_value()
        blocks = copied.split("\n\n")
        link = f"- Co-production to build resilient communities: {desk_url}/sessions/B6"
        assert blocks[0] == "Dear Jo,"
        assert blocks[1].startswith("> When is Laura Pozzobon speaking?\nB6: Co-production")
        assert blocks[1].endswith(f"13:15–14:30.\nSessions:\n{link}")
        assert blocks[2] == (
            f"> Who chairs the co-production workshop?\nBob Klaber chairs it.\nSessions:\n{link}"
        )
        assert blocks[3].startswith(f"> Is there anything on sepsis {PAYLOAD}?\nI couldn't find")
        assert blocks[-1] == "Best wishes,\nThe programme team"
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        page.wait_for_timeout(200)  # give a stray onerror time to fire
        assert dialogs == []
        assert errors == []
    finally:
        context.close()


def test_the_login_form_and_the_desk_have_no_serious_accessibility_violations(
    browser: Any, desk_url: str
) -> None:
    # bypass_csp: axe goes in as an inline script, which the desk's CSP rightly blocks
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        for logged_in in (False, True):
            if logged_in:
                with httpx.Client(base_url=desk_url) as http:
                    session_id = session_cookie(log_in(http))
                context.add_cookies(
                    [{"name": COOKIE, "value": session_id, "url": desk_url + "/organiser"}]
                )
            page.goto(desk_url + "/organiser")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run()")
            bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], [(v["id"], v["impact"], len(v["nodes"])) for v in bad]
        expect(page.get_by_role("heading", name="Organiser desk", exact=True)).to_be_visible()
    finally:
        context.close()
