"""Every parser takes whatever text an organiser uploads: it returns records and problems, never
raises, and stays quick on hostile shapes (entity bombs, deep nesting, megabyte lines).

Arbitrary text per parser is fuzzed beside each parser in tests/sources/; this adds format
sniffing, the entries XML reader, text made to look like each format, and hostile shapes."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import UnknownFormatError
from assistant.sources import (
    abstract_book,
    csv_export,
    entries_xml,
    frab_json,
    frab_xml,
    ical,
    indico,
    parse_bytes,
    parse_text,
    pretalx_api,
    sessionize,
    sniff,
    xlsx,
)
from assistant.sources.problems import ParsedSource

PARSERS = {
    "abstract_book": abstract_book.parse,
    "csv_export": csv_export.parse,
    "entries_xml": entries_xml.parse,
    "frab_json": frab_json.parse,
    "frab_xml": frab_xml.parse,
    "sessionize": sessionize.parse,
    "indico": indico.parse,
    "pretalx_api": pretalx_api.parse,
    "ical": ical.parse,
}
# Beginnings that steer the sniffer to each format, so the fuzzing reaches every parser.
PREFIXES = [
    "",
    "{",
    '{"schedule": {"conference": {"days": [',
    "[",
    "<",
    '<?xml version="1.0"?><schedule><day date="2019-12-27">',
    "<entries><entry>",
    "B6: Title\n",
    "B6: Title\nThursday 22 May 2025 | 13:15-14:30\n",
    "id,title,date,time,room,speakers\n",
    "slot,panel,date,time,panel_title,chairs,discussants,title,presenter,presenter_affiliation\n",
    '{"sessions": [{"id": "1", "startsAt": ',
    '{"sessions": [], "speakers": [], "rooms": [{"id": 1, "name": ',
    '{"results": {"1": {"20090323": {"s1l0": {"entryType": "Session", "entries": {"c1": ',
    '{"results": [{"code": "ABC", "slots": [{"start": ',
    '{"schedule": {"2025-11-01": {"510": {"12": {"code": "A", "title": ',
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Europe/Paris:20250610T",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Talk - ",
    "\ufeff",
]
hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.text(alphabet=st.sampled_from(list('{}[]<>/"=:,;|\n\r\t\x00\x0b -–0123456789ABTap&#')))


def parse_any(text: str) -> ParsedSource | None:
    """parse_text's sniffing: records, or UnknownFormatError for text of no known format."""
    try:
        return parse_text(text, "upload.txt")
    except UnknownFormatError as exc:
        assert str(exc).startswith("upload.txt: not a programme format I read")
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), hostile_text)
def test_sniffing_parses_or_says_the_format_is_unknown(prefix: str, text: str) -> None:
    assert sniff(prefix + text) in ("json", "xml", "ical", "abstract-book", "csv", "")
    parsed = parse_any(prefix + text)
    assert parsed is None or isinstance(parsed, ParsedSource)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), hostile_text)
def test_entries_xml_never_raises(prefix: str, text: str) -> None:
    assert isinstance(entries_xml.parse(prefix + text, "f.xml"), ParsedSource)
    assert isinstance(entries_xml.looks_like(prefix + text), bool)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PARSERS)), st.sampled_from(PREFIXES), hostile_text)
def test_every_parser_takes_text_shaped_like_any_format(name: str, prefix: str, text: str) -> None:
    assert isinstance(PARSERS[name](prefix + text, "f"), ParsedSource)


def billion_laughs() -> str:
    entities = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE s [{"".join(entities)}]>'
        "<schedule><conference><title>&l9;</title></conference></schedule>"
    )


HOSTILE_SHAPES = {
    "billion laughs": billion_laughs(),
    "deep xml": "<a>" * 20_000,
    "deep json": "[" * 50_000,
    "deep json object": '{"a":' * 5_000,
    "megabyte line": "B6: " + "a" * 1_000_000,
    "megabyte csv cell": "id,title,speakers\n1,t," + "x;" * 500_000,
    "nul bytes": "B6: Title\n\x00\x00\x00\nThursday 22 May 2025 | 13:15-14:30\n",
    "many sessions": "".join(f"A{n}: T\n" for n in range(20_000)),
    "external entity": (
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<schedule><conference><title>&x;</title></conference></schedule>"
    ),
}


@pytest.mark.parametrize("shape", sorted(HOSTILE_SHAPES))
@pytest.mark.parametrize("name", sorted(PARSERS))
def test_hostile_shapes_are_parsed_quickly_without_raising(name: str, shape: str) -> None:
    started = time.perf_counter()
    parsed = PARSERS[name](HOSTILE_SHAPES[shape], "f")
    assert isinstance(parsed, ParsedSource)
    assert time.perf_counter() - started < 20  # a wide bound: quadratic blow-ups take minutes
    text = " ".join(s.title for s in parsed.sessions[:5])
    assert "root:" not in text  # no external entity was read


@pytest.mark.parametrize("shape", sorted(HOSTILE_SHAPES))
def test_hostile_shapes_through_sniffing(shape: str) -> None:
    parse_any(HOSTILE_SHAPES[shape])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_that_look_like_a_workbook_are_a_located_problem(data: bytes) -> None:
    parsed = parse_bytes(xlsx.ZIP_MAGIC + data, "upload.xlsx")
    assert parsed.sessions == ()
    assert [(p.file, p.line) for p in parsed.problems] == [("upload.xlsx", 1)]


def zip_bomb() -> bytes:
    """A workbook-shaped zip whose one member unpacks to 256 MB of zeros."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(256):
                member.write(block)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    started = time.perf_counter()
    [problem] = xlsx.parse(zip_bomb(), "bomb.xlsx").problems
    assert time.perf_counter() - started < 20
    assert problem.message == "expected a workbook of at most 200 MB unpacked, got 256 MB"
