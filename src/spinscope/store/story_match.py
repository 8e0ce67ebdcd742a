"""Which story an article belongs to: the matching rule, free of any database.

An article is described by a :class:`StoryInput` (embedding of its title and lead,
the actors it names, its date, the content words of its title). It joins the
candidate story with the best :func:`match_score` when that score reaches
:data:`THRESHOLD`; otherwise it opens a new story. Candidates are the stories whose
time span, widened by :data:`WINDOW` on both sides, contains the article's date
(undated articles, or undated stories, are compared with the most recent stories).

score = cosine(article embedding, story centroid) + ACTOR_WEIGHT * actor overlap,
where actor overlap is the share of the article's (at most :data:`MAX_ACTORS`) main
actors that the story's articles already name. A story never re-clusters: members
stay where they joined.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

#: How far (either side) an article's date may fall outside a story's span.
WINDOW = timedelta(days=4)
#: Weight of the shared actors next to the embedding cosine.
ACTOR_WEIGHT = 0.35
#: Score from which an article joins a story (fitted on the hand-labelled pairs, see BENCHMARKS.md).
THRESHOLD = 0.62
#: The article's actors that count: the most mentioned ones.
MAX_ACTORS = 6
#: Characters of the body (after the title) embedded with the title.
LEAD_CHARS = 400
DIM = 512

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Frequent title words that tell nothing about the event (six languages, short list).
_STOP_WORDS = """about after again against also amid because been before being between could during from have here
    into more most news only other over said says than that their them then there these they this those
    through under until very were what when where which while will with would your
    avec dans depuis pour plus sans selon sont sous leur leurs cette entre après contre être
    nach über unter eine einer einem einen sich nicht auch oder aber wird wurde sind durch gegen
    della delle degli sono come anche dopo contro nella nelle questo questa alla
    oraz przez jest które który które jako przed tego
    после через более этот также которые против"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass
class StoryInput:
    """What the matcher knows of one article."""

    article_pk: int
    vector: np.ndarray  # L2-normalised embedding of title + lead
    published: datetime | None = None  # naive UTC
    actors: dict[str, str] = field(default_factory=dict)  # canonical_key -> name, main actors first
    words: list[str] = field(default_factory=list)  # content words of the title


@dataclass
class StoryState:
    """A story as the matcher sees it (and as the store keeps it)."""

    id: int
    n_articles: int
    vector_sum: np.ndarray
    started: datetime | None = None
    ended: datetime | None = None
    actors: dict[str, list[object]] = field(default_factory=dict)  # key -> [name, articles]
    words: dict[str, int] = field(default_factory=dict)

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm > 0 else self.vector_sum

    def add(self, item: StoryInput) -> None:
        """Take ``item`` in: centroid, span, actor and word counts."""
        self.n_articles += 1
        self.vector_sum = self.vector_sum + item.vector.astype(np.float32)
        if item.published is not None:
            self.started = min(self.started or item.published, item.published)
            self.ended = max(self.ended or item.published, item.published)
        for key, name in item.actors.items():
            entry = self.actors.setdefault(key, [name, 0])
            entry[1] = int(entry[1]) + 1  # type: ignore[call-overload]
        for word in set(item.words):
            self.words[word] = self.words.get(word, 0) + 1

    def label(self) -> str:
        """Most telling actors (named by most articles) and title words (used by most articles)."""
        actors = sorted(self.actors.values(), key=lambda e: (-int(e[1]), str(e[0])))  # type: ignore[call-overload]
        names = [str(name) for name, _ in actors[:3]]
        words = [w for w, _ in sorted(self.words.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))]
        taken = {part.casefold() for name in names for part in name.split()}
        words = [w for w in words if w not in taken][:3]
        return " · ".join(part for part in (", ".join(names), " ".join(words)) if part) or "(untitled story)"


def title_words(title: str | None) -> list[str]:
    """Content words of a title (lower-cased, at least 4 letters, not a stop word), in order, once."""
    seen: list[str] = []
    for word in _WORD.findall((title or "").casefold()):
        if word not in _STOP and word not in seen:
            seen.append(word)
    return seen


def in_window(item: StoryInput, story: StoryState) -> bool:
    """Whether ``item``'s date falls within ``story``'s span widened by :data:`WINDOW`."""
    if item.published is None or story.started is None or story.ended is None:
        return True
    return story.started - WINDOW <= item.published <= story.ended + WINDOW


def actor_overlap(item: StoryInput, story: StoryState) -> float:
    keys = list(item.actors)[:MAX_ACTORS]
    if not keys:
        return 0.0
    return sum(1 for k in keys if k in story.actors) / len(keys)


def match_score(item: StoryInput, story: StoryState) -> float:
    cosine = float(np.dot(item.vector, story.centroid()))
    return cosine + ACTOR_WEIGHT * actor_overlap(item, story)


def best_story(
    item: StoryInput, candidates: Iterable[StoryState], threshold: float = THRESHOLD
) -> tuple[StoryState | None, float]:
    """The candidate ``item`` joins and its score, or ``(None, best score)`` when none reaches ``threshold``."""
    best: StoryState | None = None
    best_score = -math.inf
    for story in candidates:
        if not in_window(item, story):
            continue
        score = match_score(item, story)
        if score > best_score:
            best, best_score = story, score
    if best is None or best_score < threshold:
        return None, best_score
    return best, best_score


def cluster(items: list[StoryInput], threshold: float = THRESHOLD) -> dict[int, int]:
    """Assign ``items`` in order, in memory (the store does the same against its tables):
    ``{article_pk: story number}``. Used by the benchmark and the tests."""
    stories: list[StoryState] = []
    out: dict[int, int] = {}
    for item in items:
        story, _ = best_story(item, stories, threshold)
        if story is None:
            story = StoryState(id=len(stories), n_articles=0, vector_sum=np.zeros_like(item.vector, dtype=np.float32))
            stories.append(story)
        story.add(item)
        out[item.article_pk] = story.id
    return out
