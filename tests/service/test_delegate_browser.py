"""A delegate's session in real Chromium (issue 15): pages that fit a phone, the keyboard path
to the assistant, the agenda kept on the device, offline answers, embedding that explains
itself, the waiting status, and axe-core on every kind of page, laptop and phone."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ANSWER_TIMEOUT = 60_000  # ms; past the widget's 40 s wait (a busy machine, a cold model)
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
B6_TITLE = "Co-production to build resilient communities"

# Per programme: the home page (one day, then all 498 on 36C3), the pages that were widest
# before long words wrapped (found by measuring every page once), a speaker page, the agenda.
SAMPLES = {
    "seed": ["/", "/sessions/B6", "/people/laura-pozzobon", "/people", "/agenda"],
    "c3": [
        "/",
        "/?day=all",
        "/sessions/10935",
        "/sessions/245",
        "/sessions/3171",
        "/sessions/214",
        "/people/felix-fabse",
        "/agenda",
    ],
    "user": [
        "/",
        "/sessions/47",
        "/sessions/172",
        "/sessions/102",
        "/people/ahmad-manivarnosfaderani",
        "/agenda",
    ],
}


def phone(width: int = 390, height: int = 844) -> dict[str, Any]:
    return {
        "viewport": {"width": width, "height": height},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    }


@pytest.fixture
def new_context(browser: Any) -> Iterator[Any]:
    """Contexts made by the test, closed after it."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def launcher(page: Page) -> Any:
    return page.get_by_role("button", name="Ask the programme", exact=True)


def ask(page: Page, text: str) -> None:
    page.get_by_label("Your question").fill(text)
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false", timeout=ANSWER_TIMEOUT)


def last_answer(page: Page) -> Any:
    return page.locator(".pa-bot").last


# ---------------------------------------------------------------- reflow


def check_fits_and_taps(page: Page, url: str, width: int) -> None:
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    button = launcher(page)
    expect(button).to_be_in_viewport(ratio=1)
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, url
    assert box["height"] >= 44, url
    # a real tap at the launcher's centre reaches it (nothing covers it)
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    dialog = page.get_by_role("dialog", name="Ask the programme")
    expect(dialog).to_be_visible()
    panel = dialog.bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= width, url
    for name in ("Close", "Send"):
        expect(dialog.get_by_role("button", name=name, exact=True)).to_be_in_viewport(ratio=1)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


@pytest.mark.parametrize("width", [320, 390])
def test_seed_pages_fit_a_phone_and_the_launcher_is_tappable(
    new_context: Any, live_url: str, width: int
) -> None:
    page = new_context(**phone(width)).new_page()
    for path in SAMPLES["seed"]:
        check_fits_and_taps(page, live_url + path, width)


@pytest.mark.slow
@pytest.mark.parametrize("width", [320, 390])
def test_36c3_pages_fit_a_phone_and_the_launcher_is_tappable(
    new_context: Any, c3_url: str, width: int
) -> None:
    page = new_context(**phone(width)).new_page()
    for path in SAMPLES["c3"]:
        check_fits_and_taps(page, c3_url + path, width)


@pytest.mark.slow
@pytest.mark.parametrize("width", [320, 390])
def test_user_pages_fit_a_phone_and_the_launcher_is_tappable(
    new_context: Any, user_url: str, width: int
) -> None:
    page = new_context(**phone(width)).new_page()
    for path in SAMPLES["user"]:
        check_fits_and_taps(page, user_url + path, width)
    expect(page.get_by_role("link", name="useR! 2025", exact=True)).to_be_visible()


# ---------------------------------------------------------------- keyboard


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_a_skip_link_reaches_the_assistant_in_three_tabs(
    new_context: Any, live_url: str, device: str
) -> None:
    page = new_context(**(phone() if device == "phone" else LAPTOP)).new_page()
    page.goto(live_url + "/")
    expect(launcher(page)).to_be_visible()
    skip = page.get_by_role("link", name="Skip to the programme assistant")
    for _ in range(3):
        page.keyboard.press("Tab")
        if skip.evaluate("el => el === document.activeElement"):
            break
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # visible when focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Ask the programme")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_focused()


def test_focus_stays_in_the_open_panel_on_a_phone_and_esc_returns_it(
    new_context: Any, live_url: str
) -> None:
    page = new_context(**phone()).new_page()
    page.goto(live_url + "/")
    launcher(page).tap()
    dialog = page.get_by_role("dialog", name="Ask the programme")
    expect(dialog).to_have_attribute("aria-modal", "true")
    ask(page, "who chairs B6?")
    # every target in the panel is at least 44 px tall (buttons, links, the input)
    heights = dialog.evaluate(
        """d => [...d.querySelectorAll('button, a[href], input')]
            .filter(n => n.getClientRects().length)
            .map(n => [n.textContent.trim() || n.getAttribute('aria-label') || n.id,
                       n.getBoundingClientRect().height])"""
    )
    assert heights and [h for h in heights if h[1] < 44] == []
    inside = "el => el.contains(document.activeElement)"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert dialog.evaluate(inside), f"focus left the panel after {key}"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher(page)).to_be_focused()


def test_the_phone_panel_follows_the_on_screen_keyboard(new_context: Any, live_url: str) -> None:
    page = new_context(**phone()).new_page()
    page.goto(live_url + "/")
    launcher(page).tap()
    dialog = page.get_by_role("dialog", name="Ask the programme")
    expect(dialog).to_be_visible()
    # Headless Chromium shows no keyboard: shrink the visual viewport as one would (844 -> 460).
    page.evaluate(
        """() => {
          const vv = window.visualViewport;
          Object.defineProperty(vv, 'height', { configurable: true, get: () => 460 });
          Object.defineProperty(vv, 'offsetTop', { configurable: true, get: () => 0 });
          vv.dispatchEvent(new Event('resize'));
        }"""
    )
    box = dialog.bounding_box()
    assert box is not None and (box["y"], box["height"]) == (0, 460)
    send = page.get_by_role("button", name="Send", exact=True).bounding_box()
    assert send is not None and send["y"] + send["height"] <= 460  # above the keyboard


def test_waiting_is_animated_announced_and_a_second_enter_is_answered(
    new_context: Any, live_url: str
) -> None:
    context = new_context(**LAPTOP)
    # Hold every chat answer for a second and a half, as a slow venue network would.
    context.add_init_script(
        """(() => {
          const real = window.fetch;
          window.fetch = (url, options) => String(url).includes('/api/chat')
            ? new Promise(r => setTimeout(r, 1500)).then(() => real(url, options))
            : real(url, options);
        })();"""
    )
    page = context.new_page()
    page.goto(live_url + "/")
    launcher(page).click()
    page.get_by_label("Your question").fill("who chairs B6?")
    page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="Searching")
    expect(status).to_have_text("Searching the programme…")
    assert page.locator(".pa-dots").evaluate(
        "el => getComputedStyle(el, '::after').animationName"
    ) == ("pa-dots")
    page.get_by_label("Your question").fill("and when?")
    page.keyboard.press("Enter")
    expect(page.locator(".pa-status")).to_have_text(
        "Still searching the programme for your last question…"
    )
    expect(last_answer(page)).to_contain_text("Bob Klaber", timeout=ANSWER_TIMEOUT)
    expect(page.locator(".pa-status")).to_be_empty()
    expect(page.get_by_label("Your question")).to_have_value("and when?")  # kept, not lost


# ---------------------------------------------------------------- agenda


@pytest.mark.slow
def test_starred_sessions_survive_a_reload_clash_and_export_as_ics(
    new_context: Any, c3_url: str
) -> None:
    page = new_context(**LAPTOP).new_page()
    page.goto(c3_url + "/?day=2019-12-28")
    # from the list: two talks at 11:30 on day 2 (they clash)
    for title in ("Der Pfad von 4G zu 5G", "How to Design Highly Reliable Digital Electronics"):
        page.get_by_role("button", name=f"Star: {title}").click()
        expect(page.get_by_role("button", name=f"Star: {title}")).to_have_attribute(
            "aria-pressed", "true"
        )
    # from an answer
    launcher(page).click()
    ask(page, "who is talking about tor?")
    star = last_answer(page).get_by_role(
        "button", name="Star: Adventures and Experiments Adding Namecoin to Tor Browser"
    )
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect(page.get_by_role("button", name="Star: Der Pfad von 4G zu 5G")).to_have_attribute(
        "aria-pressed", "true"
    )
    clash = page.locator("[data-session='10542'] .clash")
    expect(clash).to_have_text("Clashes with How to Design Highly Reliable Digital Electronics")
    if launcher(page).get_attribute("aria-expanded") != "true":
        launcher(page).click()
    ask(page, "what's on my agenda?")
    answer = last_answer(page)
    expect(answer).to_contain_text("Your agenda has 3 sessions:")
    expect(answer).to_contain_text("Adventures and Experiments Adding Namecoin to Tor Browser")
    expect(answer).to_contain_text(
        "Clash: Der Pfad von 4G zu 5G and How to Design Highly Reliable Digital Electronics overlap."
    )

    page.goto(c3_url + "/agenda")
    agenda = page.locator("#agenda")
    expect(agenda.locator(".session")).to_have_count(3)
    expect(agenda).to_contain_text("3 starred sessions; 2 of them clash.")
    download = page.get_by_role("link", name="Download my agenda (.ics)")
    expect(download).to_be_visible()
    subscribe = page.get_by_role("link", name="Subscribe to my agenda in a calendar app")
    expect(subscribe).to_have_attribute("href", re.compile(r"^webcal://"))
    response = page.request.get(download.get_attribute("href") or "")
    assert response.status == 200
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Adventures and Experiments Adding Namecoin to Tor Browser",
        "Der Pfad von 4G zu 5G",
        "How to Design Highly Reliable Digital Electronics",
    ]  # titles only: no internal ids for a screen reader to read out

    # unstarred on the agenda page: it keeps its place (and focus), the calendar drops it
    unstar = agenda.get_by_role("button", name="Star: Der Pfad von 4G zu 5G")
    unstar.click()
    expect(unstar).to_have_attribute("aria-pressed", "false")
    expect(unstar).to_be_focused()
    expect(download).not_to_have_attribute("href", re.compile("10542"))
    expect(download).to_have_attribute("href", re.compile("ids=10575,4320$"))


# ---------------------------------------------------------------- offline


def test_offline_the_widget_still_answers_lookups_marked_offline(
    new_context: Any, live_url: str
) -> None:
    context = new_context(**phone())
    page = context.new_page()
    page.goto(live_url + "/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(live_url + "/sessions/B6")  # through the service worker, which keeps it
    launcher(page).tap()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('programme-assistant:programme:'))"
    )
    context.set_offline(True)
    expect(
        page.get_by_text("Offline: I answer from the programme saved on this device.")
    ).to_be_visible()

    ask(page, "co-production")
    answer = last_answer(page)
    expect(answer).to_contain_text("Offline: answered from the programme saved on this device.")
    expect(answer).to_contain_text("In the saved programme:")
    expect(answer.locator("a.pa-cite")).to_have_text([B6_TITLE])

    ask(page, "what's on now?")
    answer = last_answer(page)
    expect(answer).to_contain_text("Offline: answered from the programme saved on this device.")
    expect(answer).to_contain_text("Nothing is on now (13:00).")
    expect(answer).to_contain_text("Next, at 13:15:")
    expect(answer).to_contain_text(B6_TITLE)

    # "it" is the server's to resolve: offline the widget points to the stars instead
    ask(page, "add it to my agenda")
    expect(last_answer(page)).to_contain_text("Use the Star button beside a session")

    # the service worker keeps the pages: the programme opens again without a network
    page.goto(live_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("forum")
    page.goto(live_url + "/sessions/B6")
    expect(page.get_by_role("heading", level=1)).to_contain_text(B6_TITLE)


# ---------------------------------------------------------------- embedding


def test_an_unlisted_site_is_told_it_is_not_allowed_and_the_server_logs_it(
    new_context: Any, unlisted_site: str, caplog: pytest.LogCaptureFixture
) -> None:
    page = new_context(**LAPTOP).new_page()
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(unlisted_site + "/")
    launcher(page).click()
    with caplog.at_level(logging.WARNING, logger="assistant.service.embedding"):
        ask(page, "who chairs B6?")
    expect(page.get_by_role("log")).to_contain_text(
        "This site is not allowed to use the assistant."
    )
    expect(page.get_by_role("log")).not_to_contain_text("connection")
    assert any("ASSISTANT_CORS_ORIGINS" in w and unlisted_site in w for w in warnings), warnings
    logged = [r.getMessage() for r in caplog.records if r.name == "assistant.service.embedding"]
    assert logged == [
        f"refused a chat request from {unlisted_site}: add it to ASSISTANT_CORS_ORIGINS "
        "to let that site embed the widget"
    ]


# ---------------------------------------------------------------- axe-core


def axe_violations(page: Page) -> list[tuple[str, str, list[Any]]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def check_axe(page: Page, url: str, question: str) -> None:
    page.goto(url)
    expect(launcher(page)).to_be_visible()
    if launcher(page).get_attribute("aria-expanded") == "true":  # reopened after navigating
        launcher(page).click()
    assert axe_violations(page) == [], url
    launcher(page).click()
    ask(page, question)
    expect(last_answer(page).locator("a.pa-cite").first).to_be_visible()
    assert axe_violations(page) == [], url + " with the widget open"


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_axe_finds_nothing_on_the_seed_pages_or_the_open_widget(
    new_context: Any, live_url: str, device: str
) -> None:
    if not AXE.is_file():
        pytest.skip("needs axe-core: npm ci")
    # axe is injected as an inline script, which the pages' CSP rightly blocks.
    page = new_context(bypass_csp=True, **(phone() if device == "phone" else LAPTOP)).new_page()
    page.goto(live_url + "/")
    page.evaluate("localStorage.setItem('programme-assistant:agenda', '[\"B6\"]')")
    for path in SAMPLES["seed"]:
        check_axe(page, live_url + path, "who speaks about patient safety research?")


@pytest.mark.slow
@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_axe_finds_nothing_on_36c3_and_user_pages(
    new_context: Any, c3_url: str, user_url: str, device: str
) -> None:
    if not AXE.is_file():
        pytest.skip("needs axe-core: npm ci")
    page = new_context(bypass_csp=True, **(phone() if device == "phone" else LAPTOP)).new_page()
    page.goto(c3_url + "/")
    page.evaluate("localStorage.setItem('programme-assistant:agenda', '[\"10542\", \"10575\"]')")
    for path in ("/", "/sessions/10935", "/people/felix-fabse", "/?q=tor&lang=en", "/agenda"):
        check_axe(page, c3_url + path, "who is talking about tor?")
    for path in ("/", "/sessions/47"):
        check_axe(page, user_url + path, "who talks about shiny?")
