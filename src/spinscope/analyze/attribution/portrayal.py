"""Actor portrayal: which actors each technique span targets, and how each actor is portrayed.

The target rule, in one sentence: **the actors mentioned inside the span; if none, the actor
mentioned nearest to the span within its clause** (the text between the closest of ``. ! ? ; :``,
a line break or a spaced dash on either side), leaving out the span's own speaker (the
person a quoted span is attributed to says it, and is not its target). A span with no
actor in its clause targets nobody.

Pure functions over analysed :class:`~spinscope.model.Article` objects (entities and
technique spans with voice); the web page aggregates them per actor (:func:`portrayal`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ...model import Article, TechniqueSpan

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
    inside: dict[str, int] = {}
    for e in article.entities:
        for m in e.mentions:
            if m.start < span.end and m.end > span.start:
                inside[e.canonical] = min(inside.get(e.canonical, m.start), m.start)
    if inside:
        return sorted(inside, key=lambda name: (inside[name], name))
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


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    found = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[left : (min(found) + 1 if found else len(text))].strip()


def _is(article: Article, canonical: str, key: str) -> bool:
    return canonical.casefold() == key or any(
        a.casefold() == key for e in article.entities if e.canonical == canonical for a in e.aliases
    )


def portrayal(articles: list[Article], actor: str) -> dict[str, Any]:
    """How ``actor`` (a canonical name or alias, any case) is targeted across ``articles``:
    technique counts per outlet and per month, split by the outlet's own voice and quoted
    voices, and up to :data:`EXAMPLES` example sentences (newest first)."""
    key = actor.casefold()
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    voices: dict[str, Counter[str]] = defaultdict(Counter)
    examples: list[dict[str, Any]] = []
    name = next((e.canonical for a in articles for e in a.entities if _is(a, e.canonical, key)), actor)
    n_articles = 0
    for article in sorted(articles, key=lambda a: (a.published is None, a.published), reverse=True):
        hit = False
        for span in article.techniques:
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
