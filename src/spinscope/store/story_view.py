"""One story, outlets side by side: what each outlet's articles on the event contain.

Pure functions over the stored :class:`~spinscope.model.Article` objects of a story.
"Sentences only one outlet has" are the sentences whose content words (4+ letters)
overlap no sentence of another outlet by :data:`SHARED_OVERLAP` or more (Jaccard), a
lexical rule: across languages, every sentence of a lone-language outlet counts as its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..model import Article
from .outlets import outlet_display, outlet_key
from .query import _lead

SHARED_OVERLAP = 0.35
UNIQUE_PER_OUTLET = 5
TOP = 10
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?", re.UNICODE)


def _sentences(article: Article) -> list[str]:
    body = article.text
    if article.title and body.startswith(article.title):
        body = body[len(article.title) :]
    return [m.group().strip() for m in _SENTENCE.finditer(body) if len(_WORD.findall(m.group())) >= 4]


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(sentence))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def unique_sentences(by_outlet: dict[str, list[Article]], per_outlet: int = UNIQUE_PER_OUTLET) -> dict[str, list[str]]:
    """Per outlet, up to ``per_outlet`` sentences (longest first) no other outlet shares."""
    sents = {o: [(x, _words(x)) for a in arts for x in _sentences(a)] for o, arts in by_outlet.items()}
    out: dict[str, list[str]] = {}
    for outlet, own in sents.items():
        others = [w for o, pairs in sents.items() if o != outlet for _, w in pairs]
        lone = [x for x, w in own if all(_jaccard(w, v) < SHARED_OVERLAP for v in others)]
        out[outlet] = sorted(dict.fromkeys(lone), key=lambda x: (-len(x), x))[:per_outlet]
    return out


def _n_words(article: Article) -> int:
    return len(article.text.split())


def outlet_column(articles: list[Article], thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The numbers of one outlet's articles on the story; a technique span counts from its
    technique's confidence in ``thresholds`` (all of them without)."""
    words = sum(_n_words(a) for a in articles)
    spans = [t for a in articles for t in a.techniques if t.reaches(thresholds)]
    techniques = Counter(t.label for t in spans)
    own = sum(1 for t in spans if (t.voice or "author") == "author")
    return {
        "n_articles": len(articles),
        "n_words": words,
        "n_spans": sum(techniques.values()),
        "spans_per_1000_words": round(1000 * sum(techniques.values()) / words, 2) if words else 0.0,
        "own_voice_share": round(own / sum(techniques.values()), 2) if techniques else None,
        "techniques": [
            {"technique": k, "count": v, "per_1000_words": round(1000 * v / words, 2) if words else 0.0}
            for k, v in techniques.most_common()
        ],
        "frames": [
            {"frame": k, "n_articles": v} for k, v in Counter(f.label for a in articles for f in a.frames).most_common()
        ],
        "genres": [
            {"genre": k, "n_articles": v} for k, v in Counter(a.genre.label or "?" for a in articles).most_common()
        ],
        "quoted": [
            {"speaker": k, "n_quotes": v}
            for k, v in Counter(q.speaker for a in articles for q in a.quotes if q.speaker).most_common(TOP)
        ],
        "actors": [{"name": k, "n_mentions": v} for k, v in _actor_counts(articles)],
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "lead": _lead(a.text, a.title),  # heads an untitled one, as a search hit's lead
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ],
    }


def _actor_counts(articles: list[Article]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for a in articles:
        for e in a.entities:
            counts[e.canonical] += len(e.mentions)
    return counts.most_common(TOP)


def side_by_side(
    summary: dict[str, Any], articles: list[Article], thresholds: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """The story page's data: its summary plus one column per outlet (articles without an
    outlet form the column ``"(no outlet)"``). Spellings of one outlet (:func:`.outlets.outlet_key`)
    share a column named as the store names the outlet (``summary["outlets"]``), so the page
    agrees with the story list, the statistics and the actor pages."""
    shown = {outlet_key(name): name for name in summary.get("outlets") or ()}
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        name = outlet_display(a.outlet)
        by_outlet.setdefault(shown.get(outlet_key(name), name) if name else "(no outlet)", []).append(a)
    lone = unique_sentences(by_outlet)
    columns = [{"outlet": o, **outlet_column(arts, thresholds), "only_here": lone[o]} for o, arts in sorted(by_outlet.items())]
    return {**summary, "columns": columns}
