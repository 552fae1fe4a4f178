"""/docs: Swagger UI from this server's own pinned files, under the pages' CSP."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.service.app import create_app
from assistant.service.middleware import PAGE_CSP

VENDORED = Path(__file__).resolve().parents[2] / "web" / "static" / "docs"


def test_docs_load_only_this_servers_scripts_under_the_page_csp(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-security-policy"] == PAGE_CSP
    assert docs.headers["x-frame-options"] == "DENY"
    assert re.findall(r'<script[^>]*src="([^"]+)"', docs.text) == [
        "/static/docs/swagger-ui-bundle.js",
        "/static/docs/docs.js",
    ]
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", docs.text) == []  # nothing inline
    assert "http" not in docs.text  # no CDN, no absolute address at all
    assert 'data-openapi="/openapi.json"' in docs.text
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', docs.text):
        assert client.get(path).status_code == 200, path
    assert client.get("/redoc").status_code == 404


def test_the_vendored_files_are_the_pinned_ones() -> None:
    table = (VENDORED / "README.md").read_text()
    pinned = dict(re.findall(r"^\| (\S+) \| ([0-9a-f]{64}) \|$", table, re.MULTILINE))
    assert set(pinned) == {"swagger-ui-bundle.js", "swagger-ui.css"}
    for name, digest in pinned.items():
        assert hashlib.sha256((VENDORED / name).read_bytes()).hexdigest() == digest, name


def test_docs_are_off_when_turned_off(web_settings: Settings, seed_assistant: Any) -> None:
    off = create_app(web_settings.model_copy(update={"api_docs": False}), seed_assistant)
    client = TestClient(off)
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 200  # the schema is not the page


@pytest.mark.browser
def test_swagger_ui_runs_under_the_csp_in_a_real_browser(browser: Any, live_url: str) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(live_url + "/docs")
        page.wait_for_selector(".opblock", timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/api/chat" in paths
        assert problems == []
    finally:
        page.close()
