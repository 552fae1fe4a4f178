"""The HTTP edge's pydantic models: what each route accepts and returns, for OpenAPI."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictStr, create_model

MAX_AGENDA_IDS = 500  # starred sessions a chat request may carry
MAX_SESSION_ID_CHARS = 200
SessionId = Annotated[StrictStr, Field(min_length=1, max_length=MAX_SESSION_ID_CHARS)]


class ChatIn(BaseModel):
    """What a chat request carries; chat_request adds its bounds and descriptions."""

    message: str
    context: dict[str, Any] | None = None
    agenda: list[SessionId] | None = None


def chat_request(max_message_chars: int) -> type[ChatIn]:
    """The body of POST /api/chat; built per app because its length limit is a setting."""
    return create_model(
        "ChatRequest",
        __base__=ChatIn,
        message=(
            str,
            Field(
                min_length=1,
                max_length=max_message_chars,
                description="The delegate's question.",
                examples=["who is speaking about patient safety research?"],
            ),
        ),
        context=(
            dict[str, Any] | None,
            Field(None, description="The previous reply's context, sent back as it came."),
        ),
        agenda=(
            list[SessionId] | None,
            Field(
                None,
                max_length=MAX_AGENDA_IDS,
                description=(
                    "Optional: the ids of the sessions starred on the asker's device, so "
                    '"what\'s on my agenda?" or "do any of my sessions clash?" is answered '
                    "from them (the server keeps no agenda). Ids not in the programme are "
                    "ignored; without this field such questions are answered that the agenda "
                    "is kept on the device."
                ),
                examples=[["B6"]],
            ),
        ),
    )


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated for clients that only see the body.")
    message: str = Field(description="What went wrong, naming the bad input.")


class ErrorOut(BaseModel):
    """The one error shape of every route."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 404, 409, 413, 422, 429, 500, 503)
}


class CitationOut(BaseModel):
    session_id: str
    title: str
    part: str
    url: str
    snippet: str


class AgendaChangeOut(BaseModel):
    """Sessions the client stars or unstars on its device, as the reply asks."""

    add: list[str] = Field(description="Session ids to star.")
    remove: list[str] = Field(description="Session ids to unstar.")


class ReplyOut(BaseModel):
    """The reply of POST /api/chat, as CONTRACT.md fixes it, and one field beyond it."""

    answer: str
    abstained: bool
    citations: list[CitationOut]
    context: dict[str, Any]
    suggestions: list[str]
    lang: str = Field(description="The language the answer is written in: 'en' or 'de'.")
    agenda: AgendaChangeOut | None = Field(
        None,
        description=(
            "Only in replies to 'add it to my agenda', 'remove it from my agenda' and the "
            "like: the sessions to star or unstar in the device's agenda. Absent otherwise."
        ),
    )


class PersonOut(BaseModel):
    id: str
    name: str
    honorific: str
    role: str
    organisation: str
    country: str
    affiliation: str


class PartOut(BaseModel):
    index: int
    title: str
    abstract: str
    objectives: list[str]
    speakers: list[PersonOut]


class SessionSummary(BaseModel):
    id: str
    code: str
    title: str
    subtitle: str
    scheduled: bool
    day: date | None
    start: datetime | None = Field(description="ISO 8601, in the programme's time zone.")
    end: datetime | None
    start_time: str = Field(description="As the programme writes it, e.g. 13:15.")
    end_time: str
    when: str = Field(description="e.g. 'Thursday 22 May 2025, 13:15–14:30'.")
    room: str
    stream: str
    format: str
    url: str = Field(description="This assistant's page of the session.")
    ics: str | None = Field(description="The session's calendar file; null when unscheduled.")


class SessionDetail(SessionSummary):
    group: str
    content_filters: list[str]
    keywords: list[str]
    language: str
    recorded: bool | None
    source_url: str = Field(description="The session's page in the source programme, if any.")
    abstract: str
    objectives: list[str]
    chairs: list[PersonOut]
    parts: list[PartOut]
    speakers: list[PersonOut]


class AppearanceOut(BaseModel):
    session_id: str
    session_title: str
    capacity: str
    part_index: int | None
    part_title: str
    url: str


class ParticipantSummary(PersonOut):
    session_ids: list[str]


class ParticipantDetail(PersonOut):
    appearances: list[AppearanceOut]


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str = Field(description="'ready'.")
    sessions: int
    people: int
    programme: str
    index_version: str = Field(description="The served index's version (its manifest's).")


class NotReady(ErrorOut):
    """/readyz's 503: the error shape, and whether the server is loading or draining."""

    status: str = Field(description="'loading', 'unavailable' or 'draining' (after SIGTERM).")
