"""The desk's report API: the dashboard for a date range as JSON, its plots as SVG, the grouped
questions as CSV, and marking a group done."""

# No `from __future__ import annotations`: FastAPI reads endpoint annotations at runtime.

from datetime import UTC, date, datetime, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.desk.access import GUARDED, DeskDep, DeskState, OrganiserDep, audit
from assistant.desk.charts import line_plot
from assistant.desk.report import Dashboard, Period, dashboard, entity_reader, report_csv
from assistant.programme import Programme, written_zone

router = APIRouter(tags=["organiser"], dependencies=GUARDED)

First = Annotated[date | None, Query(description="First day of the range (YYYY-MM-DD).")]
Last = Annotated[date | None, Query(description="Last day of the range, inclusive.")]


class DoneIn(BaseModel):
    keys: list[str] = Field(min_length=1, max_length=500, description="The group's keys.")
    done: bool = Field(True, description="False takes the mark off.")


def build_dashboard(state: DeskState, first: date | None, last: date | None) -> Dashboard | None:
    """The dashboard of the range, or None when the question log is off; 503 when it is down."""
    if state.report is None:
        return None
    if first and last and first > last:
        raise HTTPException(422, f"first: {first} is after last: {last}")
    assistant = state.require()
    titles = {s.id: s.title for s in assistant.programme.sessions}
    titles.update({f"faq:{e.id}": e.question for e in assistant.faq.entries})
    try:
        return dashboard(
            state.report,
            Period(first, last),
            report_zone(assistant.programme),
            assistant.retriever.embedder.embed,
            entity_reader(assistant.vocabulary),
            lambda i: titles.get(i, i),
        )
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the question log is not available: {exc.args[0]}") from None


def report_zone(programme: Programme) -> tzinfo:
    """Hours are the programme's own; a programme naming no zone gets the server's."""
    return written_zone(programme) or datetime.now().astimezone().tzinfo or UTC


def plots(board: Dashboard) -> dict[str, str]:
    """The two plots as SVG: questions per hour or day, and the share left unanswered."""
    labels = [b.label for b in board.buckets]
    unit = board.unit
    return {
        "questions": line_plot(
            f"Questions per {unit}",
            labels,
            [b.asked for b in board.buckets],
            describe=lambda label, v: f"{label}: {v:g} question{'s' if v != 1 else ''}",
        ),
        "unanswered": line_plot(
            f"Share of questions unanswered, per {unit}",
            labels,
            [b.share_unanswered for b in board.buckets],
            y_max=100,
            y_format=lambda v: f"{v:g}%",
            describe=lambda label, v: f"{label}: {v:.0f}% unanswered",
            color="#9a4a00",
        ),
    }


@router.get("/organiser/api/report")
def report(
    state: DeskDep,
    first: First = None,
    last: Last = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Groups to list.")] = 50,
) -> dict[str, Any]:
    """Questions per hour or day, the share unanswered, top topics, and the groups of
    paraphrases: unanswered first, done last."""
    board = build_dashboard(state, first, last)
    return board.to_json(limit) if board else {"logging": False, "groups": []}


@router.get(
    "/organiser/api/report.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def report_as_csv(state: DeskDep, first: First = None, last: Last = None) -> Response:
    """The grouped questions of the range as CSV."""
    board = build_dashboard(state, first, last)
    if board is None:
        raise HTTPException(404, "question logging is off (ASSISTANT_LOG_QUESTIONS=0)")
    name = f"questions-{first or 'start'}-to-{last or 'now'}.csv"
    return Response(
        report_csv(board.groups).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/organiser/api/report/{plot}.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def report_plot(plot: str, state: DeskDep, first: First = None, last: Last = None) -> Response:
    """One plot of the range as an SVG file: 'questions' or 'unanswered'."""
    board = build_dashboard(state, first, last)
    if board is None:
        raise HTTPException(404, "question logging is off (ASSISTANT_LOG_QUESTIONS=0)")
    drawn = plots(board)
    if plot not in drawn:
        raise HTTPException(404, f"no plot {plot!r}: 'questions' or 'unanswered'")
    return Response(drawn[plot], media_type="image/svg+xml")


@router.post("/organiser/api/report/done", status_code=204)
def mark_done(body: DoneIn, state: DeskDep, organiser: OrganiserDep) -> Response:
    """Mark a group done (or not): it moves to the end and says how often it was asked since."""
    if state.report is None:
        raise HTTPException(404, "question logging is off (ASSISTANT_LOG_QUESTIONS=0)")
    try:
        if body.done:
            state.report.mark_done(body.keys)
        else:
            state.report.reopen(body.keys)
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the question log is not available: {exc.args[0]}") from None
    action = "report group marked done" if body.done else "report group reopened"
    audit(state, organiser, action, ", ".join(body.keys))
    return Response(status_code=204)


@router.get("/organiser/api/audit")
def audit_log(state: DeskDep) -> dict[str, Any]:
    """The latest 200 things organisers did on the desk, newest first, times in UTC."""
    try:
        entries = state.audit.latest(200)
    except SQLAlchemyError as exc:
        raise HTTPException(503, f"the audit log is not available: {exc.args[0]}") from None
    return {"entries": [e.to_json() for e in entries]}
