"""The widget in a real Chromium on a real server and index: keyboard, answers, safety, a11y."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT = ROOT / "test-artifacts" / "widget-open.png"
QUESTION = "who is speaking about patient safety research?"
B6_TITLE = "Co-production to build resilient communities"
PAYLOAD = "<img src=x onerror=alert(1)>"
ANSWER_TIMEOUT = 30_000  # ms; the first answer may warm the model up


class Watched:
    """A page with its dialogs, script errors and console errors recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A fresh page that keeps the app's CSP (so a CSP violation by the widget shows up)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Watched(context.new_page())
    context.close()


def open_widget_by_keyboard(page: Page) -> None:
    launcher = page.get_by_role("button", name="Ask the programme", exact=True)
    expect(launcher).to_be_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Ask the programme")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_focused()


def ask(page: Page, text: str) -> None:
    page.get_by_label("Your question").fill(text)
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false", timeout=ANSWER_TIMEOUT)


def test_keyboard_question_answer_citation_and_calendar(watched: Watched, live_url: str) -> None:
    page = watched.page
    page.goto(live_url + "/")
    open_widget_by_keyboard(page)
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")

    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_contain_text("Laura Pozzobon", timeout=ANSWER_TIMEOUT)
    expect(log).to_contain_text("Melissa Sheldrick")
    expect(log).to_contain_text(QUESTION)
    citation = log.locator("a.pa-cite").first
    # the answer comes from part two, so its citation opens there
    expect(citation).to_have_attribute("href", live_url + "/sessions/B6#part-2")
    calendar = log.get_by_role("link", name=f"Add “{B6_TITLE}” to your calendar")
    expect(calendar).to_have_attribute("href", live_url + "/calendar.ics?ids=B6")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    ics = page.request.get(calendar.get_attribute("href") or "")
    assert ics.status == 200
    assert ics.headers["content-type"].startswith("text/calendar")

    citation.click()
    expect(page).to_have_url(live_url + "/sessions/B6#part-2")
    expect(page.get_by_role("heading", level=1)).to_contain_text(B6_TITLE)
    expect(page.locator("#part-2")).to_be_in_viewport()
    session_ics = page.request.get(live_url + "/sessions/B6.ics")
    assert session_ics.status == 200
    assert session_ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART:20250522T131500" in session_ics.text()
    assert watched.errors == []  # no CSP violation, no script error
    assert watched.dialogs == []


def test_widget_embedded_on_another_site_answers_with_links_home(
    watched: Watched, live_url: str, embed_site: str
) -> None:
    page = watched.page
    page.goto(embed_site + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    ask(page, QUESTION)
    log = page.get_by_role("log")
    expect(log).to_contain_text("Laura Pozzobon")
    citation = log.locator("a.pa-cite").first
    expect(citation).to_have_attribute("href", live_url + "/sessions/B6#part-2")
    assert watched.errors == []  # CORS let the answer through
    # a citation opens in a new tab: the host site, and the conversation, stay put
    expect(citation).to_have_attribute("target", "_blank")
    expect(citation).to_have_accessible_name(f"{B6_TITLE} (opens in a new tab)")
    with page.context.expect_page() as opened:
        citation.click()
    expect(opened.value).to_have_url(live_url + "/sessions/B6#part-2")
    assert page.url == embed_site + "/"
    expect(log).to_contain_text("Laura Pozzobon")
    opened.value.close()


def test_conversation_survives_a_reload_and_sends_the_context_back(
    watched: Watched, live_url: str
) -> None:
    page = watched.page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    with page.expect_response("**/api/chat") as first:
        ask(page, QUESTION)
    context = first.value.json()["context"]

    page.reload()
    launcher = page.get_by_role("button", name="Ask the programme", exact=True)
    if launcher.get_attribute("aria-expanded") != "true":
        launcher.click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Laura Pozzobon")  # restored from sessionStorage

    with page.expect_request("**/api/chat") as follow:
        ask(page, "when is it?")
    assert json.loads(follow.value.post_data or "{}") == {
        "message": "when is it?",
        "context": context,
        "agenda": [],  # nothing starred on this device
    }
    expect(log).to_contain_text("13:15")


def test_markup_in_a_question_is_shown_as_text_and_runs_nothing(
    watched: Watched, live_url: str
) -> None:
    page = watched.page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    ask(page, PAYLOAD)
    log = page.get_by_role("log")
    expect(log).to_contain_text(PAYLOAD)
    assert log.locator("img").count() == 0
    page.wait_for_timeout(300)  # give a stray onerror time to fire
    assert watched.dialogs == []


def test_server_errors_show_the_error_message(watched: Watched, live_url: str) -> None:
    page = watched.page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    # Past the input's maxlength, so the real server answers 422 in the error shape.
    page.evaluate("window.programmeAssistantWidget.send('x'.repeat(1001))")
    log = page.get_by_role("log")
    expect(log).to_contain_text(
        "Sorry, no answer: message is too long: 1001 characters, at most 1000 allowed."
    )


def test_a_server_out_of_reach_is_said_so_and_answered_on_the_device(
    watched: Watched, live_url: str
) -> None:
    page = watched.page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "co-production")
    log = page.get_by_role("log")
    expect(log).to_contain_text(
        "The programme assistant could not be reached, so this is answered from the programme "
        "saved on this device."
    )
    expect(log.locator("a.pa-cite")).to_have_text([B6_TITLE])
    expect(log).not_to_contain_text("connection")  # the delegate's network is not blamed


def test_escape_closes_and_returns_focus_to_the_launcher(watched: Watched, live_url: str) -> None:
    page = watched.page
    page.goto(live_url + "/")
    open_widget_by_keyboard(page)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    launcher = page.get_by_role("button", name="Ask the programme", exact=True)
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_quick_replies_send_their_text(watched: Watched, live_url: str) -> None:
    page = watched.page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Ask the programme", exact=True).click()
    with page.expect_response("**/api/chat") as first:
        ask(page, QUESTION)
    suggestions = first.value.json()["suggestions"]
    if not suggestions:
        pytest.skip("the engine offered no suggestion for this answer")
    with page.expect_request("**/api/chat") as sent:
        page.get_by_role("group", name="Suggested questions").get_by_role(
            "button", name=suggestions[0]
        ).click()
    assert json.loads(sent.value.post_data or "{}")["message"] == suggestions[0]


def test_the_panel_fits_a_phone_screen(browser: Any, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_url + "/")
        page.get_by_role("button", name="Ask the programme", exact=True).click()
        box = page.get_by_role("dialog").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert box["width"] >= 370  # full width on a phone
        assert box["y"] >= 0 and box["y"] + box["height"] <= 667
        expect(page.get_by_label("Your question")).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def axe_serious(page: Page) -> list[tuple[str, str, int]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", ["/", "/sessions/B6"])
def test_axe_finds_no_serious_violation_with_the_widget_open(
    browser: Any, live_url: str, path: str
) -> None:
    if not AXE.is_file():
        pytest.skip("needs axe-core: npm ci")
    # axe is injected as an inline script, which the pages' CSP rightly blocks.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_url + path)
        page.get_by_role("button", name="Ask the programme", exact=True).click()
        ask(page, QUESTION)
        expect(page.get_by_role("log")).to_contain_text("Laura Pozzobon")
        assert axe_serious(page) == []
    finally:
        context.close()


def test_axe_control_catches_a_nameless_button(browser: Any, live_url: str) -> None:
    """Control: the check above would see a violation in the widget."""
    if not AXE.is_file():
        pytest.skip("needs axe-core: npm ci")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_url + "/")
        launcher = page.get_by_role("button", name="Ask the programme", exact=True)
        launcher.evaluate("el => { el.replaceChildren(); }")
        assert re.search("button-name", repr(axe_serious(page)))
    finally:
        context.close()


def test_a_german_site_gets_german_words_and_a_german_question_a_german_answer(
    watched: Watched, live_url: str, embed_site: str
) -> None:
    page = watched.page
    page.goto(embed_site + "/de.html")
    page.get_by_role("button", name="Frag das Programm", exact=True).click()
    expect(page.get_by_role("dialog", name="Frag das Programm")).to_be_visible()
    question = page.get_by_label("Deine Frage")
    expect(question).to_have_attribute("placeholder", "Frage eingeben und Enter drücken")
    expect(page.get_by_role("button", name="Senden")).to_be_visible()
    expect(page.get_by_role("button", name="Schließen")).to_be_visible()
    question.fill("Wann spricht Laura Pozzobon?")
    page.keyboard.press("Enter")
    answer = page.locator(".pa-bot").last
    expect(answer).to_contain_text("ist am Donnerstag, 22. Mai 2025", timeout=ANSWER_TIMEOUT)
    expect(answer).to_contain_text("13:15–14:30")
    expect(answer).to_have_attribute("lang", "de")  # a screen reader reads it as German
    expect(page.get_by_role("group", name="Vorgeschlagene Fragen")).to_contain_text("Wer spricht?")
    expect(page.locator(".pa-root")).to_have_attribute("lang", "de")
    assert watched.errors == []
