"""Lay out an article's text for the article view: paragraphs cut into segments.

Overlapping technique spans stay readable because the text is cut at every span
boundary; each resulting segment knows every span covering it. Each span gets a
*track* (a lane, assigned greedily like an interval-graph colouring) so a span keeps
the same underline depth over all its segments, and spans that overlap are drawn as
stacked underlines instead of hiding each other.

Nothing here produces HTML: templates render the segments with autoescaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import TechniqueSpan

#: Spans deeper than this share the last track (the underline stack stays bounded).
MAX_TRACKS = 6


@dataclass
class Segment:
    """A run of text covered by exactly the same spans. ``spans`` are indices into the
    article's technique list, outermost (deepest track) first."""

    start: int
    end: int
    text: str
    spans: list[int] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph (a non-empty line) of the text; ``heading`` marks the title line."""

    start: int
    end: int
    segments: list[Segment]
    heading: bool = False


def valid_spans(text: str, spans: Sequence[TechniqueSpan]) -> list[int]:
    """Indices of spans whose offsets fit the text (others cannot be drawn)."""
    return [i for i, s in enumerate(spans) if 0 <= s.start < s.end <= len(text)]


def assign_tracks(
    spans: Sequence[TechniqueSpan], indices: Sequence[int], max_tracks: int = MAX_TRACKS
) -> dict[int, int]:
    """Give each span the lowest track free over its whole extent (longer spans first on ties)."""
    order = sorted(indices, key=lambda i: (spans[i].start, -spans[i].end, i))
    track_end: list[int] = []  # end offset of the last span placed on each track
    tracks: dict[int, int] = {}
    for i in order:
        span = spans[i]
        for t, end in enumerate(track_end):
            if end <= span.start:
                track_end[t] = span.end
                tracks[i] = t
                break
        else:
            track_end.append(span.end)
            tracks[i] = len(track_end) - 1
    return {i: min(t, max_tracks - 1) for i, t in tracks.items()}


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


def layout(
    text: str, spans: Sequence[TechniqueSpan], *, title: str | None = None
) -> tuple[list[Block], dict[int, int]]:
    """Cut ``text`` into paragraph blocks of segments; return them and the span tracks."""
    indices = valid_spans(text, spans)
    tracks = assign_tracks(spans, indices)
    cuts = {0, len(text)}
    for i in indices:
        cuts.add(spans[i].start)
        cuts.add(spans[i].end)
    ordered_cuts = sorted(cuts)
    blocks: list[Block] = []
    for number, (line_start, line_end) in enumerate(_lines(text)):
        points = [line_start] + [c for c in ordered_cuts if line_start < c < line_end] + [line_end]
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            covering = [i for i in indices if spans[i].start <= a and spans[i].end >= b]
            covering.sort(key=lambda i: (-tracks[i], i))
            segments.append(Segment(start=a, end=b, text=text[a:b], spans=covering))
        heading = number == 0 and bool(title) and text[line_start:line_end] == (title or "").strip()
        blocks.append(Block(start=line_start, end=line_end, segments=segments, heading=heading))
    return blocks, tracks
