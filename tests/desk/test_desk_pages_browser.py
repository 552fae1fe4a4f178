"""Issue 16 in a real Chromium on a real server: FAQ answers and the information desk in the
widget, programme updates (refusal, preview, confirm, progress, rollback), enquiries with a
two-sentence question and a batch with a follow-up row, and the report's plots and CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from organiser_support import (
    DATA,
    LiveServer,
    desk_settings,
    index_copy,
    log_in,
    session_cookie,
)
from playwright.sync_api import Page, expect

from assistant.desk.access import COOKIE
from assistant.search.store import build_index
from assistant.service.app import create_app
from assistant.sources import load_programme

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WAIT = 60_000  # ms: answers warm the model up, builds embed on a busy machine
FAQ = """# Forum FAQ

## Is there Wi-Fi? {#wifi}
Yes: join Forum-Guest; the password is on the back of your badge.

## Is lunch included? {#lunch}
Lunch is served in the exhibition hall from 12:30.
"""
DESK_TEXT = "The programme doesn't cover that — please ask at the information desk."


@pytest.fixture(scope="module")
def faq_index(
    tmp_path_factory: pytest.TempPathFactory, embedder: Any, embedding_cache: Path
) -> Path:
    """The seed programme built with an FAQ."""
    index_dir = tmp_path_factory.mktemp("seed-faq") / "index"
    loaded = load_programme([ROOT / "seeds"])
    build_index(loaded, index_dir, embedder, progress=False, cache_dir=embedding_cache, faq=FAQ)
    return index_dir


Serve = Callable[[], AbstractContextManager[str]]


@pytest.fixture
def serve(faq_index: Path, embedder: Any, tmp_path: Path) -> Serve:
    """Start a desk over a private copy of the seed + FAQ index: `with serve() as url:`."""
    from assistant.answers.engine import Assistant

    @contextmanager
    def started() -> Iterator[str]:
        index_dir = index_copy(faq_index, tmp_path)
        app = create_app(desk_settings(index_dir, tmp_path), Assistant.load(index_dir, embedder))
        with LiveServer(app) as server:
            yield server.url

    return started


def desk_cookie(url: str) -> Any:
    """A logged-in session's cookie, as the login form sets it (path /organiser)."""
    with httpx.Client(base_url=url) as http:
        session_id = session_cookie(log_in(http))
    return {"name": COOKIE, "value": session_id, "url": url + "/organiser"}


@pytest.fixture
def desk_page(browser: Any) -> Iterator[Callable[[str], Page]]:
    """A page logged in to the desk at url, whose script errors fail the test."""
    contexts = []
    errors: list[str] = []

    def open_at(url: str) -> Page:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        context.add_cookies([desk_cookie(url)])
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        return page

    yield open_at
    for context in contexts:
        context.close()
    assert errors == []


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def ask_widget(page: Page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false", timeout=WAIT)


def test_a_venue_question_is_answered_from_the_faq_and_cites_it(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/")
        page.get_by_role("button", name="Ask the programme", exact=True).click()
        ask_widget(page, "what's the wifi password?")
        reply = page.locator(".pa-msg.pa-bot").last
        expect(reply).to_contain_text("Yes: join Forum-Guest; the password is on the back")
        citation = reply.locator("a.pa-cite")
        expect(citation).to_have_text("FAQ: Is there Wi-Fi?")
        expect(citation).to_have_attribute("href", url + "/faq#wifi")
        expect(reply.locator("a.pa-calendar")).to_have_count(0)  # an FAQ entry is no session
        shot(page, "faq-answer")
        citation.click()
        expect(page).to_have_url(url + "/faq#wifi")
        expect(page.locator("dt#wifi")).to_have_text("Is there Wi-Fi?")


def test_a_logistics_question_without_an_entry_is_sent_to_the_information_desk(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/")
        page.get_by_role("button", name="Ask the programme", exact=True).click()
        ask_widget(page, "where can I get a coffee?")
        reply = page.locator(".pa-msg.pa-bot").last
        expect(reply.locator(".pa-answer")).to_have_text("Assistant: " + DESK_TEXT)
        expect(reply.locator("a.pa-cite")).to_have_count(0)
        ask_widget(page, "who chairs the co-production workshop?")  # the programme's, still
        expect(page.locator(".pa-msg.pa-bot").last).to_contain_text("Bob Klaber")


def check_file(page: Page, name: str, data: bytes) -> None:
    page.get_by_label("Programme file").set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": data}
    )
    page.get_by_role("button", name="Check", exact=True).click()


def test_a_junk_csv_is_refused_with_its_problems_listed(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/organiser/programme")
        check_file(page, "broken.csv", (DATA / "junk.csv").read_bytes())
        expect(page.locator("#update-status")).to_have_text(
            "Not published: broken.csv: 2 errors; the programme was not changed", timeout=WAIT
        )
        problems = page.locator("#update-problems li")
        expect(problems.nth(0)).to_have_text(
            "broken.csv:3: a quote opened here is never closed: the rest of this line and the 1 "
            "line after it became one cell"
        )
        expect(problems.nth(1)).to_contain_text("none of the 2 sessions has a date and a time")
        expect(problems.nth(2)).to_contain_text("column 'when' is not read")
        expect(problems).to_have_count(6)
        expect(page.locator("#preview")).to_be_hidden()
        shot(page, "programme-refused")


def test_a_programme_is_previewed_confirmed_published_and_rolled_back(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/organiser/programme")
        check_file(page, "new_programme.txt", (DATA / "new_programme.txt").read_bytes())
        preview = page.locator("#preview")
        expect(preview).to_be_visible(timeout=WAIT)
        expect(page.locator("#preview-summary")).to_contain_text(
            "2 added, 1 removed, 0 changed, 0 unchanged"
        )
        expect(preview.get_by_role("heading", name="Added (2)")).to_be_visible()
        expect(preview).to_contain_text("S1: Recognising sepsis early on the ward")
        expect(preview).to_contain_text("B6: Co-production to build resilient communities")
        shot(page, "programme-preview")
        assert httpx.get(url + "/readyz").json()["sessions"] == 1  # nothing live yet

        page.get_by_role("button", name="Publish…").click()
        expect(page.get_by_role("alert")).to_contain_text("Replace “forum” (1 session)")
        page.get_by_role("button", name="Yes, publish it").click()
        expect(page.locator("#progress-text")).to_have_text(
            "Published: now answering from new_programme: 2 sessions", timeout=WAIT
        )
        expect(page.locator("#desk-programme-title")).to_have_text("new_programme")
        expect(page.locator("#programme-sessions")).to_have_text("2")
        history = page.locator("#history li")
        expect(history).to_have_count(2)
        expect(history.nth(0)).to_contain_text("new_programme — 2 sessions — new_programme.txt")
        expect(history.nth(0)).to_contain_text("(live now)")

        history.nth(1).get_by_role("button", name=re.compile("^Roll back to forum")).click()
        expect(page.locator("#progress-text")).to_have_text(
            "Published: rolled back to forum: 1 session", timeout=WAIT
        )
        expect(page.locator("#desk-programme-title")).to_have_text("forum")
        expect(history.nth(1)).to_contain_text("(live now)")
        shot(page, "programme-rolled-back")


def big_programme(count: int) -> bytes:
    """A CSV of count sessions, each with text of its own (so every chunk is embedded)."""
    rows = ["id,title,date,start,end,room,speakers,abstract"]
    for i in range(count):
        rows.append(
            f"P{i},Poster {i}: ward study number {i * 7919 % 1000},2025-05-22,"
            f"{9 + i % 8:02d}:00,{9 + i % 8:02d}:45,Hall {i % 5},Author {i},"
            f"Study {i} followed {i * 13} patients on ward {i % 17} for {i % 9 + 2} weeks."
        )
    return ("\n".join(rows) + "\n").encode()


def test_the_progress_bar_moves_with_the_build(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/organiser/programme")
        check_file(page, "posters.csv", big_programme(160))
        expect(page.locator("#preview")).to_be_visible(timeout=WAIT)
        page.evaluate(
            """() => {
              window.seen = [];
              const bar = document.getElementById('update-progress');
              new MutationObserver(() => window.seen.push(Number(bar.value)))
                .observe(bar, {attributes: true, attributeFilter: ['value', 'aria-valuetext']});
            }"""
        )
        page.get_by_role("button", name="Publish…").click()
        page.get_by_role("button", name="Yes, publish it").click()
        expect(page.locator("#progress-text")).to_contain_text("embedding chunks:", timeout=WAIT)
        expect(page.locator("#progress-text")).to_have_text(
            "Published: now answering from posters: 160 sessions", timeout=WAIT * 3
        )
        seen = page.evaluate("window.seen")
    values = list(dict.fromkeys(seen))
    between = [v for v in values if 0 < v < 1]
    assert len(between) >= 3, values  # it moved, and not in one jump from 10% to 92%
    assert values == sorted(values), values
    assert values[-1] == 1


def test_an_enquiry_with_a_two_sentence_question_and_an_edited_answer(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        page = desk_page(url)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        page.goto(url + "/organiser")
        page.get_by_label("Paste the enquiry").fill(
            "Hello, my colleague would like something about co-production with parents. "
            "Anything suitable?\n\nMany thanks,\nPriya"
        )
        page.get_by_role("button", name="Draft answers").click()
        expect(page.locator("#enquiry-status")).to_have_text("1 question answered.", timeout=WAIT)
        draft = page.locator("#drafts section.draft")
        expect(draft).to_have_count(1)
        expect(draft.locator("h3")).to_have_text(
            "My colleague would like something about co-production with parents. Anything suitable?"
        )
        expect(draft.locator(".asked")).to_have_text(
            "Asked as: Is there anything about co-production with parents?"
        )
        expect(draft.get_by_role("link")).to_have_text(
            re.compile("^Co-production to build resilient communities — ")  # and its part
        )
        expect(page.get_by_label("Greeting")).to_have_value("Dear Priya,")
        reply = page.get_by_label("The whole reply")
        expect(reply).to_have_value(re.compile(r"^Dear Priya,\n\n> My colleague would like"))
        expect(reply).to_have_value(
            re.compile(
                r"Sessions:\n- Co-production to build resilient communities: "
                + re.escape(url)
                + r"/sessions/B6\n\nBest wishes,\nThe programme team$"
            )
        )
        shot(page, "enquiry-two-sentences")

        page.get_by_label("Answer 1").fill("Yes, there is a workshop on Thursday afternoon.")
        expect(draft.get_by_role("link")).to_have_count(0)  # it names no session any more
        expect(reply).not_to_have_value(re.compile("Sessions:"))
        page.get_by_label("Answer 1").fill(
            "Yes: Co-production to build resilient communities, Thursday 13:15."
        )
        expect(draft.get_by_role("link")).to_have_count(1)
        page.get_by_label("Signature").fill("Warm wishes,\nJo, programme team")
        expect(reply).to_have_value(re.compile(r"\n\nWarm wishes,\nJo, programme team$"))


def test_a_batch_with_a_follow_up_row(serve: Serve, desk_page: Callable[[str], Page]) -> None:
    upload = (
        "id,enquiry\n"
        'E1,"Is there a session on co-production? If so, when?"\n'
        "E2,Who chairs the co-production workshop?\n"
        "E2,When is it?\n"
        "E3,Is there bike parking? If so where?\n"
    )
    with serve() as url:
        page = desk_page(url)
        page.goto(url + "/organiser")
        page.get_by_label(re.compile("^CSV with an")).set_input_files(
            {"name": "in.csv", "mimeType": "text/csv", "buffer": upload.encode()}
        )
        page.get_by_role("button", name="Answer the CSV").click()
        expect(page.locator("#batch-status")).to_have_text("Answers ready.", timeout=WAIT)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download answers.csv").click()
        text = Path(download.value.path()).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["id"], r["abstained"]) for r in rows] == [
        ("E1", "false"),
        ("E2", "false"),
        ("E2", "false"),
        ("E3", "true"),
    ]
    assert rows[0]["enquiry"] == "Is there a session on co-production? If so, when?"
    assert "> If so, when?\n" in rows[0]["answer"] and "13:15" in rows[0]["answer"]
    assert "13:15" in rows[2]["answer"]  # 'When is it?' follows its row before
    assert rows[3]["answer"] == (  # a venue question, and no 'if so' after it
        f"> Is there bike parking?\n{DESK_TEXT}\n\n> If so where?\nNot applicable: the "
        "programme has nothing on the question before this one."
    )
    assert rows[0]["sources"] == (
        f"'- Co-production to build resilient communities: {url}/sessions/B6"
    )


def test_the_report_plots_the_questions_exports_csv_and_answers_a_group(
    serve: Serve, desk_page: Callable[[str], Page]
) -> None:
    with serve() as url:
        for message in (
            "where can I get coffee?",
            "is there coffee anywhere?",
            "who chairs B6?",
            "is there wifi?",
        ):
            assert httpx.post(url + "/api/chat", json={"message": message}, timeout=60).is_success
        page = desk_page(url)
        page.goto(url + "/organiser/report")
        expect(page.locator("#report-summary")).to_contain_text("4 questions")
        plot = page.locator("#plot-questions svg")
        expect(plot).to_have_attribute("role", "img")
        assert plot.locator("circle.point").count() >= 1
        expect(page.locator("#plot-unanswered svg circle.point")).not_to_have_count(0)
        rows = page.locator("#report tbody tr")
        expect(rows.nth(0).locator("td").nth(0)).to_have_text("where can I get coffee?")
        shot(page, "report")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download CSV").click()
        exported = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
        assert exported[0][:3] == ["question", "asked", "unanswered"]
        assert exported[1][:3] == ["where can I get coffee?", "2", "2"]

        rows.nth(0).get_by_role("link", name="Answer this").click()
        expect(page.get_by_label("Question, as delegates ask it")).to_have_value(
            "where can I get coffee?"
        )
        page.get_by_label("Answer", exact=True).fill("At the bar in the foyer, all day.")
        page.get_by_role("button", name="Save entry").click()
        expect(page.locator("#faq-status")).to_have_text("Saved: where can I get coffee?")
        expect(page.locator("#faq-entries")).to_contain_text("At the bar in the foyer, all day.")
        answer = httpx.post(url + "/api/chat", json={"message": "where can I get a coffee?"}).json()
        assert answer["citations"][0]["session_id"] == "faq:coffee"
        page.goto(url + "/organiser/report")
        done = page.locator("#report tbody tr.done")
        expect(done.locator("td").nth(0)).to_have_text("where can I get coffee?")
        expect(done).to_contain_text("asked 1 time since")


def test_the_desk_pages_have_no_serious_accessibility_violations(
    serve: Serve, browser: Any
) -> None:
    with serve() as url:
        httpx.post(url + "/api/chat", json={"message": "is there parking?"}, timeout=60)
        context = browser.new_context(bypass_csp=True)  # axe goes in as an inline script
        context.add_cookies([desk_cookie(url)])
        page = context.new_page()
        try:
            for path in ("/organiser/report", "/organiser/faq", "/organiser/programme", "/faq"):
                page.goto(url + path)
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("async () => await axe.run()")
                bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
                assert bad == [], (path, [(v["id"], len(v["nodes"])) for v in bad])
        finally:
            context.close()
