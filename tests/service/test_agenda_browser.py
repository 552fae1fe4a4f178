"""The agenda in chat, in real Chromium on the real server: 'add it to my agenda' after 'when
is …?' stars the session on the page and on /agenda; 'do any of my sessions clash?' is answered
from the stars this device keeps."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ANSWER_TIMEOUT = 60_000  # ms; past the widget's 40 s wait (a busy machine, a cold model)
STEWARDSHIP = "Antibiotic stewardship in primary care"  # L3, Thursday 11:00-12:00, Room 3
FALLS = "Hands-on workshop on falls prevention"  # W2, Thursday 10:30-12:00: clashes with L3


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []  # no script error, no CSP violation thrown


def ask(page: Page, text: str) -> Any:
    page.get_by_label("Your question").fill(text)
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false", timeout=ANSWER_TIMEOUT)
    return page.locator(".pa-bot").last


def starred(page: Page) -> Any:
    return page.evaluate("JSON.parse(localStorage.getItem('programme-assistant:agenda') || '[]')")


def test_add_it_to_my_agenda_stars_the_session_and_clashes_are_found(
    page: Page, agenda_url: str
) -> None:
    page.goto(agenda_url + "/")  # Thursday by the server's clock: today's sessions are listed
    day = page.get_by_role("region", name="Thursday 22 May")  # the day's list on the home page
    page_star = day.get_by_role("button", name=f"Star: {STEWARDSHIP}")
    expect(page_star).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name="Ask the programme", exact=True).click()

    answer = ask(page, f"when is {STEWARDSHIP}?")
    expect(answer).to_contain_text("11:00–12:00 in Room 3")
    expect(page.get_by_role("button", name="Add it to my agenda")).to_be_visible()

    answer = ask(page, "add it to my agenda")
    expect(answer).to_contain_text(
        f"Added '{STEWARDSHIP}' (Thursday 11:00, Room 3) to your agenda."
    )
    assert starred(page) == ["L3"]
    expect(page_star).to_have_attribute("aria-pressed", "true")  # the page's star follows
    expect(answer.get_by_role("button", name=f"Star: {STEWARDSHIP}")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(answer.get_by_role("link", name="Download .ics")).to_have_attribute(
        "href", agenda_url + "/calendar.ics?ids=L3"
    )
    expect(answer.get_by_role("link", name="My agenda")).to_have_attribute(
        "href", agenda_url + "/agenda"
    )

    # one more, starred on the page: it overlaps the first
    day.get_by_role("button", name=f"Star: {FALLS}").click()
    answer = ask(page, "do any of my sessions clash?")
    expect(answer).to_contain_text("1 clash in your agenda:")
    expect(answer).to_contain_text(f"10:30–12:00 W2: {FALLS} (Room 2) overlaps 11:00–12:00 L3")
    expect(answer.locator("a.pa-cite")).to_have_text([FALLS, STEWARDSHIP])

    answer = ask(page, "remove the second one from my agenda")
    expect(answer).to_contain_text(f"Removed '{STEWARDSHIP}'")
    assert starred(page) == ["W2"]
    expect(page_star).to_have_attribute("aria-pressed", "false")

    answer = ask(page, f"add {STEWARDSHIP} to my agenda")  # named, not followed up
    expect(answer).to_contain_text(f"Added '{STEWARDSHIP}'")
    answer.get_by_role("link", name="My agenda").click()
    expect(page).to_have_url(agenda_url + "/agenda")
    agenda = page.locator("#agenda")
    expect(agenda.locator(".session")).to_have_count(2)
    expect(agenda).to_contain_text("2 starred sessions; 2 of them clash.")
    expect(agenda).to_contain_text(STEWARDSHIP)
