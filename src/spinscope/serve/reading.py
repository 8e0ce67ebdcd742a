"""The reading view of an article: what the article page needs beyond the highlighted
segments of :mod:`.highlight`.

- each technique's *family* (the six SemEval groups of :mod:`spinscope.catalog`),
  which decides its colour family;
- the model's calibrated decision threshold per technique (where the confidence filter
  starts) and its measured reliability (F1 on the newest-articles holdout), from
  :mod:`spinscope.confidence`: a technique without a measurement says so;
- quotations laid over the segments (each segment knows the quotation it is in, the
  first one carries the speaker), one statement once: a quotation inside another is
  not drawn again;
- a margin marker per paragraph listing the techniques found in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import catalog
from ..confidence import reliability, thresholds
from ..model import Quote, TechniqueSpan
from ..store.write import quote_speaker
from .highlight import Block

#: The SemEval families in the order the legend and the palette list them.
FAMILIES: tuple[str, ...] = (
    "justification",
    "simplification",
    "distraction",
    "call",
    "manipulative wording",
    "attack on reputation",
)


def family(label: str) -> str:
    """The SemEval family of a technique (``"other"`` for a label the catalogue lacks)."""
    info = catalog.TECHNIQUES.get(label)
    return info.group if info else "other"


def technique_facts(label: str) -> dict[str, Any]:
    """Family, threshold and holdout F1 (``None`` when not measured) of one technique."""
    doc = reliability()
    measured = doc.get("techniques", {}).get(label) or {}
    # a technique with no gold example in the holdout has no F1 (0 would read as "never right")
    unmeasured = label in (doc.get("no_support") or ()) or measured.get("support") == 0
    f1 = None if unmeasured else measured.get("f1")
    return {
        "family": family(label),
        "threshold": thresholds().get(label),
        "f1": None if f1 is None else round(float(f1), 3),
        "support": measured.get("support"),
    }


def reliability_note() -> str:
    """One line saying where the F1 figures come from (or that there are none)."""
    doc = reliability()
    if not doc:
        return "The model's per-technique reliability has not been measured for the shipped models."
    return str(doc.get("protocol") or "F1 on the newest-articles holdout.")


# -- quotations over the segments ---------------------------------------------------


@dataclass
class Piece:
    """A run of text under the same spans and in the same quotation (``quote`` is an
    index into the article's quotes; ``opens`` marks the first piece of a quotation)."""

    text: str
    start: int
    end: int
    spans: list[int]
    quote: int | None = None
    opens: bool = False


@dataclass
class Paragraph:
    heading: bool
    pieces: list[Piece]
    labels: list[tuple[str, list[int]]] = field(default_factory=list)  # technique, span indices


def outer_quotes(quotes: Sequence[Quote], text_len: int) -> list[int]:
    """Indices of the quotations to draw: valid offsets, and not inside another one
    (a partial quote within an indirect quote is the same statement)."""
    valid = [i for i, q in enumerate(quotes) if 0 <= q.start < q.end <= text_len]
    valid.sort(key=lambda i: (quotes[i].start, -quotes[i].end, i))
    kept: list[int] = []
    reach = -1
    for i in valid:
        if quotes[i].end <= reach:
            continue  # inside the last kept quotation
        kept.append(i)
        reach = max(reach, quotes[i].end)
    return kept


def speaker_of(quote: Quote, title: str | None) -> str | None:
    """The quotation's speaker, unless the analyzer took it from the title line (the
    store's rule, so the page and the statistics agree); an unnamed source ("a senior
    official") shows as its description, marked unnamed, and is never a name."""
    name = quote_speaker(quote, title)
    if name is None and quote.speaker_kind == "unnamed" and quote.speaker_text:
        return f"unnamed: {quote.speaker_text}"
    return name


def _cut(seg_start: int, seg_end: int, bounds: list[int]) -> list[int]:
    return [seg_start] + [b for b in bounds if seg_start < b < seg_end] + [seg_end]


def paragraphs(
    text: str, blocks: Sequence[Block], spans: Sequence[TechniqueSpan], quotes: Sequence[Quote]
) -> list[Paragraph]:
    """The blocks cut again at quotation boundaries, with their margin markers."""
    kept = outer_quotes(quotes, len(text))
    bounds = sorted({b for i in kept for b in (quotes[i].start, quotes[i].end)})
    out: list[Paragraph] = []
    opened: set[int] = set()
    for block in blocks:
        pieces: list[Piece] = []
        per_label: dict[str, list[int]] = {}
        for seg in block.segments:
            points = _cut(seg.start, seg.end, bounds)
            for a, b in zip(points, points[1:], strict=False):
                inside = next((i for i in kept if quotes[i].start <= a and b <= quotes[i].end), None)
                opens = inside is not None and inside not in opened
                if inside is not None:
                    opened.add(inside)
                pieces.append(Piece(text[a:b], a, b, list(seg.spans), inside, opens))
            for i in seg.spans:
                found = per_label.setdefault(spans[i].label, [])
                if i not in found:
                    found.append(i)
        order = sorted(per_label, key=lambda k: (FAMILIES.index(family(k)) if family(k) in FAMILIES else 9, k))
        out.append(Paragraph(block.heading, pieces, [(k, per_label[k]) for k in order]))
    return out


# -- provenance ---------------------------------------------------------------------


def provenance(article: Any, history: Sequence[Any], analysis_id: int | None) -> dict[str, Any]:
    """Where the article came from and which analysis is shown, with a permalink to it:
    ``/articles/ID?analysis=N`` (and its JSON twin) keeps showing this analysis after
    the article is reanalysed."""
    from urllib.parse import quote

    shown = next((h for h in history if h.analysis_id == analysis_id), None) if analysis_id else None
    shown = shown or next((h for h in history if h.latest), None)
    n = shown.analysis_id if shown else None
    path = f"/articles/{quote(article.id, safe='')}"
    return {
        "source": article.source,
        "url": article.url,
        "analysis_id": n,
        "analysed_at": shown.created_at.isoformat() if shown else None,
        "latest": bool(shown.latest) if shown else None,
        "models": dict(article.models),
        "n_analyses": len(history),
        "permalink": f"{path}?analysis={n}" if n else None,
        "permalink_json": f"{path}.json?analysis={n}" if n else None,
        "dates": [
            {"text": d.text, "value": d.value, "interval": d.interval}
            for d in article.dates
            if d.value or d.interval
        ],
    }
