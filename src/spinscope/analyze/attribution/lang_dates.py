"""Time expressions in French, German, Italian, Polish and Russian (the first step of the
``dates`` analyzer for those languages), from the patterns in the language's resource file
(:mod:`.lang`): "23 novembre 2021", "23. November 2021", "23 listopada 2021",
"23 ноября 2021 года", "23.11.2021", "novembre 2021", "il y a trois ans", "vor drei
Jahren", "tre anni fa", "trzy lata temu", "три года назад", weekdays in their inflected
forms ("w poniedziałek", "в среду"), a month or a year after a preposition ("en 2014",
"im November", "w maju", "в 2014 году"), and relative words ("hier", "gestern", "ieri",
"wczoraj", "вчера", "la semaine dernière", "letztes Jahr", "в прошлом году").

Every match becomes a :class:`~.date_patterns.Found` of an English kind whose groups are
rewritten in the English words the resolver reads (month and weekday names, digits,
units, "last"/"next"/"this"), so :func:`.dates.resolve` resolves them against the publish
date by exactly the English rules. Spans exclude the preposition (a pattern's context is
a look-behind) and, as in English, the first (then longest) match at a position wins.
"""

from __future__ import annotations

import re

from .date_patterns import Found, disjoint
from .lang import DatePattern, Language


def _groups(lang: Language, pattern: DatePattern, m: re.Match[str]) -> tuple[str, ...] | None:
    """The match's groups in the English kind's order and words; None when a word is not
    one the resource file lists (cannot happen for a well-formed file)."""
    raw = [m.group(i) or "" for i in pattern.order]
    kind = pattern.kind
    try:
        if kind in ("dmy", "dm"):
            return (raw[0], lang.month_name(raw[1]), *raw[2:])
        if kind == "my":
            return (lang.month_name(raw[0]), raw[1])
        if kind == "month":
            return (lang.month_name(raw[0]).capitalize(),)
        if kind == "weekday":
            return (lang.weekday_name(raw[0]),)
        if kind == "ago":
            return (lang.number(raw[0]), lang.unit(raw[1]) + "s")
    except KeyError:
        return None
    return tuple(raw)  # iso, decade, year: digits already


def find_time_expressions(text: str, lang: Language) -> list[Found]:
    """Matches in ``text``, earliest first, without overlaps (longest wins)."""
    found: list[Found] = []
    for pattern in lang.date_patterns:
        for m in pattern.regex.finditer(text):
            groups = _groups(lang, pattern, m)
            if groups is not None:
                found.append(Found(m.start(), m.end(), pattern.kind, groups))
    for rel in lang.relative:
        for m in rel.regex.finditer(text):
            found.append(Found(m.start(), m.end(), rel.kind, rel.groups))
    return disjoint(found)
