"""The programme's pages, feeds and the embedding check over HTTP (issue 15): search, day tabs,
filters, now and next, speaker pages, session pages, the compact programme, the .ics feed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from assistant.config import Settings
from assistant.service.app import create_app

B6_TITLE = "Co-production to build resilient communities"


@pytest.fixture(scope="module")
def c3(c3_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(c3_app) as client:
        yield client


def main_of(page: str) -> str:
    return page.split('<main id="content"', 1)[1].split("</main>", 1)[0]


def listed(page: str) -> str:
    """The list a search or filter chose, after now-and-next and the form."""
    return main_of(page).split('<p class="found">', 1)[1].split('<section class="embed"')[0]


# ---------------------------------------------------------------- the seed


def test_home_shows_what_is_next_at_the_servers_clock(client: TestClient) -> None:
    page = main_of(client.get("/").text)
    next_at = page.split("<h3>Next, at ", 1)[1]
    assert next_at.startswith('<time datetime="2025-05-22T13:15:00">13:15</time></h3>')
    assert '<a href="/sessions/B6"><span class="code">B6</span> ' + B6_TITLE in next_at
    assert "On now" not in page  # 13:00: nothing has started


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=pozzobon", "1 of 1 sessions match."),
        ("q=co-production+safety", "1 of 1 sessions match."),
        ("q=quantum", "0 of 1 sessions match."),
    ],
)
def test_the_search_box_finds_sessions_by_words(client: TestClient, query: str, found: str) -> None:
    page = main_of(client.get("/?" + query).text)
    assert f'<p class="found">{found}</p>' in page
    assert ('href="/sessions/B6"' in listed(client.get("/?" + query).text)) == found.startswith("1")


def test_the_conference_is_called_by_its_title_setting(
    seed_index: Path, seed_assistant: Any
) -> None:
    settings = Settings(index_dir=seed_index, title="Forum 2025", log_questions=False)
    with TestClient(create_app(settings, seed_assistant)) as titled:
        page = titled.get("/").text
        assert "<title>Forum 2025</title>" in page
        assert "<h1>Forum 2025</h1>" in page
        assert titled.get("/programme.json").json()["title"] == "Forum 2025"
        feed = Calendar.from_ical(titled.get("/programme.ics").content)
        assert str(feed["X-WR-CALNAME"]) == "Forum 2025"


def test_a_speaker_page_lists_their_sessions(client: TestClient) -> None:
    response = client.get("/people/laura-pozzobon")
    assert response.status_code == 200
    page = main_of(response.text)
    assert "<h1>Laura Pozzobon</h1>" in page
    assert '<p class="affiliation">University Health Network; Canada</p>' in page
    assert '<a href="/sessions/B6"><span class="code">B6</span> ' + B6_TITLE in page
    assert 'data-star="B6"' in page
    assert client.get("/people/nobody-here").status_code == 404


def test_the_speakers_page_links_everyone_a_to_z(client: TestClient) -> None:
    page = main_of(client.get("/people").text)
    names = re.findall(r'/people/[a-z-]+">([^<]+)</a>', page)
    assert names == [
        "Akudo Okereafor",
        "Bob Klaber",
        "Laura Pozzobon",
        "Lucy Robin",
        "Melissa Sheldrick",
    ]


def test_the_agenda_page_points_at_the_feeds(client: TestClient) -> None:
    page = main_of(client.get("/agenda").text)
    assert '<div id="agenda" class="agenda" data-programme="/programme.json"' in page
    assert 'href="/programme.ics">Subscribe to the whole programme' in page


def test_the_compact_programme_has_what_a_device_needs_and_no_abstracts(
    client: TestClient,
) -> None:
    response = client.get("/programme.json")
    assert response.headers["cache-control"] == "no-cache"
    body = response.json()
    assert (body["title"], body["now"]) == ("forum", "2025-05-22T13:00")
    (b6,) = body["sessions"]
    assert b6 == {
        "id": "B6",
        "code": "B6",
        "title": B6_TITLE,
        "start": "2025-05-22T13:15",
        "end": "2025-05-22T14:30",
        "day": "Thursday 22 May 2025",
        "when": "Thursday 22 May 2025, 13:15–14:30",
        "room": "",
        "speakers": ["Akudo Okereafor", "Lucy Robin", "Laura Pozzobon", "Melissa Sheldrick"],
        "url": "/sessions/B6",
        "parts": [
            [1, b6["parts"][0][1]],
            [
                2,
                "Engage to elevate: designing research with patients and care partners to "
                "improve our understanding of safety",
            ],
        ],
    }


def test_the_service_worker_is_served_from_the_root(client: TestClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["service-worker-allowed"] == "/"
    assert "/api/" in response.text  # the chat API is never served from the cache


# ---------------------------------------------------------------- embedding


def test_an_unlisted_origin_is_refused_readably_and_logged_once(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    origin = "https://unlisted.example"
    preflight = client.options(
        "/api/chat",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == origin
    with caplog.at_level(logging.WARNING, logger="assistant.service.embedding"):
        for _ in range(2):
            refused = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": origin})
            assert refused.status_code == 403
            assert refused.json() == {
                "error": {
                    "status": 403,
                    "message": "this site (https://unlisted.example) is not allowed to use the "
                    "assistant: the server's ASSISTANT_CORS_ORIGINS setting does not list it",
                }
            }
            assert refused.headers["access-control-allow-origin"] == origin
    assert [r.getMessage() for r in caplog.records if r.name == "assistant.service.embedding"] == [
        "refused a chat request from https://unlisted.example: add it to "
        "ASSISTANT_CORS_ORIGINS to let that site embed the widget"
    ]


def test_the_sites_own_pages_and_scripts_without_an_origin_are_answered(
    client: TestClient,
) -> None:
    own = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "http://testserver"})
    assert own.status_code == 200
    # behind a proxy that rewrites Host: the browser's own word, or the forwarded host
    proxied = {"Origin": "https://conf.example", "Host": "app:8000"}
    for extra in ({"Sec-Fetch-Site": "same-origin"}, {"X-Forwarded-Host": "conf.example"}):
        answered = client.post("/api/chat", json={"message": "hi"}, headers={**proxied, **extra})
        assert answered.status_code == 200, extra
    refused = client.post("/api/chat", json={"message": "hi"}, headers=proxied)
    assert refused.status_code == 403
    assert client.post("/api/chat", json={"message": "hi"}).status_code == 200


# ---------------------------------------------------------------- 36C3


@pytest.mark.slow
def test_36c3_opens_on_the_day_of_the_clock_with_tabs_for_every_day(c3: TestClient) -> None:
    page = main_of(c3.get("/").text)
    tabs = re.findall(r'<li><a href="\?day=([^"]+)"( aria-current="page")?>([^<]+)</a>', page)
    assert tabs == [
        ("2019-12-27", "", "Fri 27 Dec"),
        ("2019-12-28", ' aria-current="page"', "Sat 28 Dec"),
        ("2019-12-29", "", "Sun 29 Dec"),
        ("2019-12-30", "", "Mon 30 Dec"),
        ("all", "", "All days"),
    ]
    assert re.findall(r'<h2 id="day-\d+">([^<]+)</h2>', page) == ["Saturday 28 December 2019"]
    assert "<h3>On now</h3>" in page


@pytest.mark.slow
def test_36c3_filters_by_language_track_and_words(c3: TestClient) -> None:
    programme = c3.app.state.service.assistant.programme  # type: ignore[attr-defined]
    german = main_of(c3.get("/?lang=de").text)
    assert '<option value="de" selected>German</option>' in german
    expected = sum(1 for s in programme.sessions if s.language == "de")
    assert f'<p class="found">{expected} of 498 sessions match.</p>' in german
    facts = re.findall(r'<p class="facts">([^<]*)</p>', listed(c3.get("/?lang=de").text))
    assert len(facts) == expected and all(f.endswith("· German") for f in facts)
    tor = main_of(c3.get("/?q=namecoin+tor&track=Stage").text)
    assert '<p class="found">1 of 498 sessions match.</p>' in tor
    assert "Adventures and Experiments Adding Namecoin to Tor Browser" in tor


@pytest.mark.slow
def test_a_36c3_session_page_names_speakers_first_and_prints_the_abstract_once(
    c3: TestClient,
) -> None:
    page = main_of(c3.get("/sessions/10935").text)
    assert '<h1 lang="de">Aus dem Schimpfwörterbuch der neuen Rechten</h1>' in page
    assert page.index('href="/people/josch">josch</a>') < page.index("abstract")
    assert page.count("Der Vortrag gibt auf der Basis umfangreicher") == 1
    assert "<dt>Language</dt><dd>German</dd>" in page
    assert '<div class="abstract" lang="de">' in page
    assert "10935:" not in page  # the export's id stays in URLs only


@pytest.mark.slow
def test_the_36c3_feed_has_every_scheduled_event_titled_without_ids(c3: TestClient) -> None:
    response = c3.get("/programme.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].startswith("inline;")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 498
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Adventures and Experiments Adding Namecoin to Tor Browser" in summaries
    assert not [s for s in summaries if re.match(r"^\d+: ", s)]
