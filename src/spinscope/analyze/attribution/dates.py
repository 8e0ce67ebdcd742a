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
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ...model import Article, DateMention
from .date_patterns import ANCHOR, MONTHS, NUMBERS, WEEKDAYS, Found, find_time_expressions
from .furniture import blank_furniture
from .lang import Language, for_language
from .lang_dates import find_time_expressions as find_lang_expressions
from .nlp import parse

Resolved = tuple[str | None, list[str] | None]


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



def _iso(d: date | None) -> Resolved:
    return (d.isoformat() if d else None), None


def _numeric(g: tuple[str, ...]) -> Resolved:
    a, b, y = int(g[0]), int(g[1]), int(g[2])
    return _iso(_safe_date(y, a, b) if a <= 12 else _safe_date(y, b, a))


def _decade(g: tuple[str, ...]) -> Resolved:
    start = int(g[0])
    return None, [f"{start:04d}-01-01", f"{start + 9:04d}-12-31"]


#: forms that resolve without the publish date
_ABSOLUTE: dict[str, Callable[[tuple[str, ...]], Resolved]] = {
    "iso": lambda g: _iso(_safe_date(int(g[0]), int(g[1]), int(g[2]))),
    "dmy": lambda g: _iso(_safe_date(int(g[2]), _month(g[1]), _day(g[0]))),
    "mdy": lambda g: _iso(_safe_date(int(g[2]), _month(g[0]), _day(g[1]))),
    "numeric": _numeric,
    "my": lambda g: (f"{int(g[1]):04d}-{_month(g[0]):02d}", None),
    "decade": _decade,
    "year": lambda g: (g[0], None),
}


def _month_day(month: int, day: int, p: date) -> Resolved:
    """A month and day without a year: the year that puts them nearest to ``p``."""
    options = [d for d in (_safe_date(p.year + dy, month, day) for dy in (-1, 0, 1)) if d]
    if not options:
        return None, None
    return min(options, key=lambda d: abs((d - p).days)).isoformat(), None


def _bare_month(g: tuple[str, ...], p: date) -> Resolved:
    m = _month(g[0])
    y = p.year if m <= p.month else p.year - 1
    return f"{y:04d}-{m:02d}", None


def _day_word(g: tuple[str, ...], p: date) -> Resolved:
    delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g[0].lower()]
    return (p + timedelta(days=delta)).isoformat(), None


def _weekday(g: tuple[str, ...], p: date) -> Resolved:
    back = (p.weekday() - WEEKDAYS[g[0].lower()]) % 7
    return (p - timedelta(days=back)).isoformat(), None


def _rel_weekday(g: tuple[str, ...], p: date) -> Resolved:
    rel, wd = g[0].lower(), WEEKDAYS[g[1].lower()]
    if rel == "last":
        return (p - timedelta(days=(p.weekday() - wd) % 7 or 7)).isoformat(), None
    if rel == "next":
        return (p + timedelta(days=(wd - p.weekday()) % 7 or 7)).isoformat(), None
    monday, _ = _week(p)
    return (monday + timedelta(days=wd)).isoformat(), None


def _unit_bounds(unit: str, delta: int, p: date) -> tuple[date, date, str | None]:
    """(first day, last day, value) of the week/weekend/month/year ``delta`` units from ``p``."""
    if unit in ("week", "weekend"):
        monday, sunday = _week(p + timedelta(weeks=delta))
        return (monday + timedelta(days=5) if unit == "weekend" else monday), sunday, None
    if unit == "month":
        y, m = _shift_months(p.year, p.month, delta)
        first, last = _month_bounds(y, m)
        return first, last, f"{y:04d}-{m:02d}"
    y = p.year + delta
    return date(y, 1, 1), date(y, 12, 31), f"{y:04d}"


def _unit(side: str, rel: str, unit: str, p: date) -> Resolved:
    """"last week", "this year", "earlier this month" (the interval ends at ``p``)."""
    delta = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
    first, last, value = _unit_bounds(unit, delta, p)
    if side == "earlier" and delta == 0:
        last = p
    elif side == "later" and delta == 0:
        first = p
    if unit in ("week", "weekend") or side:
        return value, [first.isoformat(), last.isoformat()]
    return value, None


def _ago(g: tuple[str, ...], p: date) -> Resolved:
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


#: forms counted from the publish date
_RELATIVE: dict[str, Callable[[tuple[str, ...], date], Resolved]] = {
    "md": lambda g, p: _month_day(_month(g[0]), _day(g[1]), p),
    "dm": lambda g, p: _month_day(_month(g[1]), _day(g[0]), p),
    "month": _bare_month,
    "day_word": _day_word,
    "weekday": _weekday,
    "rel_weekday": _rel_weekday,
    "this_unit": lambda g, p: _unit("", g[0].lower(), g[1].lower(), p),
    "rel_unit": lambda g, p: _unit(g[0].lower(), g[1].lower(), g[2].lower(), p),
    "ago": _ago,
}


def resolve(found: Found, published: date | None, previous: DateMention | None = None) -> Resolved:
    """(value, interval) of one expression; see the module docstring for the rules."""
    absolute = _ABSOLUTE.get(found.kind)
    if absolute is not None:
        return absolute(found.groups)
    if found.kind == "before_after":  # restates the date just before it, else unresolved
        if previous is not None and previous.value and previous.end <= found.start and found.start - previous.end <= 4:
            return previous.value, list(previous.interval) if previous.interval else None
        return None, None
    relative = _RELATIVE.get(found.kind)
    if relative is None or published is None:
        return None, None
    return relative(found.groups, published)


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
        if not ANCHOR.search(ent.text) or "\n" in ent.text:
            continue
        s, e = ent.start_char, ent.end_char
        if text[s:e].lower().startswith("the "):
            s += 4
        found.append(Found(s, e, "other", ()))
    return _resolved(found, text, pub)


def extract_dates_in(text: str, published: datetime | date | None, lang: Language) -> list[DateMention]:
    """Time expressions of a text in a language with a resource file (:mod:`.lang_dates`),
    resolved by the same rules as English ones."""
    pub = published.date() if isinstance(published, datetime) else published
    return _resolved(find_lang_expressions(text, lang), text, pub)


def _resolved(found: list[Found], text: str, pub: date | None) -> list[DateMention]:
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
    reads = ("text", "published", "language")
    writes = ("dates",)
    version = "rules-2"

    def __call__(self, articles: list[Article]) -> None:
        english = [a for a in articles if for_language(a.language) is None]
        texts = [blank_furniture(a.text) for a in english]
        for article, doc, text in zip(english, parse(texts), texts, strict=True):
            article.dates = extract_dates(doc, article.published, text)
        for article in articles:
            lang = for_language(article.language)
            if lang is not None:
                article.dates = extract_dates_in(article.text, article.published, lang)
