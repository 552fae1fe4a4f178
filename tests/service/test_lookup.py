"""Finding the session a link or a script names."""

from __future__ import annotations

import pytest

from assistant.errors import NotFoundError
from assistant.programme import Part, Session, make_programme
from assistant.service.lookup import find_session

BLOCK = Session(
    id="s57l5",
    title="Online Computing",
    parts=(
        Part(index=1, title="Run control", source_id="s57c101"),
        Part(index=2, title="Online monitoring", source_id="s57c208"),
    ),
)
PROGRAMME = make_programme("CHEP", (BLOCK,))


def test_a_session_is_found_by_its_id_in_any_case():
    assert find_session(PROGRAMME, "S57L5") is PROGRAMME.sessions[0]


def test_a_part_cited_by_its_own_id_opens_its_session():
    assert find_session(PROGRAMME, "s57c208").id == "s57l5"


def test_an_unknown_id_is_not_found():
    with pytest.raises(NotFoundError):
        find_session(PROGRAMME, "s57c999")
