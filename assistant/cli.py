"""The command line: check, build, ask, answer-enquiries, serve. Prints errors as `FILE:LINE: message`, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assistant.errors import AssistantError
from assistant.sources import LoadedProgramme, load_programme
from assistant.sources.faq_file import FaqFile, read_faq, split_faq
from assistant.sources.problems import Problem, Severity


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


def _load(args: argparse.Namespace) -> tuple[LoadedProgramme, FaqFile]:
    """The programme the paths hold, and the organisers' FAQ (faq.md) among or inside them."""
    programme_paths, faq_paths = split_faq(args.paths)
    loaded = load_programme(programme_paths, timezone=args.timezone, columns=_columns(args.columns))
    return loaded, read_faq(faq_paths)


def _errors(loaded: LoadedProgramme, faq: FaqFile) -> list[Problem]:
    return [*loaded.errors, *(p for p in faq.problems if p.severity is Severity.ERROR)]


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.desk.vetting import vet

    loaded, faq = _load(args)
    # what the parsers cannot see: unread columns, a quote never closed, nothing scheduled
    vetted = vet(loaded, columns=_columns(args.columns))
    loaded = replace(loaded, problems=(*loaded.problems, *vetted))
    print("\n".join(summary_lines(loaded)))
    if faq.text:
        print(f"faq: {len(faq.entries)} entries")
    for problem in (*loaded.problems, *faq.problems):
        print(f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else ""))
    return 1 if _errors(loaded, faq) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from assistant.search.embedder import Embedder
    from assistant.search.store import build_index

    loaded, faq = _load(args)
    errors = _errors(loaded, faq)
    if errors:
        for problem in errors:
            print(problem, file=sys.stderr)
        count = len(errors)
        print(
            f"not built: {count} error{'s' if count != 1 else ''}; "
            f"the index in {args.index} is unchanged",
            file=sys.stderr,
        )
        return 1
    manifest = build_index(
        loaded, args.index, Embedder(), progress=not args.quiet, faq=faq.text or None
    )
    faq_note = f", {len(faq.entries)} FAQ entries" if faq.text else ""
    print(
        f"built {args.index}: {manifest.session_count} sessions, "
        f"{manifest.chunk_count} chunks{faq_note}"
    )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answers.engine import Assistant
    from assistant.config import Settings

    context = json.loads(args.context) if args.context else None
    if context is not None and not isinstance(context, dict):
        raise AssistantError("--context expects the JSON object of a previous reply's context")
    assistant = Assistant.load(args.index)
    assistant.faq = assistant.faq.with_entries(assistant.faq.entries, Settings().information_desk)
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
    from assistant.config import Settings
    from assistant.desk.enquiries import answer_rows, read_enquiry_csv, write_answer_csv
    from assistant.sources import read_text

    rows = read_enquiry_csv(read_text(args.input), str(args.input))
    assistant = Assistant.load(args.index)
    now = assistant.clock(args.now)
    assistant.retriever.embedder.embed(["warm-up"])  # load the model before the bar starts
    with tqdm(rows, unit="enquiry", desc="answering", disable=args.quiet) as bar:
        answers = list(
            answer_rows(bar, lambda text, context: assistant.reply(text, context=context, now=now))
        )
    # Written aside, then renamed: an interrupted run never leaves half a file at OUT.
    partial = args.output.with_name(f".{args.output.name}.partial")
    links = args.base_url or Settings().public_url
    partial.write_text(write_answer_csv(answers, links), encoding="utf-8", newline="")
    partial.replace(args.output)
    questions = sum(len(row.drafts) for row in answers)
    unanswered = sum(1 for row in answers for draft in row.drafts if draft.abstained)
    print(
        f"answered {questions} questions from {len(rows)} enquiries "
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
        help="answer a CSV of enquiries: one row per enquiry, with citations",
        description="IN.csv has an 'enquiry' (or 'question') column and an optional 'id' "
        "column (rows sharing an id in a row are one conversation); OUT.csv gets id, enquiry, "
        "answer, abstained (true, partly, false), citations (ids joined by ';') and sources "
        "(each cited title with its link).",
    )
    enquiries.add_argument(
        "--base-url", default="", help="what the sources' links start with, e.g. https://host"
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
