"""The one settings object: read from ASSISTANT_* environment variables and command-line flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


@dataclass(frozen=True, slots=True)
class Budget:
    """Caps on one programme's size, so a huge or hostile file is refused, not built.

    The defaults are sized for 20,000 sessions; each cap's error names its setting."""

    max_bytes: int = 50_000_000  # one file, counted while it is read
    max_rows: int = 100_000  # a CSV's lines, counted while it is read
    max_sessions: int = 25_000  # all files together, counted once parsed
    max_chunks: int = 500_000  # counted as sessions are cut, before anything is embedded

    # the settings that raise each cap, named in its error
    BYTES_SETTING: ClassVar[str] = "ASSISTANT_MAX_PROGRAMME_MB"
    ROWS_SETTING: ClassVar[str] = "ASSISTANT_MAX_PROGRAMME_ROWS"
    SESSIONS_SETTING: ClassVar[str] = "ASSISTANT_MAX_SESSIONS"
    CHUNKS_SETTING: ClassVar[str] = "ASSISTANT_MAX_CHUNKS"


SHARED_ORGANISER = "organiser"  # whom ASSISTANT_ORGANISER_TOKEN lets in
ORGANISER_NAME = re.compile(r"[A-Za-z0-9._-]{1,40}")
MIN_TOKEN_CHARS = 16


def parse_organisers(text: str) -> dict[str, str]:
    """`alice:TOKEN1,bob:TOKEN2` as {name: token}, or ValueError saying which part is wrong."""
    people: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, colon, token = part.partition(":")
        name, token = name.strip(), token.strip()
        if not colon or not ORGANISER_NAME.fullmatch(name):
            raise ValueError(
                f"ASSISTANT_ORGANISERS: {name[:40]!r} is not NAME:TOKEN with a name of 1-40 "
                "letters, digits, '.', '_' or '-'"
            )
        if len(token) < MIN_TOKEN_CHARS:
            raise ValueError(
                f"ASSISTANT_ORGANISERS: {name}'s token is shorter than {MIN_TOKEN_CHARS} characters"
            )
        if name in people:
            raise ValueError(f"ASSISTANT_ORGANISERS: {name} is named twice")
        people[name] = token
    return people


class Settings(BaseSettings):
    """Every knob of the assistant, each with a default and a description."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    index_dir: Path = Field(
        Path("index/current"), description="Folder of the built index to serve."
    )
    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port the server listens on.")
    title: str | None = Field(
        None,
        description="The conference's name on pages, feeds and calendars; unset uses the "
        "programme file's own.",
    )
    now: str | None = Field(
        None,
        description="Fixed clock for 'now / next' (ISO time, programme-local without an offset); "
        "unset uses the real clock.",
    )
    organiser_token: str | None = Field(
        None,
        description="A credential for the organiser desk shared by everyone, who is then "
        "'organiser'; the desk is off when neither this nor organisers is set.",
    )
    organisers: str = Field(
        "",
        description="Per-person desk credentials, NAME:TOKEN,NAME:TOKEN (names 1-40 of "
        "A-Za-z0-9._-, tokens at least 16 characters); each person is let in by their name.",
    )
    rate_limit: int = Field(
        120, ge=0, description="Chat requests per minute per client; 0 turns limiting off."
    )
    cors_origins: str = Field(
        "", description="Comma-separated origins allowed to embed the widget."
    )
    log_questions: bool = Field(True, description="Log chat questions for the organiser report.")
    log_retention_days: int = Field(
        90, ge=1, description="Days a logged question is kept before it is deleted."
    )
    database_url: str = Field(
        "sqlite:///data/questions.db",
        validation_alias=AliasChoices("DATABASE_URL", "ASSISTANT_DATABASE_URL"),
        description="Where the question log lives (sqlite:///... or postgresql://...).",
    )
    index_watch_seconds: float = Field(
        2.0,
        ge=0,
        description="Seconds between checks of the index folder's manifest, so a replica loads "
        "an index rebuilt elsewhere; 0 turns the watch off.",
    )
    max_message_chars: int = Field(
        1000, ge=1, description="Longest chat message accepted; longer ones get a 422."
    )
    max_results: int = Field(
        8, ge=1, description="Sessions listed in one answer before 'and N more'."
    )
    information_desk: str = Field(
        "The programme doesn't cover that — please ask at the information desk.",
        min_length=1,
        description="The answer to a venue or logistics question the FAQ has no entry for.",
    )
    reply_greeting: str = Field(
        "Dear {name},",
        description="How a drafted enquiry reply opens; {name} is the sender's (else 'Hello,').",
    )
    reply_signature: str = Field(
        "Best wishes,\nThe programme team", description="How a drafted enquiry reply closes."
    )
    workers: int = Field(
        0,
        ge=0,
        description="Server processes sharing the port, each with its own model; 0: one per CPU.",
    )
    answer_cache_size: int = Field(
        4096,
        ge=0,
        description="Replies remembered per worker for repeated questions (LRU); 0 turns it off.",
    )
    answer_threads: int = Field(
        4,
        ge=1,
        description="Questions a worker works out at once; more wait their turn, while replies "
        "in the answer cache are sent straight away.",
    )
    drain_seconds: float = Field(
        3.0,
        ge=0,
        description="After SIGTERM, seconds a server keeps answering while /readyz says "
        "'draining', so the balancer stops sending before it stops accepting.",
    )
    shared_dir: Path | None = Field(
        None,
        description="Folder the workers of one server share (rate-limit counts, metrics); "
        "serve sets it when it starts more than one worker.",
    )
    max_programme_mb: int = Field(
        50, ge=1, description="Largest programme file read or uploaded, in MB (10^6 bytes)."
    )
    max_programme_rows: int = Field(
        100_000, ge=1, description="Most rows a CSV programme file may have (its lines)."
    )
    max_sessions: int = Field(
        25_000, ge=1, description="Most sessions one programme may have, all files together."
    )
    max_chunks: int = Field(
        500_000, ge=1, description="Most search chunks a programme may be cut into."
    )
    build_memory_mb: int = Field(
        4096,
        ge=256,
        description="Memory ceiling of a programme check and build (the desk's worker process "
        "and the check and build commands), in MiB.",
    )
    max_chat_bytes: int = Field(
        16_384, ge=1024, description="Largest chat request body; larger ones get a 413 unread."
    )
    organiser_session_hours: float = Field(
        12, gt=0, description="Hours an organiser stays logged in; the server enforces it."
    )
    public_url: str = Field(
        "",
        description="The address delegates reach this server at (https://programme.example.org)"
        "; links in pages and calendar files are built from it, never from the Host header. "
        "Unset: pages link relatively, calendars to http://HOST:PORT.",
    )
    trusted_hosts: str = Field(
        "",
        description="Comma-separated host names requests may carry (*.example.org allowed); "
        "others get a 400. Unset: any.",
    )
    forwarded_allow_ips: str = Field(
        "",
        validation_alias=AliasChoices("ASSISTANT_FORWARDED_ALLOW_IPS", "FORWARDED_ALLOW_IPS"),
        description="Addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed (comma-separated, * for any); unset: none, the socket's peer is the client.",
    )
    api_docs: bool = Field(
        True, description="Serve /docs (Swagger UI from vendored files, under the page CSP)."
    )

    @field_validator("organisers")
    @classmethod
    def _organisers_parse(cls, value: str) -> str:
        parse_organisers(value)  # a clear error at start, not at the first login
        return value

    @property
    def organiser_credentials(self) -> dict[str, str]:
        """Everyone the desk lets in: {name: token}; the shared token is 'organiser'."""
        people = parse_organisers(self.organisers)
        if self.organiser_token:
            people.setdefault(SHARED_ORGANISER, self.organiser_token)
        return people

    @property
    def desk_on(self) -> bool:
        """Whether the organiser desk is served: someone has a credential."""
        return bool(self.organiser_token or self.organisers.strip())

    @property
    def budget(self) -> Budget:
        """The caps a programme check or build enforces."""
        return Budget(
            max_bytes=self.max_programme_mb * 1_000_000,
            max_rows=self.max_programme_rows,
            max_sessions=self.max_sessions,
            max_chunks=self.max_chunks,
        )

    @property
    def trusted_host_list(self) -> list[str]:
        """The trusted hosts as a list."""
        return [h.strip() for h in self.trusted_hosts.split(",") if h.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        """The CORS allow-list as a list."""
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]
