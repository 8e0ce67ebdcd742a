"""A small, backend-neutral full-text query language, compiled for FTS5 and tsquery.

``climate tax`` (all words), ``"carbon tax"`` (a phrase), ``clim*`` (a prefix),
``-nuclear`` (must not occur). Words are runs of letters/digits, lower-cased; any
other character is a separator, so no user input can inject query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UsageError

#: Most distinct terms a query may hold (repeats count once); the cost of a query grows with them.
MAX_TERMS = 32
#: Most words in one quoted phrase.
MAX_PHRASE_WORDS = 32

_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    """Words that must occur in this order (one word for a plain term)."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


def parse(query: str) -> list[Term]:
    """Split a user's query into distinct terms (empty when it holds no word at all).

    Raises :class:`UsageError` past :data:`MAX_TERMS` distinct terms or :data:`MAX_PHRASE_WORDS`
    words in a phrase, and for a query that only excludes. Linear in the query's length.
    """
    terms: dict[Term, None] = {}  # insertion-ordered set: a repeated term counts once
    for match in _TERM.finditer(query):
        if match.group(2) is not None:
            negated, body, prefix = bool(match.group(1)), match.group(2), False
        else:
            negated, body = bool(match.group(3)), match.group(4)
            prefix = body.endswith("*")
        words = tuple(w.casefold() for w in _WORD.findall(body))
        if len(words) > MAX_PHRASE_WORDS:
            raise UsageError(f"a phrase in the text query has over {MAX_PHRASE_WORDS} words")
        if words:
            terms[Term(words, prefix, negated)] = None
            if len(terms) > MAX_TERMS:
                raise UsageError(f"the text query has over {MAX_TERMS} distinct terms")
    if terms and all(t.negated for t in terms):
        raise UsageError("a text query needs at least one word to look for, not only excluded ones")
    return list(terms)


def to_fts5(terms: list[Term]) -> str:
    """The FTS5 MATCH expression for ``terms``."""

    def one(term: Term) -> str:
        return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")

    positive = " AND ".join(one(t) for t in terms if not t.negated)
    negative = "".join(f" NOT {one(t)}" for t in terms if t.negated)
    return positive + negative


def to_tsquery(terms: list[Term]) -> str:
    """The PostgreSQL ``to_tsquery('simple', ...)`` expression for ``terms``."""

    def word(w: str, last: bool, prefix: bool) -> str:
        return "'" + w + "'" + (":*" if last and prefix else "")

    def one(term: Term) -> str:
        n = len(term.words)
        body = " <-> ".join(word(w, i == n - 1, term.prefix) for i, w in enumerate(term.words))
        body = f"({body})" if n > 1 else body
        return f"!{body}" if term.negated else body

    return " & ".join(one(t) for t in terms)
