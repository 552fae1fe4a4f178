"""XML read with the line each element starts on, for parsers that report `FILE:LINE` problems."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

from assistant.sources.problems import Problem


@dataclass(frozen=True, slots=True)
class LinedTree:
    """An element tree and the line each of its elements starts on."""

    root: ET.Element
    lines: dict[ET.Element, int]

    def line(self, element: ET.Element | None, default: int = 1) -> int:
        """The line element starts on (default when it is None or not from this tree)."""
        return default if element is None else self.lines.get(element, default)


def read_tree(text: str, filename: str) -> LinedTree | Problem:
    """The text's element tree with lines, or the Problem saying where it is not well-formed."""
    # ElementTree keeps no line numbers, so expat feeds a TreeBuilder and notes each start.
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        message = f"expected well-formed XML, got {reason} at column {exc.offset + 1}"
        return Problem(filename, exc.lineno, message)
    except UnicodeEncodeError as exc:  # a lone surrogate: only from text not read from a file
        line = text.count("\n", 0, exc.start) + 1
        return Problem(
            filename, line, f"expected text, got the unpaired code {exc.object[exc.start]!r}"
        )
    return LinedTree(builder.close(), lines)


def start_tags(text: str, chunk: int = 4096) -> Iterator[tuple[int, str]]:
    """(depth, tag) of each element as it opens, read lazily; stops quietly at malformed XML.

    Lets a caller tell formats apart from the first few elements without parsing the whole file."""
    opened: list[tuple[int, str]] = []
    depth = 0
    parser = expat.ParserCreate()

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        opened.append((depth, tag))
        depth += 1

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    for offset in range(0, len(text), chunk):
        try:
            parser.Parse(text[offset : offset + chunk], False)
        except (expat.ExpatError, UnicodeEncodeError):
            yield from opened
            return
        yield from opened
        opened.clear()


def child_text(element: ET.Element | None, tag: str) -> str:
    """The stripped text of element's first <tag> child ('' when absent)."""
    if element is None:
        return ""
    child = element.find(tag)
    return "" if child is None else "".join(child.itertext()).strip()
