"""The command line: check, build, ask, answer-enquiries, serve. Prints errors as `FILE:LINE: message`, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import AssistantError
from assistant.sources import LoadedProgramme, SourceReport, load_programme
from assistant.sources.faq_file import FaqFile, read_faq, split_faq
from assistant.sources.problems import Problem, Severity
from assistant.sources.review import counts, suspicious

LISTED = 12  # rooms and streams named in the summary before 'and N more'
SHOWN_PROBLEMS = 20  # problems printed when a build refuses, before 'and N more'


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
        f"rooms: {len(rooms)}" + _listed(rooms),
        f"streams: {len(streams)}" + _listed(streams),
        f"unscheduled: {unscheduled}",
        f"problems: {len(loaded.errors)} errors, {warnings} warnings",
    ]


def _listed(names: Counter[str]) -> str:
    if not names:
        return ""
    shown = sorted(names)[:LISTED]
    more = f", and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return f" ({', '.join(shown)}{more})"


def file_lines(loaded: LoadedProgramme) -> list[str]:
    """Per file: the format read, what it holds, its time zone, and anything that looks odd."""
    lines: list[str] = []
    for report in loaded.sources:
        found = counts(report.sessions)
        zone = report.timezone or "none named (wall-clock times; --timezone names one)"
        lines.extend(
            [
                f"{report.path}: {report.format or 'unknown format'}",
                f"  sessions {found.sessions}, parts {found.parts}, people {found.people}, "
                f"rooms {found.rooms}, days {found.days}, time zone {zone}",
                f"  {_read(report)}",
            ]
        )
        lines.extend(f"  suspicious: {note}" for note in suspicious(report.sessions))
    lines.extend(
        f"{path}: set aside (a document or schema, not a programme)" for path in loaded.set_aside
    )
    return lines


def _read(report: SourceReport) -> str:
    read = report.records - report.left_out
    text = f"{read:,} of {report.records:,} {report.unit} read"
    return text + (f"; {report.left_out:,} left out" if report.left_out else "")


def read_summary(loaded: LoadedProgramme) -> str:
    """'1,244 of 1,247 rows read; 3 left out, listed above': the last line of a build."""
    by_unit: dict[str, list[int]] = {}
    for report in loaded.sources:
        totals = by_unit.setdefault(report.unit, [0, 0])
        totals[0] += report.records - report.left_out
        totals[1] += report.records
    read = "; ".join(
        f"{done:,} of {total:,} {unit} read" for unit, (done, total) in by_unit.items()
    )
    left_out = sum(1 for p in loaded.problems if p.left_out)
    warnings = sum(1 for p in loaded.problems if p.severity is Severity.WARNING)
    return (
        read
        + (f"; {left_out:,} left out, listed above" if left_out else "")
        + (
            f"; {warnings:,} warning{'s' if warnings != 1 else ''} (check lists them)"
            if warnings
            else ""
        )
    )


def _problem_line(problem: Problem) -> str:
    return f"{problem}" + (" (warning)" if problem.severity is Severity.WARNING else "")


def _print_some(problems: Sequence[Problem]) -> None:
    for problem in problems[:SHOWN_PROBLEMS]:
        print(_problem_line(problem), file=sys.stderr)
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        print(f"... and {more} more (programme-assistant check lists them all)", file=sys.stderr)


def _read_programme(args: argparse.Namespace, paths: Sequence[Path]) -> LoadedProgramme:
    """The programme the paths name, within the caps and memory ceiling the settings give."""
    from assistant.config import Settings
    from assistant.desk.build_worker import set_memory_ceiling

    settings = Settings()
    set_memory_ceiling(settings.build_memory_mb)
    return load_programme(
        paths,
        timezone=args.timezone,
        columns=_columns(args.columns),
        budget=settings.budget,
    )


def _writable(index: Path) -> None:
    """Fail before the slow part when the index's folder cannot be written (the build writes
    a sibling folder, then swaps it in)."""
    parent = index.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe = parent / f".build-probe-{secrets.token_hex(4)}"
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise AssistantError(
            f"cannot write the index {index}: {exc.filename or parent}: {exc.strerror}"
        ) from None


def _load(args: argparse.Namespace) -> tuple[LoadedProgramme, FaqFile]:
    """The programme the paths hold, and the organisers' FAQ (faq.md) among or inside them."""
    programme_paths, faq_paths = split_faq(args.paths)
    return _read_programme(args, programme_paths), read_faq(faq_paths)


def _faq_errors(faq: FaqFile) -> list[Problem]:
    return [p for p in faq.problems if p.severity is Severity.ERROR]


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.desk.vetting import vet

    loaded, faq = _load(args)
    # what the parsers cannot see: unread columns, a quote never closed, nothing scheduled
    vetted = vet(loaded, columns=_columns(args.columns))
    loaded = replace(loaded, problems=(*loaded.problems, *vetted))
    print("\n".join(summary_lines(loaded)))
    print("\n".join(file_lines(loaded)))
    if faq.text:
        print(f"faq: {len(faq.entries)} entries")
    problems = (*loaded.problems, *faq.problems)
    for problem in problems:
        print(_problem_line(problem))
    failed = loaded.errors or _faq_errors(faq) or (args.strict and problems)
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the index; rows left out are listed and the rest is built, unless --strict."""
    from assistant.search.embedder import Embedder
    from assistant.search.store import build_index

    _writable(args.index)
    loaded, faq = _load(args)
    refused = [*(loaded.problems if args.strict else loaded.blocking), *_faq_errors(faq)]
    if refused:
        _print_some(refused)
        count = len(refused)
        kind = "problem" if args.strict else "error"
        print(
            f"not built: {count} {kind}{'s' if count != 1 else ''}; "
            f"the index in {args.index} is unchanged",
            file=sys.stderr,
        )
        return 1
    for problem in loaded.problems:
        if problem.left_out:
            print(_problem_line(problem), file=sys.stderr)
    from assistant.config import Settings

    manifest = build_index(
        loaded,
        args.index,
        Embedder(),
        progress=not args.quiet,
        faq=faq.text or None,
        max_chunks=Settings().max_chunks,
    )
    faq_note = f", {len(faq.entries)} FAQ entries" if faq.text else ""
    print(
        f"built {args.index}: {manifest.session_count} sessions, "
        f"{manifest.chunk_count} chunks{faq_note}"
    )
    print(read_summary(loaded))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answers.engine import Assistant
    from assistant.config import Settings

    try:
        context = json.loads(args.context) if args.context else None
    except ValueError as exc:
        raise AssistantError(f"--context expects JSON: {exc}") from None
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
    import os

    from assistant.answers.clock import read_clock
    from assistant.config import Settings
    from assistant.search.store import read_manifest
    from assistant.service.server import serve

    flags = {
        "index_dir": args.index,
        "host": args.host,
        "port": args.port,
        "now": args.now,
        "workers": args.workers,
        "forwarded_allow_ips": args.forwarded_allow_ips,
        "title": args.title,
    }
    # Flags win over ASSISTANT_* variables, which win over defaults.
    settings = Settings().model_copy(update={k: v for k, v in flags.items() if v is not None})
    # What would fail every worker fails here, before any starts: no index, a malformed --now.
    manifest = read_manifest(settings.index_dir)
    if settings.now:
        read_clock(None, settings.now)
    workers = settings.workers or os.cpu_count() or 1
    print(
        f"Serving {manifest.programme_title} on http://{settings.host}:{settings.port} "
        f"({workers} worker{'s' if workers != 1 else ''})",
        flush=True,
    )
    serve(settings, workers)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""

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
    check.add_argument(
        "--strict", action="store_true", help="exit non-zero on warnings too, not only on errors"
    )
    add_source_flags(check)
    check.set_defaults(run=cmd_check)

    build = sub.add_parser("build", help="build the search index of a programme")
    build.add_argument("--index", type=Path, required=True, help="folder to write the index to")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument(
        "--strict",
        action="store_true",
        help="refuse to build on any problem (a row left out, a warning); without it, "
        "unreadable rows are listed and left out and the rest is built",
    )
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

    _add_serve(sub)
    return top


def _add_serve(sub: Any) -> None:
    """The serve sub-command, whose help lists every setting."""
    from assistant.config import Settings

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
    serve.add_argument("--workers", type=int, help=fields["workers"].description)
    serve.add_argument(
        "--forwarded-allow-ips", help=fields["forwarded_allow_ips"].description, default=None
    )
    serve.add_argument("--title", help=fields["title"].description)
    serve.set_defaults(run=cmd_serve)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `programme-assistant` and `python -m assistant`."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:  # an ASSISTANT_* variable of the wrong kind
        bad = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"error: a setting is not valid: {bad}", file=sys.stderr)
        return 2
    except MemoryError:
        print(
            "error: out of memory: this needs more than ASSISTANT_BUILD_MEMORY_MB allows",
            file=sys.stderr,
        )
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line, and the traceback only when asked for
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); "
            "run again with ASSISTANT_DEBUG=1 for the traceback",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
