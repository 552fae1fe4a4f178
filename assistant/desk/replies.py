"""A whole reply to an enquiry, as an organiser sends it: a greeting to the sender by name, each
question with its answer and the sessions it cites as titles with links, a signature. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from assistant.answers.reply import Citation

if TYPE_CHECKING:
    from assistant.desk.enquiries import DraftAnswer

GREETING = "Dear {name},"
GREETING_WITHOUT_NAME = "Hello,"
SIGNATURE = "Best wishes,\nThe programme team"
# The line that closes an email; the sender's name follows it or ends it ('Best, Jo').
CLOSING = re.compile(
    r"^\s*(?:(?:many\s+)?thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?"
    r"|cheers|best(?:\s+wishes)?|all\s+the\s+best|(?:kind(?:est)?|warm(?:est)?|best)\s+regards"
    r"|regards|yours(?:\s+\w+)?|sincerely|thx|ta)\s*[,.!]*\s*(.*)$",
    re.IGNORECASE,
)
NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")


def sender_name(enquiry: str) -> str:
    """The name an email is signed with ('Thanks,\\nJo' or 'Best, Jo'), or ''."""
    lines = [line.strip() for line in enquiry.replace("\r", "").split("\n")]
    for number in range(len(lines) - 1, -1, -1):
        closing = CLOSING.match(lines[number])
        if closing is None:
            continue
        after = closing.group(1).strip() or next((x for x in lines[number + 1 :] if x), "")
        return after if NAME.match(after) else ""
    return ""


def greeting_for(enquiry: str, template: str = GREETING) -> str:
    """'Dear Jo,' for an enquiry signed by Jo; 'Hello,' when it names nobody."""
    name = sender_name(enquiry)
    return (
        template.replace("{name}", name)
        if name and "{name}" in template
        else (template if "{name}" not in template else GREETING_WITHOUT_NAME)
    )


def cited_ids(citations: Iterable[Citation]) -> tuple[str, ...]:
    """The cited ids, first mention first, each once."""
    return tuple(dict.fromkeys(c.session_id for c in citations))


def source_lines(citations: Iterable[Citation], base_url: str = "") -> list[str]:
    """Each cited session or FAQ entry once, as '- Title: https://host/sessions/ID'."""
    seen: dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(citation.session_id, citation)
    return [f"- {c.title}: {base_url.rstrip('/')}{c.url}" for c in seen.values()]


def sources_label(citations: Sequence[Citation]) -> str:
    """'Sessions:', 'From the FAQ:' or 'Sources:', by what is cited."""
    faq = [c.session_id.startswith("faq:") for c in citations]
    return "From the FAQ:" if all(faq) else "Sessions:" if not any(faq) else "Sources:"


def reply_text(
    drafts: Sequence[DraftAnswer],
    greeting: str = "",
    signature: str = "",
    base_url: str = "",
) -> str:
    """The whole reply to paste into an email: the greeting, each question quoted with its
    answer and what it cites, the signature."""
    blocks = [greeting.strip()] if greeting.strip() else []
    for draft in drafts:
        lines = [f"> {draft.question}", draft.answer.strip()]
        if draft.citations:
            lines.append(sources_label(draft.citations))
            lines.extend(source_lines(draft.citations, base_url))
        blocks.append("\n".join(lines))
    if signature.strip():
        blocks.append(signature.strip())
    return "\n\n".join(blocks)
