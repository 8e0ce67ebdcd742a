"""Per-language word lists for "who says what" beyond English (French, German, Italian,
Polish, Russian), read from ``spinscope/resources/lang/<code>.json``.

Each file holds the language's quotation-mark pairs, speech cues (spaCy lemmas and the
inflected forms matched in plain text, e.g. "a déclaré", "sagte", "ha detto",
"powiedział", "заявил"), "according to" phrases ("selon", "laut", "secondo", "według",
"по словам"), complementisers ("que", "dass", "che", "że", "что"), month and weekday
names with their inflected forms (mapped to numbers), number words, time units, date
patterns and relative words ("hier", "gestern", "ieri", "wczoraj", "вчера"), and titles
stripped from names. :func:`for_language` maps an article's language code (ISO 639-1 or
the SemEval folder code: ``ge`` = German, ``po`` = Polish; region suffixes ignored) to
its :class:`Language`; English and languages without a file get None, so they keep the
English analyzers unchanged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_ALIASES = {"ge": "de", "po": "pl"}


@dataclass(frozen=True)
class DatePattern:
    kind: str  # a kind of :mod:`.date_patterns` (dmy, iso, dm, my, decade, ago, month, year, weekday)
    regex: re.Pattern[str]
    order: tuple[int, ...]  # which regex groups, in the order the English kind expects


@dataclass(frozen=True)
class Relative:
    kind: str  # day_word, this_unit, rel_unit or ago
    groups: tuple[str, ...]  # the English words the resolver understands ("last", "week")
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str
    quote_marks: tuple[tuple[str, str], ...]
    speech_lemmas: frozenset[str]
    speech_forms: re.Pattern[str]  # any inflected cue form, as a whole word sequence
    according_to: re.Pattern[str]
    complementisers: re.Pattern[str]
    backward_cues: re.Pattern[str]  # a cue that attributes the sentence before: "Lo ha detto X", "Об этом заявил X"
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | None]
    units: dict[str, str]
    date_patterns: tuple[DatePattern, ...]
    relative: tuple[Relative, ...]
    titles: frozenset[str]
    connectors: frozenset[str] = field(default_factory=frozenset)

    def month_name(self, word: str) -> str:
        """The English name of a month written in this language (for the resolver)."""
        return _EN_MONTHS[self.months[word.lower()] - 1]

    def weekday_name(self, word: str) -> str:
        return _EN_WEEKDAYS[self.weekdays[word.lower()]]

    def number(self, word: str) -> str:
        """Digits for a number word ("trois" -> "3"); "several" when it has no value."""
        if word.isdigit():
            return word
        value = self.numbers.get(word.lower())
        return "several" if value is None else str(value)

    def unit(self, word: str) -> str:
        return self.units[word.lower()]


_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"


def _alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first (so "a déclaré" wins over "a")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _phrase(words: Any) -> re.Pattern[str]:
    # a form ending in an apostrophe ("qu’") is followed by a letter; the others end a word
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?:(?<=['’])|(?!\w))", re.I)


def normalise_code(language: str | None) -> str:
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code)


def _build(data: dict[str, Any]) -> Language:
    months, weekdays = data["months"], data["weekdays"]
    slots = {
        "{MONTH}": _alternation(months), "{WEEKDAY}": _alternation(weekdays),
        "{NUM}": rf"\d{{1,3}}|{_alternation(data['numbers'])}", "{UNIT}": _alternation(data["units"]),
        "{DAY}": _DAY, "{YEAR}": _YEAR,
    }
    patterns = []
    for kind, template, order in data["date_patterns"]:
        for slot, alternation in slots.items():
            template = template.replace(slot, f"(?:{alternation})" if slot in ("{DAY}", "{YEAR}") else alternation)
        patterns.append(DatePattern(kind, re.compile(rf"(?<!\w){template}(?!\w)", re.I), tuple(order)))
    relative = tuple(
        Relative(kind, tuple(words.split()), re.compile(rf"(?<!\w)(?:{regex})(?!\w)", re.I))
        for kind, words, regex in data["relative"]
    )
    verbs = data["speech_verbs"]
    return Language(
        code=data["language"],
        name=data["name"],
        quote_marks=tuple((a, b) for a, b in data["quote_marks"]),
        speech_lemmas=frozenset(verbs.get("lemmas", [])),
        speech_forms=_phrase(verbs["forms"]),
        according_to=_phrase(data["according_to"]),
        complementisers=_phrase(data["complementisers"]),
        backward_cues=_phrase(data["backward_cues"]),
        months={k.lower(): v for k, v in months.items()},
        weekdays={k.lower(): v for k, v in weekdays.items()},
        numbers={k.lower(): v for k, v in data["numbers"].items()},
        units={k.lower(): v for k, v in data["units"].items()},
        date_patterns=tuple(patterns),
        relative=relative,
        titles=frozenset(t.lower() for t in data["titles"]),
        connectors=frozenset(data.get("name_connectors", [])),
    )


def available() -> list[str]:
    """ISO codes of the languages with a resource file."""
    folder = resources.files("spinscope") / "resources" / "lang"
    return sorted(str(p.name)[:-5] for p in folder.iterdir() if str(p.name).endswith(".json"))


@lru_cache(maxsize=16)
def _load(code: str) -> Language | None:
    path = resources.files("spinscope") / "resources" / "lang" / f"{code}.json"
    if not code.isalpha() or not path.is_file():
        return None
    return _build(json.loads(path.read_text(encoding="utf-8")))


def for_language(language: str | None) -> Language | None:
    """The word lists for an article's language; None for English, unknown or unlisted
    languages (they get the English analyzers)."""
    code = normalise_code(language)
    if not code or code == "en":
        return None
    return _load(code)
