"""Time expressions found by rule (the first step of the ``dates`` analyzer): calendar
dates, months, years, weekdays, "yesterday", "last week", "earlier this month", "three
years ago", "a decade before", decades. Spans exclude the preposition ("on Tuesday" ->
"Tuesday"); resolution is in :mod:`.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100,
}
_UNIT = r"(?:day|week|month|year|decade|century)s?"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a few|several|many|some)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# Order matters: longer patterns first; the first match at a position wins.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b({_YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")),
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_DAY})\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b", re.I)),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+({_DAY}),?\s+({_YEAR})\b", re.I)),
    ("numeric", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("md", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+({_DAY})\b(?!\s*,?\s*\d)")),
    ("dm", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_DAY})\s+(?:of\s+)?({_MONTH})\b(?!,?\s+\d)")),
    ("my", re.compile(rf"\b(?:(?:early|mid|late)[-\s])?({_MONTH})\s+(?:of\s+)?({_YEAR})\b", re.I)),
    ("decade", re.compile(r"\b((?:1[5-9]|20)\d0)(?:'|’)?s\b")),
    ("ago", re.compile(rf"\b({_NUM})\s+({_UNIT})\s+ago\b", re.I)),
    ("before_after", re.compile(rf"\b({_NUM})\s+({_UNIT})\s+(before|earlier|later|after)\b", re.I)),
    ("rel_unit", re.compile(r"\b(earlier|later)\s+(this|last|next)\s+(week|month|year)\b", re.I)),
    ("this_unit", re.compile(r"\b(last|next|this|past|coming)\s+(week|month|year|weekend)\b", re.I)),
    ("rel_weekday", re.compile(rf"\b(last|next|this)\s+({_WEEKDAY})\b", re.I)),
    ("day_word", re.compile(r"\b(today|tonight|yesterday|tomorrow)\b", re.I)),
    ("weekday", re.compile(rf"\b({_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("month", re.compile(r"\b(?:(?:early|mid|late)[-\s])?(January|February|March|April|May|June|July|August|September|October|November|December)\b")),
    ("year", re.compile(rf"(?<![\w$€£.,/-])({_YEAR})(?![\w%/-]|,\d|\.\d)")),
]
# a bare year counts only after one of these words (or when spaCy calls it a DATE)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|during|of|before|after|early|late|mid|around|between|and|"
    r"year|the|since|spring|summer|autumn|fall|winter|through|circa|c\.)\s+|[-–(]\s*)$",
    re.I,
)
ANCHOR = re.compile(
    rf"{_MONTH}|{_WEEKDAY}|\b{_YEAR}\b|\b(?:today|tonight|yesterday|tomorrow|ago|last|next|this|earlier|later)\b",
    re.I,
)


_MAY_CONTEXT = re.compile(r"\b(?:in|of|since|until|by|early|late|mid|last|next|this)\s+$", re.I)


@dataclass
class Found:
    start: int
    end: int
    kind: str
    groups: tuple[str, ...]



def find_time_expressions(text: str) -> list[Found]:
    """Rule matches in ``text``, earliest first, without overlaps (longest wins)."""
    found: list[Found] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if kind == "year" and not _YEAR_CONTEXT.search(text[max(0, m.start() - 25) : m.start()]):
                continue
            if kind == "month" and m.group(1) == "May" and not _MAY_CONTEXT.search(text[max(0, m.start() - 12) : m.start()]):
                continue  # the modal verb "May" at a sentence start
            found.append(Found(m.start(), m.end(), kind, tuple(g or "" for g in m.groups())))
    return disjoint(found)


def disjoint(found: list[Found]) -> list[Found]:
    """The matches earliest first, the longest at a position, none overlapping a kept one."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out

