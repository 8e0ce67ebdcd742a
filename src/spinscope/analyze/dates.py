"""The ``dates`` analyzer: time expressions, resolved against the publish date.

Expressions are found by rules (calendar dates, months, years, weekdays, "yesterday",
"last week", "earlier this month", "three years ago", "a decade before", decades) and
by spaCy's DATE entities when they contain a temporal anchor the rules missed. Spans
exclude the preposition ("on Tuesday" -> "Tuesday").

Resolution (``published`` = the article's publish date, when known):

- absolute forms resolve without it: "23 November 2021", "Nov. 5, 2019" -> a date;
  "March 2019" -> ``2019-03``; "in 2014" -> ``2014``; "the 1990s" -> an interval;
- a month and day without a year take the year that puts them nearest to the publish
  date ("December 31" in an article of 23 Nov 2021 -> ``2021-12-31``);
- a weekday is the latest such day on or before the publish date (news use);
- relative forms count from the publish date: "yesterday", "last week" (Monday-Sunday
  interval), "earlier this month" (``2021-11`` with the interval up to the publish date),
  "last year", "three years ago";
- "a decade before"/"two years later" are relative to an event, not to the publish date:
  right after a resolved year in the same sentence ("in 2011, a decade before ...") they
  restate it, else they stay unresolved.

Anything that cannot be resolved keeps ``value`` and ``interval`` as None.

:mod:`dateparser` was tried and rejected: with a relative base it resolves "on Tuesday"
of a Tuesday article to the week before, "December 31" to the previous year, adds a
day to "in 2014", returns nothing for "earlier this month", and loses the granularity
(year / month / day) that ``value`` must keep.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..model import Article, DateMention
from .who_nlp import parse

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
_ANCHOR = re.compile(
    rf"{_MONTH}|{_WEEKDAY}|\b{_YEAR}\b|\b(?:today|tonight|yesterday|tomorrow|ago|last|next|this|earlier|later)\b",
    re.I,
)


_MAY_CONTEXT = re.compile(r"\b(?:in|of|since|until|by|early|late|mid|last|next|this)\s+$", re.I)


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    groups: tuple[str, ...]


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _week(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(y: int, m: int, delta: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + delta
    return total // 12, total % 12 + 1


def find_time_expressions(text: str) -> list[_Found]:
    """Rule matches in ``text``, earliest first, without overlaps (longest wins)."""
    found: list[_Found] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if kind == "year" and not _YEAR_CONTEXT.search(text[max(0, m.start() - 25) : m.start()]):
                continue
            if kind == "month" and m.group(1) == "May" and not _MAY_CONTEXT.search(text[max(0, m.start() - 12) : m.start()]):
                continue  # the modal verb "May" at a sentence start
            found.append(_Found(m.start(), m.end(), kind, tuple(g or "" for g in m.groups())))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[_Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def resolve(found: _Found, published: date | None, previous: DateMention | None = None) -> tuple[str | None, list[str] | None]:
    """(value, interval) of one expression; see the module docstring for the rules."""
    g = found.groups
    k = found.kind
    p = published
    if k == "iso":
        d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
        return (d.isoformat() if d else None), None
    if k == "dmy":
        d = _safe_date(int(g[2]), _month(g[1]), _day(g[0]))
        return (d.isoformat() if d else None), None
    if k == "mdy":
        d = _safe_date(int(g[2]), _month(g[0]), _day(g[1]))
        return (d.isoformat() if d else None), None
    if k == "numeric":
        a, b, y = int(g[0]), int(g[1]), int(g[2])
        d = _safe_date(y, a, b) if a <= 12 else _safe_date(y, b, a)
        return (d.isoformat() if d else None), None
    if k in ("md", "dm"):
        month, day = (_month(g[0]), _day(g[1])) if k == "md" else (_month(g[1]), _day(g[0]))
        if p is None:
            return None, None
        options = [d for d in (_safe_date(p.year + dy, month, day) for dy in (-1, 0, 1)) if d]
        if not options:
            return None, None
        best = min(options, key=lambda d: abs((d - p).days))
        return best.isoformat(), None
    if k == "my":
        return f"{int(g[1]):04d}-{_month(g[0]):02d}", None
    if k == "decade":
        start = int(g[0])
        return None, [f"{start:04d}-01-01", f"{start + 9:04d}-12-31"]
    if k == "year":
        return g[0], None
    if k == "month":
        if p is None:
            return None, None
        m = _month(g[0])
        y = p.year if m <= p.month else p.year - 1
        return f"{y:04d}-{m:02d}", None
    if k == "before_after":
        if previous is not None and previous.value and previous.end <= found.start and found.start - previous.end <= 4:
            return previous.value, list(previous.interval) if previous.interval else None
        return None, None
    if p is None:
        return None, None
    if k == "day_word":
        w = g[0].lower()
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
        return (p + timedelta(days=delta)).isoformat(), None
    if k == "weekday":
        wd = WEEKDAYS[g[0].lower()]
        back = (p.weekday() - wd) % 7
        return (p - timedelta(days=back)).isoformat(), None
    if k == "rel_weekday":
        rel, wd = g[0].lower(), WEEKDAYS[g[1].lower()]
        monday, _ = _week(p)
        if rel == "last":
            back = (p.weekday() - wd) % 7 or 7
            return (p - timedelta(days=back)).isoformat(), None
        if rel == "next":
            ahead = (wd - p.weekday()) % 7 or 7
            return (p + timedelta(days=ahead)).isoformat(), None
        return (monday + timedelta(days=wd)).isoformat(), None
    if k in ("this_unit", "rel_unit"):
        if k == "rel_unit":
            side, rel, unit = g[0].lower(), g[1].lower(), g[2].lower()
        else:
            side, rel, unit = "", g[0].lower(), g[1].lower()
        delta = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
        if unit in ("week", "weekend"):
            monday, sunday = _week(p + timedelta(weeks=delta))
            if unit == "weekend":
                monday = monday + timedelta(days=5)
            first, last = monday, sunday
            value = None
        elif unit == "month":
            y, m = _shift_months(p.year, p.month, delta)
            first, last = _month_bounds(y, m)
            value = f"{y:04d}-{m:02d}"
        else:
            y = p.year + delta
            first, last = date(y, 1, 1), date(y, 12, 31)
            value = f"{y:04d}"
        if side == "earlier" and delta == 0:
            last = p
        elif side == "later" and delta == 0:
            first = p
        if unit in ("week", "weekend") or side:
            return value, [first.isoformat(), last.isoformat()]
        return value, None
    if k == "ago":
        n = _num(g[0])
        if n is None:
            return None, None
        unit = g[1].lower().rstrip("s")
        if unit == "day":
            return (p - timedelta(days=n)).isoformat(), None
        if unit == "week":
            return (p - timedelta(weeks=n)).isoformat(), None
        if unit == "month":
            y, m = _shift_months(p.year, p.month, -n)
            return f"{y:04d}-{m:02d}", None
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        return f"{p.year - years:04d}", None
    return None, None


def extract_dates(doc, published: datetime | date | None, text: str | None = None) -> list[DateMention]:
    """Time expressions of one parsed document, resolved against ``published``. ``text``
    is the article's text (default ``doc.text``, which spaCy rebuilds on every access)."""
    text = doc.text if text is None else text
    pub = published.date() if isinstance(published, datetime) else published
    found = find_time_expressions(text)
    taken_ends = [f.end for f in found]  # rule matches are disjoint and in text order
    taken_starts = [f.start for f in found]
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        k = bisect_right(taken_ends, ent.start_char)  # the first rule match ending after the entity's start
        if k < len(taken_starts) and taken_starts[k] < ent.end_char:
            continue
        if not _ANCHOR.search(ent.text) or "\n" in ent.text:
            continue
        s, e = ent.start_char, ent.end_char
        if text[s:e].lower().startswith("the "):
            s += 4
        found.append(_Found(s, e, "other", ()))
    found.sort(key=lambda f: f.start)
    out: list[DateMention] = []
    for f in found:
        previous = out[-1] if out else None
        if previous is not None:
            between = text[previous.end : f.start]
            if "." in between or "\n" in between:
                previous = None
        value, interval = resolve(f, pub, previous)
        out.append(DateMention(start=f.start, end=f.end, text=text[f.start : f.end], value=value, interval=interval))
    return out


class DateAnalyzer:
    """Fills ``article.dates`` (see the module docstring)."""

    name = "dates"
    reads = ("text", "published")
    writes = ("dates",)
    version = "rules-1"

    def __call__(self, articles: list[Article]) -> None:
        docs = parse([a.text for a in articles])
        for article, doc in zip(articles, docs, strict=True):
            article.dates = extract_dates(doc, article.published, article.text)
