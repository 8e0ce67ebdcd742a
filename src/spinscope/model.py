"""The data model at the centre of spinscope.

An :class:`Article` owns its clean ``text``. Everything found in it (paragraphs,
technique spans, entity mentions, quotes, time expressions) is a plain typed value
whose ``start``/``end`` are character offsets into that text (``end`` exclusive), so
``article.text[span.start:span.end] == span.text`` always holds.

Articles serialise to and from JSON without loss (:meth:`Article.to_dict`,
:meth:`Article.from_dict`). The field names of ``to_dict`` are a public contract,
documented in README.md ("Output fields").
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Label:
    """A label with a confidence in [0, 1] (genre scores, frames, paragraph techniques)."""

    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": round(float(self.score), 4)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Label:
        return cls(label=d["label"], score=float(d["score"]))


@dataclass
class Genre:
    """Opinion / reporting / satire, with a score for every genre."""

    label: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    confident: bool = True  # False: a short text or a close call (see ``note``)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "scores": {k: round(float(v), 4) for k, v in self.scores.items()}}
        if self.label is not None:  # the flag belongs to a label
            out["confident"] = self.confident
            out["note"] = self.note
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Genre:
        if not d:
            return cls()
        return cls(label=d.get("label"), scores={k: float(v) for k, v in (d.get("scores") or {}).items()},
                   confident=bool(d.get("confident", True)), note=d.get("note"))


@dataclass
class Paragraph:
    """A non-empty line of the text. ``id`` is its 1-based line number in ``text``
    (the SemEval paragraph id when the text is a SemEval article file)."""

    id: int
    start: int
    end: int
    techniques: list[Label] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "techniques": [t.to_dict() for t in self.techniques],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paragraph:
        return cls(
            id=int(d["id"]),
            start=int(d["start"]),
            end=int(d["end"]),
            techniques=[Label.from_dict(t) for t in d.get("techniques", [])],
        )


@dataclass
class TechniqueSpan:
    """The exact words carrying one persuasion technique.

    ``voice`` is ``"author"`` when the outlet says it in its own voice and ``"quoted"``
    when the span lies inside a quote or reported speech; ``speaker`` then names who.
    """

    label: str
    start: int
    end: int
    text: str
    score: float
    voice: str = "author"
    speaker: str | None = None

    def reaches(self, thresholds: Mapping[str, float] | None) -> bool:
        """Whether the span reaches its technique's threshold in ``thresholds`` (a technique
        without one, or no thresholds at all: always); the one rule behind
        :func:`spinscope.confidence.shown` and the corpus views' counts."""
        return thresholds is None or self.score >= thresholds.get(self.label, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(float(self.score), 4),
            "voice": self.voice,
            "speaker": self.speaker,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TechniqueSpan:
        return cls(
            label=d["label"],
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            score=float(d["score"]),
            voice=d.get("voice", "author"),
            speaker=d.get("speaker"),
        )


@dataclass
class Mention:
    """One place in the text where an entity is named (or referred to)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(start=int(d["start"]), end=int(d["end"]), text=d["text"])


@dataclass
class Entity:
    """A person, organisation, place or group, with its aliases merged.

    ``canonical`` is the name under which the actor is counted across a corpus;
    ``type`` is one of PERSON, ORG, GPE, LOC, NORP (groups), EVENT, OTHER.
    """

    canonical: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    method: str | None = None  # how it was found beyond English: "spacy-fr" or "rules"; None: English spaCy

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "canonical": self.canonical,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.method is not None:
            out["method"] = self.method
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            canonical=d["canonical"],
            type=d["type"],
            aliases=list(d.get("aliases", [])),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
            method=d.get("method"),
        )


@dataclass
class Quote:
    """Something a source is reported to have said.

    ``kind`` is ``direct`` ("...", X said), ``partial`` (a quoted fragment that is not
    inside the same source's reported speech) or ``indirect`` (X said that ...).
    ``start``/``end`` cover the words attributed to the speaker. ``speaker_kind`` says
    who the source is: ``named`` (``speaker`` is the canonical name of the entity, or a
    name as written), ``unnamed`` (a description such as "a senior official": ``speaker``
    is None and ``speaker_text`` holds the description) or None (no source found).
    ``speaker_text`` is the speaker's words in the text (``speaker_start``/``speaker_end``).
    ``fragments`` are the ``[start, end]`` of quotations in marks inside this statement
    (X said that the plan was "a disaster"): one statement, one quote.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_kind: str | None = None
    speaker_text: str | None = None
    fragments: list[list[int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue": self.cue,
            "speaker_kind": self.speaker_kind,
            "speaker_text": self.speaker_text,
            "fragments": [list(f) for f in self.fragments],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            kind=d["kind"],
            speaker=d.get("speaker"),
            speaker_start=d.get("speaker_start"),
            speaker_end=d.get("speaker_end"),
            cue=d.get("cue"),
            speaker_kind=d.get("speaker_kind"),
            speaker_text=d.get("speaker_text"),
            fragments=[[int(f[0]), int(f[1])] for f in d.get("fragments") or []],
        )


@dataclass
class DateMention:
    """A time expression. ``value`` is an ISO date (``2021-12-31``), month (``2021-12``)
    or year (``2014``); ``interval`` holds ``[first, last]`` ISO dates for spans such as
    "last week"; both are None when the expression cannot be resolved."""

    start: int
    end: int
    text: str
    value: str | None = None
    interval: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "interval": list(self.interval) if self.interval else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            value=d.get("value"),
            interval=list(d["interval"]) if d.get("interval") else None,
        )


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass
class Article:
    """An article: its clean text, its metadata and everything the analyzers found.

    ``text`` is what every offset indexes. When the title is known it is the first
    line of ``text`` followed by a blank line (as in the SemEval layout), so the
    title is analysed like any paragraph.
    """

    text: str
    id: str = ""
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = None
    language_support: str | None = None  # "full" | "zero-shot" | "unsupported" (analyze/language_support.py)
    genre: Genre = field(default_factory=Genre)
    frames: list[Label] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    techniques: list[TechniqueSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.content_hash()[:16]

    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to store an article once."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "published": _iso(self.published),
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "language_support": self.language_support,
            "source": self.source,
            "text": self.text,
            "genre": self.genre.to_dict(),
            "frames": [f.to_dict() for f in self.frames],
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "techniques": [t.to_dict() for t in self.techniques],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [d.to_dict() for d in self.dates],
            "models": dict(self.models),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            text=d["text"],
            id=d.get("id") or "",
            title=d.get("title"),
            published=_parse_iso(d.get("published")),
            author=d.get("author"),
            outlet=d.get("outlet"),
            url=d.get("url"),
            language=d.get("language"),
            language_support=d.get("language_support"),
            source=d.get("source"),
            genre=Genre.from_dict(d.get("genre")),
            frames=[Label.from_dict(f) for f in d.get("frames", [])],
            paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])],
            techniques=[TechniqueSpan.from_dict(t) for t in d.get("techniques", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            dates=[DateMention.from_dict(x) for x in d.get("dates", [])],
            models=dict(d.get("models", {})),
        )


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs = non-empty lines; id = 1-based line number (the SemEval convention)."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            paragraphs.append(Paragraph(id=number, start=start, end=start + len(stripped)))
        pos += len(line) + 1
    return paragraphs


def title_line(title: str | None) -> str | None:
    """A title as one line (inner whitespace collapsed), or None when it is blank."""
    return " ".join((title or "").split()) or None


def compose_text(title: str | None, body: str) -> str:
    """The title rule: a known title is line 1 of ``text``, then a blank line, then the body.

    Every reader builds an article's text with this function. The title is one line
    (inner whitespace collapsed); a body that already opens with the title line is not
    given it twice and, when the blank line is already there, is returned unchanged, so
    external character offsets (SemEval spans) into such a text stay valid.
    """
    title = title_line(title)
    if not title:
        return body
    first, newline, rest = body.partition("\n")
    if first.strip() == title:
        if not newline or rest.startswith("\n"):
            return body
        body = rest
    body = body.strip("\n")
    return f"{title}\n\n{body}" if body.strip() else title


def split_title(text: str, title: str | None) -> str:
    """The inverse of :func:`compose_text`: the body of ``text`` after its title line
    (``text`` itself when it does not open with ``title``)."""
    title = title_line(title)
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return rest.lstrip("\n")
    return text
