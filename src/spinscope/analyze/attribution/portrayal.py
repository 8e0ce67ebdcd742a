"""Actor portrayal: which actors each technique span targets, and how each actor is portrayed.

The target rule (``span_targets``), in three steps; a span may target **no actor**:

1. the actors **mentioned inside the span** ("corrupt Hillary Clinton");
2. else, in English, the actor the span is **grammatically attached to** in its sentence
   (spaCy's parse): the noun the span modifies or stands beside ("the *disgraced* Comey",
   "Farrakhan, the *raging anti-Semite*"), the owner of the span's noun ("Trump's *lies*",
   "*lies* of Trump"), or, when the span is what a clause says of its subject or object, that
   subject or object ("Farrakhan is the *raging anti-Semite*", "the mayor, Ilse Brandt,
   offered *empty words*", "called Barr a *liar*");
3. else nobody: a span that is itself a clause's subject, or that no actor is attached to
   ("Experts say *the epidemic could still worsen*"), targets no one rather than the nearest name.

In step 2 a pronoun or definite description the span is attached to, or that is the subject
or object of the span's own verb, stands for the actor :mod:`.coref` gives ("*he* is a liar",
"the *hurricane-ravaged* island"; "it" is never resolved). The span's own speaker is never its
target (the person a quoted span is attributed to says it). Outside English (no parser here)
only step 1 applies.

The earlier rule (the nearest actor in the span's clause, :func:`nearest_in_clause`) is kept
for ``bench/bench_portrayal.py``, which scores both on the same hand-annotated spans.

Pure functions over analysed :class:`~spinscope.model.Article` objects (entities and
technique spans with voice); the web page aggregates them per actor (:func:`portrayal`),
parsing only the sentences that name the actor asked for.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from ...model import Article, TechniqueSpan
from .coref import Coref
from .genders import genders
from .nlp import parse

_CUT = re.compile(r"[.!?;:\n]|\s[-–—]\s")
EXAMPLES = 20


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from after the last cut before ``start`` to the
    first cut at or after ``end`` (cuts inside the span do not split it)."""
    left = 0
    for m in _CUT.finditer(text, 0, start):
        left = m.end()
    found = _CUT.search(text, end)
    return left, found.start() if found else len(text)


def span_targets(article: Article, span: TechniqueSpan) -> list[str]:
    """Canonical names of the actors ``span`` targets (see the module rule), in text order."""
    inside = _inside(article, span)
    if inside or (article.language or "en") != "en":
        return inside
    speaker = (span.speaker or "").casefold()
    found = _attached(article, span)
    return [] if found is None or found.casefold() == speaker else [found]


def _inside(article: Article, span: TechniqueSpan) -> list[str]:
    inside: dict[str, int] = {}
    for e in article.entities:
        for m in e.mentions:
            if m.start < span.end and m.end > span.start:
                inside[e.canonical] = min(inside.get(e.canonical, m.start), m.start)
    return sorted(inside, key=lambda name: (inside[name], name))


def nearest_in_clause(article: Article, span: TechniqueSpan) -> list[str]:
    """The earlier rule: actors inside the span, else the actor mentioned nearest to it in its
    clause (not the speaker). Kept for the benchmark's comparison."""
    inside = _inside(article, span)
    if inside:
        return inside
    left, right = clause_bounds(article.text, span.start, span.end)
    speaker = (span.speaker or "").casefold()
    near: list[tuple[int, str]] = []
    for e in article.entities:
        if speaker and (e.canonical.casefold() == speaker or speaker in {a.casefold() for a in e.aliases}):
            continue
        for m in e.mentions:
            if left <= m.start and m.end <= right:
                near.append((min(abs(m.start - span.end), abs(span.start - m.end)), e.canonical))
    return [min(near)[1]] if near else []


_MODIFIER = frozenset({"amod", "compound", "nmod", "appos", "det", "nummod", "advmod", "conj", "cc", "punct"})
_PREDICATE = frozenset({"attr", "acomp", "oprd", "dobj", "xcomp"})


def _attached(article: Article, span: TechniqueSpan) -> str | None:
    """The actor the span is attached to in the parse of its sentence (rule step 2)."""
    left, right = _sentence_bounds(article.text, span.start, span.end)
    doc = parse([article.text[left:right]])[0]
    actor = _Actors(article, left)
    tokens = [t for t in doc if span.start <= left + t.idx < span.end]
    inner = {t.i for t in tokens}
    heads = [t for t in tokens if (t.head.i not in inner or t.head.i == t.i) and not t.is_punct]
    if not heads:
        return None
    found = _owner_or_referred(actor, tokens, inner)
    if found:
        return found
    x = heads[0]
    for _ in range(5):
        p = x.head
        if p.i == x.i:
            return None
        found = actor.of(p) or actor.owner(p, inner)
        if found:
            return found  # the span modifies the actor, stands beside it, or modifies what it owns
        if x.dep_ in _MODIFIER:
            x = p
            continue
        if x.dep_ == "pobj" and p.lower_ == "as" and p.head.pos_ == "VERB":
            p, x = p.head, p  # "characterized CNN's coverage as *fake news*": what is characterized
            wanted: tuple[str, ...] = ("dobj",)
        elif x.dep_ in _PREDICATE and p.pos_ in ("VERB", "AUX"):
            # "called Raeisi a disaster" (the parser may mark both words oprd), "X is a disgrace"
            wanted = ("dobj", "oprd", "dative", "nsubjpass") if x.dep_ == "oprd" else ("nsubj", "nsubjpass")
        else:
            return None
        for c in p.children:
            if c.dep_ in wanted and c.i not in inner:
                found = actor.of(c) or actor.owner(c, inner)
                if found:
                    return found
        return None
    return None


def _owner_or_referred(actor: _Actors, tokens: list, inner: set[int]) -> str | None:
    """The owner of a noun in the span ("Trump's lies", "the lies of Trump"), else the actor a
    pronoun or description the span's own verb takes stands for ("*he has a larger
    following*", "*I regard him as an outstanding man*")."""
    for t in tokens:
        found = actor.owner(t, inner)
        if found:
            return found
    for t in tokens:
        if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.head.i in inner and t.head.i != t.i:
            found = actor.referred(t)
            if found:
                return found
    return None


class _Actors:
    """Which actor a token of the sentence parse names (its own mention, or a name in apposition
    or in compound with it: "the mayor, Ilse Brandt")."""

    def __init__(self, article: Article, offset: int) -> None:
        self.by_char = {c: e.canonical for e in article.entities for m in e.mentions for c in range(m.start, m.end)}
        self.offset = offset
        self.coref = Coref(article.entities, genders([], article.entities, article.text))  # honorifics only

    def referred(self, tok) -> str | None:
        """The actor a pronoun or definite description stands for (:mod:`.coref`)."""
        ent = self.coref.resolve(tok, self.offset + tok.idx)
        return ent.canonical if ent is not None else None

    def owner(self, tok, inner: set[int]) -> str | None:
        """The actor owning ``tok``'s noun: "Trump's ire", "the lies of Trump", "Acosta, whose
        questions" (tokens in ``inner``, the span, are skipped)."""
        for c in tok.children:
            if c.i in inner:
                continue
            if c.dep_ == "poss":
                if c.lower_ == "whose" and tok.head.dep_ == "relcl":
                    return self.of(tok.head.head)
                return self.of(c)
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and self.of(obj):
                    return self.of(obj)
        return None

    def of(self, tok) -> str | None:
        name = self.by_char.get(self.offset + tok.idx)
        if name:
            return name
        for c in tok.children:
            if c.dep_ in ("appos", "compound"):
                name = self.by_char.get(self.offset + c.idx)
                if name:
                    return name
        return self.referred(tok)  # "he", "the group", "the island"


_ENDS = re.compile(r"[!?\n]|(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bGen)\.")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: cut at ``. ! ?`` and line breaks, not at the dot
    of "Mr." or "U.S.", leading spaces left out."""
    lo = max(0, start - 2000)
    left = lo
    for m in _ENDS.finditer(text, lo, start):
        left = m.end()
    found = _ENDS.search(text, end)
    right = found.end() if found else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right


def _sentence(text: str, start: int, end: int) -> str:
    left, right = _sentence_bounds(text, start, end)
    return text[left:right].strip()


def _is(article: Article, canonical: str, key: str) -> bool:
    return canonical.casefold() == key or any(
        a.casefold() == key for e in article.entities if e.canonical == canonical for a in e.aliases
    )


def portrayal(articles: list[Article], actor: str, thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
    """How ``actor`` (a canonical name or alias, any case) is targeted across ``articles``:
    technique counts per outlet and per month, split by the outlet's own voice and quoted
    voices, and up to :data:`EXAMPLES` example sentences (newest first). A technique span
    counts from its technique's confidence in ``thresholds`` (every span without)."""
    key = actor.casefold()
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    voices: dict[str, Counter[str]] = defaultdict(Counter)
    examples: list[dict[str, Any]] = []
    name = next((e.canonical for a in articles for e in a.entities if _is(a, e.canonical, key)), actor)
    n_articles = 0
    for article in sorted(articles, key=lambda a: (a.published is None, a.published), reverse=True):
        hit = False
        spots = [m.start for e in article.entities if _is(article, e.canonical, key) for m in e.mentions]
        for span in article.techniques:
            if not span.reaches(thresholds):
                continue
            left, right = _sentence_bounds(article.text, span.start, span.end)
            if not any(left <= at < right for at in spots):
                continue  # the actor is not named in the span's sentence: no parse needed
            targets = [t for t in span_targets(article, span) if _is(article, t, key)]
            if not targets:
                continue
            hit = True
            outlet = article.outlet or "(no outlet)"
            voice = "author" if (span.voice or "author") == "author" else "quoted"
            by_outlet[outlet][span.label] += 1
            voices[outlet][voice] += 1
            if article.published is not None:
                by_month[article.published.strftime("%Y-%m")][span.label] += 1
            if len(examples) < EXAMPLES:
                examples.append(
                    {
                        "article_id": article.id,
                        "outlet": article.outlet,
                        "published": article.published.date().isoformat() if article.published else None,
                        "technique": span.label,
                        "text": span.text,
                        "sentence": _sentence(article.text, span.start, span.end),
                        "voice": voice,
                        "speaker": span.speaker,
                    }
                )
        n_articles += hit
    return {
        "actor": name,
        "n_articles_targeting": n_articles,
        "n_articles_read": len(articles),
        "by_outlet": [
            {
                "outlet": o,
                "techniques": dict(c.most_common()),
                "own_voice": voices[o]["author"],
                "quoted": voices[o]["quoted"],
            }
            for o, c in sorted(by_outlet.items(), key=lambda kv: -sum(kv[1].values()))
        ],
        "by_month": [{"month": m, "techniques": dict(c.most_common())} for m, c in sorted(by_month.items())],
        "examples": examples,
    }
