"""The one settings object: read from ASSISTANT_* environment variables and command-line flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        None, description="The organiser desk's credential; the desk is off when unset."
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

    @property
    def cors_origin_list(self) -> list[str]:
        """The CORS allow-list as a list."""
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]
