"""Who comes from an organisation or a country, and the sessions they are in."""

from __future__ import annotations

import re
from datetime import datetime

from assistant.answers.answerer import Finding
from assistant.answers.finding import OR, Finder, scope_of
from assistant.answers.understanding import Ask, Query
from assistant.answers.vocabulary import fold
from assistant.answers.wording import Text, joined, says
from assistant.programme import Participant


def affiliation_answer(finder: Finder, q: Query, now: datetime) -> Finding | None:
    """'Who is from Posit?', 'anyone from Denmark?'; None when the question names neither."""
    if not (q.organisations or q.countries):
        return None
    return listed_with(finder, q, now)


def listed_with(finder: Finder, q: Query, now: datetime) -> Finding:
    """The people listed with the organisations or countries asked for, and their sessions."""
    wanted_orgs = {fold(o) for o in q.organisations}
    wanted_countries = {fold(c) for c in q.countries}
    both = bool(wanted_orgs and wanted_countries)  # 'a hospital in denmark'
    # 'which posit people are presenting on sunday?': only sessions the filters allow
    allowed = {s.id for s in finder.filtered(q, now)} if q.has_filters else set(finder.by_id)

    def listed(p: Participant) -> bool:
        by_org = fold(p.person.organisation) in wanted_orgs
        by_country = fold(p.person.country) in wanted_countries
        named = (by_org and by_country) if both else (by_org or by_country)
        return named and not allowed.isdisjoint(p.session_ids)

    people = [p for p in finder.programme.people if listed(p)]
    sessions = list(
        dict.fromkeys(finder.by_id[i] for p in people for i in p.session_ids if i in allowed)
    )
    organisations: Text = joined(q.organisations[:3], OR)
    if len(q.organisations) > 3:
        organisations = says("a '%(phrase)s' organisation", phrase=q.affiliation_phrase)
    countries = joined(q.countries[:3], OR)
    if both:
        scope = says(
            "listed with %(organisations)s in %(countries)s",
            organisations=organisations,
            countries=countries,
        )
    elif q.organisations:
        scope = says("listed with %(organisations)s", organisations=organisations)
    else:
        scope = says("from %(countries)s", countries=countries)
    if q.has_filters:
        scope = says("%(people)s, in sessions %(scope)s", people=scope, scope=scope_of(q))
    # the talk they give inside a session of many is cited, not only the session
    parts = {
        a.session_id: a.part_index
        for p in people
        for a in p.appearances
        if a.part_index is not None
        and (s := finder.by_id.get(a.session_id)) is not None
        and len(s.parts) > 1
    }
    return Finding(
        query=q,
        asks=(Ask.AFFILIATION,),
        sessions=tuple(finder.sorted(sessions)),
        people=tuple(people),
        parts=parts,
        scope=scope,
    )


def mentioned_in_biographies(finder: Finder, q: Query) -> Finding | None:
    """People whose biography names an organisation the programme does not list as one
    ('who works at Brugwerk Logistics?' when only their biography says so)."""
    phrase = re.compile(rf"\b{re.escape(q.unknown_affiliation)}\b")
    people = [p for p in finder.programme.people if phrase.search(fold(p.person.biography))]
    if not people:
        return None
    sessions = dict.fromkeys(
        finder.by_id[i] for p in people for i in p.session_ids if i in finder.by_id
    )
    return Finding(
        query=q,
        asks=(Ask.AFFILIATION,),
        sessions=tuple(finder.sorted(sessions)),
        people=tuple(people),
        scope=says(
            "named in their biography with %(organisation)s",
            organisation=q.unknown_affiliation.title(),
        ),
    )
