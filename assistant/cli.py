"""The command line: check, build, ask, answer-enquiries, serve. Prints errors as `FILE:LINE: message`, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import AssistantError
from assistant.sources import LoadedProgramme, load_programme
from assistant.sources.problems import Severity


def _columns(pairs: Sequence[str] | None) -> dict[str, str] | None:
    """--columns title=Talk,speakers=Presenters -> {'title': 'Talk', 'speakers': 'Presenters'}."""
    if not pairs:
        return None
    mapping: dict[str, str] = {}
    for pair in ",".join(pairs).split(","):
        field_name, sep, header = pair.partition("=")
        if not sep or not field_name.strip() or not header.strip():
            raise AssistantError(f"--columns expects FIELD=HEADER pairs, got {pair!r}")
        mapping[field_name.strip()] = header.strip()
    return mapping


def summary_lines(loaded: LoadedProgramme) -> list[str]:
    """The check summary an organiser reads before publishing."""
    programme = loaded.programme
    sessions = programme.sessions
    unscheduled = sum(1 for s in sessions if not s.scheduled)
    rooms = Counter(s.room for s in sessions if s.room)
    streams = Counter(s.stream for s in sessions if s.stream)
    days = ", ".join(d.strftime("%A %d %B %Y") for d in programme.days) or "none"
    warnings = sum(1 for p in loaded.problems if p.severity is Severity.WARNING)
    return [
        f"programme: {programme.title}",
        f"files: {len(loaded.files)}",
        f"sessions: {len(sessions)}",
        f"people: {len(programme.people)}",
        f"days: {len(programme.days)} ({days})",
        f"rooms: {len(rooms)}" + (f" ({', '.join(sorted(rooms))})" if rooms else ""),
        f"streams: {len(streams)}" + (f" ({', '.join(sorted(streams))})" if streams else ""),
        f"unscheduled: {unscheduled}",
        f"problems: {len(loaded.errors)} errors, {warnings} warnings",
    ]


def cmd_check(args: argparse.Namespace) -> int:
    loaded = load_programme(args.paths, timezone=args.timezone, columns=_columns(args.columns))
    print("\n".join(summary_lines(loaded)))
    for problem in loaded.problems:
        print(f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else ""))
    return 1 if loaded.errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    from assistant.search.embedder import Embedder
    from assistant.search.store import build_index

    loaded = load_programme(args.paths, timezone=args.timezone, columns=_columns(args.columns))
    if loaded.errors:
        for problem in loaded.errors:
            print(problem, file=sys.stderr)
        count = len(loaded.errors)
        print(
            f"not built: {count} error{'s' if count != 1 else ''}; "
            f"the index in {args.index} is unchanged",
            file=sys.stderr,
        )
        return 1
    manifest = build_index(loaded, args.index, Embedder(), progress=not args.quiet)
    print(f"built {args.index}: {manifest.session_count} sessions, {manifest.chunk_count} chunks")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answers.engine import Assistant

    context = json.loads(args.context) if args.context else None
    if context is not None and not isinstance(context, dict):
        raise AssistantError("--context expects the JSON object of a previous reply's context")
    assistant = Assistant.load(args.index)
    reply = assistant.reply(args.question, context=context, now=assistant.clock(args.now))
    if args.json:
        print(json.dumps(reply.to_json(), ensure_ascii=False))
    else:
        print(reply.answer)
        for number, citation in enumerate(reply.citations, 1):
            part = f" — {citation.part}" if citation.part else ""
            print(f"  [{number}] {citation.session_id}: {citation.title}{part}")
        if reply.suggestions:
            print("You could ask: " + " | ".join(reply.suggestions))
    return 0


def cmd_answer_enquiries(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.answers.engine import Assistant
    from assistant.desk.enquiries import answer_rows, read_enquiry_csv, write_answer_csv
    from assistant.sources import read_text

    rows = read_enquiry_csv(read_text(args.input), str(args.input))
    assistant = Assistant.load(args.index)
    now = assistant.clock(args.now)
    assistant.retriever.embedder.embed(["warm-up"])  # load the model before the bar starts
    answers = []
    with tqdm(rows, unit="enquiry", desc="answering", disable=args.quiet) as bar:
        for row_id, draft in answer_rows(
            bar, lambda text, context: assistant.reply(text, context=context, now=now)
        ):
            answers.append((row_id, draft))
    # Written aside, then renamed: an interrupted run never leaves half a file at OUT.
    partial = args.output.with_name(f".{args.output.name}.partial")
    partial.write_text(write_answer_csv(answers), encoding="utf-8", newline="")
    partial.replace(args.output)
    unanswered = sum(1 for _, draft in answers if draft.abstained)
    print(
        f"answered {len(answers)} questions from {len(rows)} enquiries "
        f"({unanswered} not in the programme) -> {args.output}"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.answers.engine import Assistant
    from assistant.config import Settings
    from assistant.search.embedder import Embedder
    from assistant.service.app import create_app

    flags = {"index_dir": args.index, "host": args.host, "port": args.port, "now": args.now}
    flags["title"] = args.title
    # Flags win over ASSISTANT_* variables, which win over defaults.
    settings = Settings().model_copy(update={k: v for k, v in flags.items() if v is not None})
    # one torch thread per query: under concurrent requests two threads per query thrash (bench/)
    assistant = Assistant.load(
        settings.index_dir, Embedder(threads=1), max_results=settings.max_results
    )
    if settings.now:
        assistant.clock(settings.now)  # a malformed --now fails here, not on the first question
    print(
        f"Serving {assistant.programme.title} on http://{settings.host}:{settings.port}", flush=True
    )
    uvicorn.run(
        create_app(settings, assistant), host=settings.host, port=settings.port, log_level="warning"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    from assistant.config import Settings

    top = argparse.ArgumentParser(
        prog="programme-assistant",
        description="Answers delegates' questions from a conference programme, with citations.",
    )
    sub = top.add_subparsers(dest="command", required=True)

    def add_source_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths", nargs="+", type=Path, metavar="PATH", help="programme files or folders of them"
        )
        p.add_argument(
            "--timezone", help="time zone for sources that name none, e.g. Europe/London"
        )
        p.add_argument(
            "--columns",
            action="append",
            help="CSV header mapping, e.g. title=Talk,speakers=Presenters",
        )

    check = sub.add_parser("check", help="parse a programme and list every problem")
    add_source_flags(check)
    check.set_defaults(run=cmd_check)

    build = sub.add_parser("build", help="build the search index of a programme")
    build.add_argument("--index", type=Path, required=True, help="folder to write the index to")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    add_source_flags(build)
    build.set_defaults(run=cmd_build)

    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("--index", type=Path, required=True)
    ask.add_argument("--now", help="the clock for now/next, e.g. 2025-05-22T13:00")
    ask.add_argument("--context", help="the previous reply's context (JSON)")
    ask.add_argument("--json", action="store_true", help="print the API's JSON reply")
    ask.add_argument("question")
    ask.set_defaults(run=cmd_ask)

    enquiries = sub.add_parser(
        "answer-enquiries",
        help="answer a CSV of enquiries: one row per question, with citations",
        description="IN.csv has an 'enquiry' (or 'question') column and an optional 'id' "
        "column; OUT.csv gets id, question, answer, abstained, citations (ids joined by ';').",
    )
    enquiries.add_argument("input", type=Path, metavar="IN.csv")
    enquiries.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.csv")
    enquiries.add_argument("--index", type=Path, required=True)
    enquiries.add_argument("--now", help="the clock for now/next, e.g. 2025-05-22T13:00")
    enquiries.add_argument("--quiet", action="store_true", help="no progress bar")
    enquiries.set_defaults(run=cmd_answer_enquiries)

    fields = Settings.model_fields
    serve = sub.add_parser(
        "serve",
        help="serve the chat API, the widget and session pages",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="settings (environment variables):\n"
        + "\n".join(
            f"  ASSISTANT_{name.upper():<22} {f.description} (default: {f.default})"
            for name, f in fields.items()
        ),
    )
    serve.add_argument("--index", type=Path, help=fields["index_dir"].description)
    serve.add_argument("--host", help=fields["host"].description)
    serve.add_argument("--port", type=int, help=fields["port"].description)
    serve.add_argument("--now", help=fields["now"].description)
    serve.add_argument("--title", help=fields["title"].description)
    serve.set_defaults(run=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `programme-assistant` and `python -m assistant`."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
