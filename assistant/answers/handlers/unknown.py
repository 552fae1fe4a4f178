"""Questions naming a day, a person, an organisation or a language the programme does not have."""

from __future__ import annotations

from assistant.answers.abstention import abstain
from assistant.answers.answerer import LANGUAGE_NAMES, Finding
from assistant.answers.finding import OR, Finder
from assistant.answers.handlers.affiliation import mentioned_in_biographies
from assistant.answers.understanding import Query
from assistant.answers.wording import joined, says


def unknown_answer(finder: Finder, q: Query) -> Finding | None:
    """The answer to a question naming what the programme lacks; None when it names no such thing."""
    if q.unknown_day:
        return abstain(
            finder, q, says("The programme has no sessions on %(day)s.", day=q.unknown_day)
        )
    if q.unknown_language:
        language = LANGUAGE_NAMES.get(q.unknown_language, q.unknown_language)
        if any(s.language.strip() for s in finder.programme.sessions):
            said = says(
                "No session in the programme is marked as in %(language)s.", language=language
            )
        else:
            said = says("The programme does not say which language its sessions are in.")
        return abstain(finder, q, said, nearest=False)
    if q.unknown_person and not q.people and len(having := finder.namesakes(q.unknown_person)) > 1:
        # 'where does jeremy work?' with three Jeremys and none in the last answer
        every = sorted(p.person.name for p in having)
        names = joined([joined(every[:-1], ", "), every[-1]], OR)  # 'A, B or C'
        said = says("Which %(name)s do you mean: %(names)s?", name=q.unknown_person, names=names)
        return abstain(finder, q, said, nearest=False)
    if q.unknown_person and not q.people:
        return abstain(
            finder,
            q,
            says("I can't find anyone called %(name)s in the programme.", name=q.unknown_person),
            nearest=False,
        )
    if q.unknown_affiliation:
        return mentioned_in_biographies(finder, q) or abstain(
            finder,
            q,
            says(
                "Nobody in the programme is listed as from %(place)s.",
                place=q.unknown_affiliation.title(),
            ),
            nearest=False,
        )
    return None
