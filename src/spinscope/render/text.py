"""A terminal rendering a person wants to read: metadata, genre, frames, the article with
technique spans coloured and numbered, the voice behind each span, and a legend. Like the
web page, it shows a span from its technique's decision threshold (:mod:`spinscope.confidence`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..confidence import shown
from ..model import Article, Genre, TechniqueSpan

_PALETTE = (
    "on dark_red", "on dark_green", "on dark_blue", "on dark_magenta", "on dark_cyan", "on orange4",
    "on purple4", "on deep_pink4", "on dark_olive_green3", "on steel_blue", "on indian_red",
    "on medium_purple4", "on dark_goldenrod", "on chartreuse4", "on navy_blue", "on salmon1",
    "on light_slate_blue", "on hot_pink3", "on sea_green3", "on gold3", "on plum4", "on grey37", "on cyan4",
)


def _style_for(label: str, order: dict[str, int]) -> str:
    if label not in order:
        order[label] = len(order)
    return "bold white " + _PALETTE[order[label] % len(_PALETTE)]


def _definitions() -> dict[str, str]:
    from ..catalog import TECHNIQUES

    return {name: info.definition for name, info in TECHNIQUES.items()}


def _body(article: Article, spans: list[TechniqueSpan], order: dict[str, int]) -> Text:
    """The text with each span styled and bracketed as ``[n words]`` (readable without colour)."""
    body = Text(article.text)
    for span in spans:
        body.stylize(_style_for(span.label, order), span.start, span.end)
    events: list[tuple[int, int, int, str]] = []  # (position, 0=close/1=open, tiebreak, marker)
    for number, span in enumerate(spans, start=1):
        events.append((span.start, 1, -span.end, f"[{number} "))
        events.append((span.end, 0, -span.start, "]"))
    # Insert from the end of the text so earlier offsets stay valid.
    for position, _, _, marker in sorted(events, reverse=True):
        body = body[:position] + Text(marker, style="bold yellow") + body[position:]
    return body


# beside the language when the models were not trained on it (analyze/language_support.py)
_SUPPORT_NOTE = {"zero-shot": "zero-shot: not trained on this language, results are rough indications",
                 "unsupported": "unsupported script: genre, frames and techniques are not meaningful"}


def _genre_rows(head: Table, genre: Genre) -> None:
    scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(genre.scores.items(), key=lambda kv: -kv[1]))
    head.add_row("genre", f"{genre.label}  ({scores})")
    if not genre.confident:  # the low-confidence flag: the label is a guess
        head.add_row("", Text(genre.note or "low confidence", style="bold yellow"))
    elif genre.note:  # a confident label that says where it came from (the outlet's own label)
        head.add_row("", genre.note)


def render_article(article: Article, *, all_spans: bool = False) -> Group:
    """The article for a person. Spans under their technique's decision threshold are left
    out unless ``all_spans`` (:func:`spinscope.confidence.shown`, the web page's default)."""
    ordered = sorted(article.techniques, key=lambda s: (s.start, s.end))
    spans = ordered if all_spans else [s for s in ordered if shown(s)]
    order: dict[str, int] = {}
    head = Table.grid(padding=(0, 1))
    head.add_column(style="bold cyan")
    head.add_column()
    for name, value in (
        ("id", article.id), ("title", article.title), ("outlet", article.outlet), ("author", article.author),
        ("published", article.published.isoformat() if article.published else None), ("url", article.url),
        ("language", article.language),
        ("language support", _SUPPORT_NOTE.get(article.language_support or "", article.language_support)),
    ):
        if value:
            head.add_row(name, str(value))
    if article.genre.label:
        _genre_rows(head, article.genre)
    if article.frames:
        head.add_row("frames", ", ".join(f"{f.label} {f.score:.2f}" for f in article.frames))
    parts: list = [Panel(head, title=article.title or article.source or article.id, border_style="cyan")]
    parts.append(_body(article, spans, order))
    if spans:
        listing = Table(title="Technique spans", show_lines=False, expand=True)
        for col in ("#", "technique", "score", "voice", "words"):
            listing.add_column(col, overflow="fold")
        for number, span in enumerate(spans, start=1):
            voice = "author" if span.voice == "author" else f"quoted: {span.speaker or 'unknown'}"
            words = span.text if len(span.text) <= 90 else span.text[:87] + "..."
            listing.add_row(str(number), Text(span.label, style=_style_for(span.label, order)), f"{span.score:.2f}", voice, words)
        parts.append(listing)
        definitions = _definitions()
        legend = Table(title="Legend", show_header=False, expand=True)
        legend.add_column("technique")
        legend.add_column("definition")
        for label in order:
            legend.add_row(Text(label, style=_style_for(label, order)), definitions.get(label, ""))
        parts.append(legend)
    else:
        parts.append(Text("No persuasion technique spans found.", style="dim"))
    if len(spans) < len(ordered):
        hidden = len(ordered) - len(spans)
        parts.append(Text(f"{hidden} span{'s' if hidden > 1 else ''} under {'their' if hidden > 1 else 'its'} technique's "
                          "decision threshold not shown (--all-spans shows them).", style="dim"))
    if article.quotes:
        quotes = Table(title="Quotes", expand=True)
        for col in ("speaker", "kind", "words"):
            quotes.add_column(col, overflow="fold")
        for quote in article.quotes:
            who = quote.speaker or (f"unnamed: {quote.speaker_text}" if quote.speaker_kind == "unnamed" else "?")
            quotes.add_row(who, quote.kind, quote.text if len(quote.text) < 120 else quote.text[:117] + "...")
        parts.append(quotes)
    if article.entities:
        actors = ", ".join(f"{e.canonical} ({e.type}, {len(e.mentions)})" for e in article.entities[:30])
        parts.append(Text.assemble(("Actors: ", "bold"), actors))
    if article.dates:
        dates = ", ".join(f"{d.text} = {d.value or '?'}" for d in article.dates[:30])
        parts.append(Text.assemble(("Dates: ", "bold"), dates))
    return Group(*parts)


def write_text(articles: Iterable[Article], out: TextIO, *, color: bool = False, width: int = 100,
               all_spans: bool = False) -> int:
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=False)
    count = 0
    for article in articles:
        if count:
            console.rule()
        console.print(render_article(article, all_spans=all_spans))
        count += 1
    return count
