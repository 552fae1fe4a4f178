"""Text helpers shared by the parsers: HTML/Markdown to plain paragraphs, name lists."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from assistant.programme import Person

_PARAGRAPH_TAGS = frozenset(
    "p div ul ol table blockquote quote pre h1 h2 h3 h4 h5 h6 section article header footer "
    "dl hr figure".split()
)
_LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd"})
_SILENT_TAGS = frozenset({"script", "style"})

# A private-use character marks a hard line break (<br>, <li>) so that whitespace
# collapsing, which joins soft line breaks, keeps it.
_HARD_BREAK = "\ue000"

_ESCAPED_PUNCTUATION = re.compile(r"\\([\[\]()*_`#])")
_REFERENCE_DEFINITION = re.compile(
    r"\[[^\[\]\n]+\]:[ \t]*<?(?:https?://|www\.|mailto:|/)\S*>?(?:[ \t]+\"[^\"\n]*\")?"
)
_REFERENCE_LINK = re.compile(r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[[^\[\]\n]*\]")
_INLINE_LINK = re.compile(r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_LIST_ITEM = re.compile(r"\s*(?:[-*+•]|\d{1,3}[.)])\s")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_NOT_GIVEN = frozenset({"", "na", "n/a", "none", "-"})
# what a programme writes where a room is not set yet: 'TBA', 'TBC', 'to be confirmed', '?'
_ROOM_NOT_SET = re.compile(
    r"(?:tb[acd]|to be (?:announced|confirmed|determined|decided|assigned)|n/?a|none|-+|\?+"
    r"|elsewhere|various(?: locations)?|off-?site|see (?:description|below|details))\.?",
    re.IGNORECASE,
)


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, turning block tags into breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)
        if tag in _SILENT_TAGS:
            self._silent += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT_TAGS and self._silent:
            self._silent -= 1
        if tag != "br":
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if not self._silent:
            self.pieces.append(data)

    def _break(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self.pieces.append("\n\n")
        elif tag in _LINE_TAGS:
            self.pieces.append(_HARD_BREAK)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, entities unescaped, block tags as line breaks."""
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except (AssertionError, ValueError, IndexError):
        # html.parser gives up on some malformed declarations; a crude strip still reads well.
        return html.unescape(re.sub(r"<[^>]*>", " ", fragment))
    return "".join(collector.pieces)


def markdown_links_to_text(text: str) -> str:
    """`[text](url)` and `[text][1]` become `text`; `[1]: https://...` definitions go."""
    text = _ESCAPED_PUNCTUATION.sub(r"\1", text)
    text = _REFERENCE_DEFINITION.sub("", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    return _INLINE_LINK.sub(r"\1", text)


_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)[ \t#]*$")
# '*Chair: Helena Vasconcelos*', '**Level:** beginner': a whole line in Markdown emphasis
_EMPHASISED_LINE = re.compile(r"^([ \t]*)(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)\2[ \t]*$", re.MULTILINE)


def collapse_whitespace(text: str) -> str:
    """Paragraphs split by blank lines; soft line breaks joined, except before list items."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines: list[str] = []
        joins = False  # a line is joined to the one before, unless that was a heading
        for raw in block.split("\n"):
            heading = _MARKDOWN_HEADING.match(raw)
            if heading:  # '### Learning objectives': a line of its own, without its marks
                lines.append(heading["text"])
            elif joins and not _LIST_ITEM.match(raw):
                lines[-1] += " " + raw
            else:
                lines.append(raw)
            joins = heading is None
        hard_lines = (part for line in lines for part in line.split(_HARD_BREAK))
        kept = [" ".join(line.split()) for line in hard_lines]
        paragraph = "\n".join(line for line in kept if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def text_lines(value: str) -> str:
    """A description's lines as written: HTML read as text with its breaks as new lines, plain
    text as it is (a reader that looks for 'Speaker: …' lines reads them before plain_text
    joins soft line breaks)."""
    if not re.search(r"<[a-zA-Z][^>]*>", value):
        return value
    return html_to_text(value.replace(_HARD_BREAK, " ")).replace(_HARD_BREAK, "\n")


def plain_text(value: str | None) -> str:
    """Readable plain text from an abstract that may carry HTML and Markdown links."""
    if not value:
        return ""
    text = html_to_text(value.replace(_HARD_BREAK, " "))
    text = _EMPHASISED_LINE.sub(r"\1\3", text.replace("\r\n", "\n"))
    return collapse_whitespace(markdown_links_to_text(text))


def one_line(value: str | None) -> str:
    """A title or name as one line: entities decoded ('Art &amp; Beauty'), whitespace collapsed."""
    return " ".join(html.unescape(value or "").split())


# Sched-style feeds mark a talk's language before its title: '[FR] Conférence d'ouverture'
_TITLE_LANGUAGE = re.compile(
    r"^\s*\[(en|fr|es|de|it|pt|nl|pl|ru|ca|eu|gl|ja|zh|ko|ar|sv|da|no|fi|cs|el|tr|uk)\]\s",
    re.IGNORECASE,
)


def title_language(title: str) -> str:
    """The language code a title is marked with ('fr' in '[FR] Atelier : …'), or ''."""
    m = _TITLE_LANGUAGE.match(title)
    return m.group(1).lower() if m else ""


def room_named(value: str) -> str:
    """The room a cell or field names, '' for a placeholder ('TBA', 'tbc', 'To be confirmed'):
    a room not set yet is no room, or 'where is it?' would answer 'TBA' as a place."""
    room = one_line(value)
    return "" if _ROOM_NOT_SET.fullmatch(room) else room


def is_not_given(value: str) -> bool:
    """True for the cells spreadsheets use for 'nothing here': empty, NA, N/A, none."""
    return value.strip().lower() in _NOT_GIVEN


def split_outside_parentheses(text: str, separators: str) -> tuple[str, ...]:
    """Split on any of separators, but not inside (...): affiliations hold commas."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char in separators and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return tuple(item.strip() for item in items if item.strip())


def name_and_affiliation(item: str) -> tuple[str, str]:
    """'Julia Silge (Posit, PBC)' -> ('Julia Silge', 'Posit, PBC'); nested parentheses kept."""
    item = " ".join(item.split())
    if not item.endswith(")"):
        return item, ""
    depth = 0
    for index in range(len(item) - 1, -1, -1):
        if item[index] == ")":
            depth += 1
        elif item[index] == "(":
            depth -= 1
            if depth == 0:
                name, affiliation = item[:index].strip(), item[index + 1 : -1].strip()
                return (name, affiliation) if name else (item, "")
    return item, ""


def public_name_and_affiliation(item: str) -> tuple[str, str]:
    """A schedule's public name: 'Name (Org)' or 'Sascha Alpers, FZI Forschungszentrum
    Informatik' -> name and organisation. A comma splits only when a name of two to four
    words stands before it and an organisation after it (an organisation word or an acronym):
    'Smith, John' and 'Benjamin Ewers, Raoul-Amadeus Lorbeer' stay whole."""
    name, affiliation = name_and_affiliation(item)
    if affiliation or "," not in name:
        return name, affiliation
    before, _, after = name.partition(",")
    before_words, after_words = before.split(), after.split()
    organisation = names_organisation(after) or re.search(r"\b[A-Z]{2,}\b", after)
    if 2 <= len(before_words) <= 4 and after_words and organisation and "@" not in name:
        return before.strip(), after.strip()
    return name, ""


def people_list(
    cell: str, role: str = "", *, affiliation_after_comma: bool = False
) -> tuple[Person, ...]:
    """People from a cell like 'A (X, Y); B (Z)' or 'A, B'; 'NA' means nobody.

    With affiliation_after_comma the cell is 'Name, Affiliation; Name, Affiliation' (a column
    written so throughout, see affiliation_after_comma())."""
    if is_not_given(cell):
        return ()
    lines = [line for line in cell.splitlines() if line.strip()]
    items = split_outside_parentheses(cell, ";") if len(lines) < 2 else tuple(lines)
    one_titled = len(items) == 1 and _NAME_DASH_TITLE.match(" ".join(items[0].split()))
    if len(items) <= 1 and not affiliation_after_comma and not one_titled:
        items = split_outside_parentheses(cell, ",")
    people: list[Person] = []
    for item in items:
        titled = _NAME_DASH_TITLE.match(" ".join(item.split()))
        if titled is not None:  # 'Priya Venkataraman - Senior Physiotherapist, Calder NHS Trust'
            people.append(_with_title(titled["name"], titled["rest"], role))
            continue
        name, affiliation = name_and_affiliation(item)
        if affiliation_after_comma and "," in name:
            # 'Jonas Schoenefeld, Institute for Housing and Environment (IWU)': the parentheses
            # close the organisation, not a name
            bracketed = f" ({affiliation})" if affiliation else ""
            name, _, affiliation = (" ".join(p.split()) for p in name.partition(","))
            affiliation += bracketed
        honorific, name = split_honorific(name)
        if not is_not_given(name):
            people.append(
                Person(name=name, honorific=honorific, role=role, organisation=affiliation)
            )
    return tuple(people)


# an event app's 'Name - Job title, Organisation', one person a line
_NAME_DASH_TITLE = re.compile(r"^(?P<name>[^\W\d][^-–,;()@]{2,60}?)\s+[-–]\s+(?P<rest>[^\s].*)$")


def _with_title(name: str, rest: str, role: str) -> Person:
    """'Chair, Northern Quality Collaborative' -> the job title and the organisation; alone,
    the rest is the organisation if it reads as one, else the job title."""
    honorific, name = split_honorific(name.strip())
    title, comma, organisation = rest.partition(", ")
    if not comma:
        title, organisation = ("", rest) if names_organisation(rest) else (rest, "")
    job = title.strip() if not role else role
    return Person(name=name, honorific=honorific, role=job, organisation=organisation.strip())


# titles written before a name in a cell ('Prof. Ana Müller', 'Assoc. Prof. Dr. Li Wei')
_TITLES_BEFORE_NAMES = re.compile(
    r"^((?:(?:assoc(?:iate)?|assistant|adjunct|emeritus|clinical)\.?\s+)?"
    r"(?:prof(?:essor)?|dr|mr|mrs|ms|mx|miss|sir|dame|rev(?:d)?|mag(?:\.a)?|dipl\.-ing|capt(?:ain)?|sister)\.?\s+)+",
    re.IGNORECASE,
)


def split_honorific(name: str) -> tuple[str, str]:
    """'Prof. Dr. Ana Müller' -> ('Prof. Dr.', 'Ana Müller'): the name a delegate types, and
    the title kept apart; a name that is only a title stays as it is."""
    match = _TITLES_BEFORE_NAMES.match(name)
    if match is None or not name[match.end() :].strip():
        return "", name
    return " ".join(match.group(0).split()), name[match.end() :].strip()


# Words that mark an organisation, in the languages programmes come in.
_ORGANISATION_WORDS = re.compile(
    r"universi|\buni\b|college|school|institut|academy|akademie|hochschule|centre|center|zentrum"
    r"|hospital|klinik|foundation|stiftung|gmbh|\bltd\b|\binc\b|\bllc\b|\bag\b|company"
    r"|laborator|\blab\b|ministry|ministerium|agency|council|society|association|verband"
    r"|department|faculty|fakultät|research|forschung|\bcern\b|\bnhs\b|\btrust\b|\be\.\s?v\.",
    re.IGNORECASE,
)


def names_organisation(text: str) -> bool:
    """True when text reads as an organisation ('Universität Konstanz', 'Hertie School')."""
    return bool(_ORGANISATION_WORDS.search(text))


def affiliation_after_comma(cells: Iterable[str]) -> bool:
    """Whether a column writes people as 'Name, Affiliation; Name, Affiliation'.

    Told by the column as a whole: most of its entries have one name, a comma, and after it
    an organisation ('Rebecca Strauch, Universität Konstanz'); 'Ann Lee, Bob Roe' lists two."""
    entries = [
        entry
        for cell in cells
        if not is_not_given(cell)
        for entry in split_outside_parentheses(cell, ";")
    ]
    # 'Julia Silge (Posit, PBC)' gives its affiliation in parentheses: not this way of writing
    with_comma = [
        e for e in entries if "(" not in e and len(split_outside_parentheses(e, ",")) >= 2
    ]
    if not with_comma or len(with_comma) * 2 < len(entries):
        return False
    tails = [split_outside_parentheses(e, ",")[1] for e in with_comma]
    return sum(names_organisation(t) for t in tails) * 2 > len(tails)
