"""One handler per kind of question, registered in HANDLERS, the table the engine dispatches through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from assistant.answers.answerer import Finding
from assistant.answers.finding import Finder
from assistant.answers.handlers.affiliation import affiliation_answer
from assistant.answers.handlers.agenda import agenda_answer, agenda_change_answer
from assistant.answers.handlers.now_next import clock_answer
from assistant.answers.handlers.sessions import sessions_answer
from assistant.answers.understanding import Ask, Query

# A handler answers the question at the programme-local time given, or returns None to let the
# next handler in the table try.
Handler = Callable[[Finder, Query, datetime], Finding | None]

# In order of precedence: the first handler whose ask the question has and that answers wins,
# so 'what's next on my agenda?' is the agenda's, and 'what's on now?' is answered by the clock
# whatever else it asks. Greetings, help and thanks are answered before anything is looked for
# (Assistant.reply); a question asking nothing in particular goes to sessions_answer, which
# finds what it names.
HANDLERS: dict[Ask, Handler] = {
    Ask.AGENDA_ADD: agenda_change_answer,
    Ask.AGENDA_REMOVE: agenda_change_answer,
    Ask.AGENDA: agenda_answer,
    Ask.CLASHES: agenda_answer,
    Ask.NOW: clock_answer,
    Ask.NEXT: clock_answer,
    Ask.AFFILIATION: affiliation_answer,
    Ask.WHO: sessions_answer,
    Ask.WHEN: sessions_answer,
    Ask.WHERE: sessions_answer,
    Ask.CHAIR: sessions_answer,
    Ask.FORMAT: sessions_answer,
    Ask.LEVEL: sessions_answer,
    Ask.LANGUAGE: sessions_answer,
    Ask.RECORDED: sessions_answer,
    Ask.OBJECTIVES: sessions_answer,
    Ask.ABOUT: sessions_answer,
    Ask.PERSON: sessions_answer,
    Ask.LIST: sessions_answer,
    Ask.TOPIC: sessions_answer,
}
