"""Schemathesis against /openapi.json, without the organiser token and with it: whatever the
schema allows a client to send, no 5xx and no status code the schema does not document."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

EXAMPLES_PER_OPERATION = 15
TOKEN = "schemathesis-organiser-token"
CHECKS = [not_a_server_error, status_code_conformance]


@pytest.mark.parametrize("credential", ["none", "organiser token"])
def test_no_request_the_schema_allows_is_a_server_error_or_an_undocumented_status(
    make_client: Callable[..., TestClient], seed_index: Path, tmp_path: Path, credential: str
) -> None:
    index_dir = tmp_path / "index"  # the desk's uploads build into a copy, never the shared one
    shutil.copytree(seed_index, index_dir)
    client = make_client(
        rate_limit=0, log_questions=False, organiser_token=TOKEN, index_dir=index_dir
    )
    headers = {"Authorization": f"Bearer {TOKEN}"} if credential != "none" else {}
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    checked, statuses = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def conforms(case: Any) -> None:
            response = case.call(headers=headers)
            where = f"{case.method} {case.formatted_path}"
            statuses.add((f"{case.method} {case.operation.path}", response.status_code))
            case.validate_response(response, checks=CHECKS, headers=headers)
            if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
                body = response.json()
                assert body["error"]["status"] == response.status_code, where
                assert body["error"]["message"], where

        conforms()
        checked.append(f"{operation.method.upper()} {operation.path}")
        client.app.state.service.updater.wait(60)  # type: ignore[attr-defined]
    assert "POST /api/chat" in checked
    assert "POST /organiser/api/programme" in checked
    assert len(checked) >= 14, checked
    desk = {code for where, code in statuses if "/organiser/" in where}
    if credential == "none":
        assert desk == {401}
    else:
        assert 401 not in desk and 200 in desk
