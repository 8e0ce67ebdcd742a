"""The ``quotes`` analyzer: direct, partial and indirect quotes, with their speakers.

- **Quotation marks** are paired per paragraph: curly double (“…”), straight double
  ("…", alternating), guillemets, „…“, and single quotes (‘…’ / '…') when they are
  clearly not apostrophes. An opening mark left open at the end of a paragraph counts
  only under the news convention for multi-paragraph quotes (the next paragraph opens
  with a mark); otherwise the stray mark is ignored.
- **Cues** are speech verbs ("say", "assert", "declare", "urge"…) outside the quoted
  words, and "according to X". The speaker is the cue's grammatical subject (found
  through "went on to declare" and similar chains; "issued a statement saying" gives
  the issuer; "who" gives the person it refers to). A quotation takes the cue whose
  clause holds it, else the nearest cue in its sentence, else a cue the parser split
  off into the next sentence ("“How dare you!” | Sessions said").
- **Kinds**: ``direct`` when the quotation is the whole said clause (“…,” X said /
  X said: “…”); ``partial`` when a quoted fragment sits in prose or in someone else's
  reported speech; ``indirect`` for the clause a cue introduces without marks (X said
  that …; each coordinated "that"-clause on its own; "accused X of …"; the sentence a
  closing cue reports), for a sentence with a parenthetical cue ("The first lesson, he
  asserted, is …"), and for "according to X, …". A quotation with no cue continues the
  latest speech (quoted or reported) when it follows closely; other unattributed
  quotations (scare quotes, Title Case titles, hashtags, the author's irony, a one- or
  two-word label no one named is reported to say, one or two words outside the clause of
  the cue beside them) are not speech and are skipped.
- **Speech inside a quotation**: a named subject's speech verb inside the marks opens a
  statement of its own (:mod:`.nested`): “Ellison told the crowd that ...,” the paper wrote.
- **One statement, one quote**: a quotation inside the same source's reported speech is
  not a quote of its own but one of that statement's ``fragments``.
- **Speakers** resolve to the ``canonical`` name of an entity (so ``entities`` must run
  first), or are unnamed sources with their description (:mod:`.speakers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice

from ...model import Article, Entity, Quote
from .according import before_according
from .bylines import add_unmarked, introduced_by, introduced_by_subject, listed_under, next_paragraph, signed_by
from .cues import SHOUTS, Cue, find_cues, reported_clauses
from .furniture import blank_furniture
from .genders import genders
from .headlines import add_headline
from .index import EntityIndex
from .lang import for_language
from .lang_quotes import extract_quotes_in
from .marks import Mark, MarkCover, find_marks, find_quotation_spans
from .neighbours import neighbour_cues
from .nested import Reported, nested_speech
from .nlp import parse
from .positions import FirstContaining, Latest, Lines, Sentences
from .quote_kinds import is_direct, labelled_noun, same_source, short_label, stray_word, text_key, title_case
from .speaker import Speaker
from .speakers import Resolver

__all__ = ["QuoteAnalyzer", "extract_quotes", "find_quotation_spans"]


def _has_words(text: str, start: int, end: int, n: int) -> bool:
    """``len(text[start:end].split()) >= n``, reading no further than the n-th word."""
    return next(islice(_WORDS.finditer(text, start, end), n - 1, None), None) is not None


_WORDS = re.compile(r"\S+")
_HANDLE = re.compile(r"[#@]\w+$")
_NAME_WORD = re.compile(r"\s*[A-Z][\w'\u2019-]*\s*")
# two to four capitalised words (connectors allowed), no sentence punctuation
_NAME_WORDS = re.compile(r"\s*[A-Z][\w'\u2019-]*(?:\s+(?:&|of|the|and|[A-Z][\w'\u2019-]*)){1,3}\s*")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:\u2014-\"\u201c\u201d'"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:\u2014-"):
        e -= 1
    return s, e


def extract_quotes(doc, entities: list[Entity], text: str | None = None) -> list[Quote]:
    """Quotes of one parsed document, speakers resolved against ``entities``.

    ``text`` is the article's text (``doc.text`` by default, which spaCy rebuilds on
    every access: it is read once here and passed on)."""
    text = doc.text if text is None else text
    marks = find_marks(text)
    in_marks = [False] * (len(text) + 1)
    for m in marks:
        for c in range(max(0, m.start - 1), min(len(text), m.end + 1)):
            in_marks[c] = True
    sentences = Sentences(doc)
    # 1. cues in text order, each with its resolved speaker
    index = EntityIndex(entities, doc)
    resolver = Resolver(index, doc, sentences, text, genders(doc, entities, text), in_marks)
    cues = find_cues(doc, in_marks, resolver)
    quotes = _Quotes(text)
    # 2. indirect speech: the clause a cue introduces
    indirect, statements = _indirect(text, cues, sentences, MarkCover(marks, text), quotes)
    # 3. indirect speech inside a quotation: “X said that ...,” Y wrote
    for span in nested_speech(doc, marks, resolver, sentences):
        s, e = _trim(text, span[0], span[1])
        if e - s >= 12 and _has_words(text, s, e, 3):
            quotes.add(s, e, "indirect", span[2], span[3])
    # 4. quotations in marks: a statement of their own, or a fragment of the one they sit in
    attribute = _MarkAttribution(doc, text, cues, sentences, indirect)
    attribute.index = index
    for m in marks:  # in text order
        found = attribute(m)
        if found is None:
            continue
        kind, sp, cue, host = found
        if host is None:
            quotes.add(m.start, m.end, kind, sp, cue)
        else:
            statements[host].fragments.append(list(_trim(text, m.start, m.end)))
    add_unmarked(text, index, quotes.items, quotes.add)  # next points; "... a laptop and camera. –Fox News"
    add_headline(text, index, quotes.items, quotes.add, [t.idx for t in doc[: min(len(doc), 60)] if t.pos_ in ("VERB", "AUX")])
    quotes.items = [q for q in quotes.items if not short_label(q)]
    quotes.items.sort(key=lambda q: (q.start, -q.end))
    return quotes.items


class _Quotes:
    """The quotes found so far; spans trimmed, those under three characters dropped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[Quote] = []

    def add(self, s: int, e: int, kind: str, sp: Speaker | None, cue: str | None) -> Quote | None:
        s, e = _trim(self.text, s, e)
        if e - s < 3:
            return None
        quote = Quote(start=s, end=e, text=self.text[s:e], kind=kind, cue=cue)
        if sp is not None:
            quote.speaker, quote.speaker_start, quote.speaker_end = sp.name, sp.start, sp.end
            quote.speaker_kind = "named" if sp.name else "unnamed" if sp.unnamed else None
            words = sp.words if sp.unnamed and sp.words else self.text[sp.start : sp.end] if sp.start is not None else None
            quote.speaker_text = words
        self.items.append(quote)
        return quote


def _indirect(
    text: str, cues: list[Cue], sentences: Sentences, cover: MarkCover, quotes: _Quotes
) -> tuple[list[Reported], list[Quote]]:
    """Add the reported clause of each cue (kept within its paragraph, at least three
    words, not itself mostly one quotation in marks) as an indirect quote; return them,
    and the quotes made of them."""
    lines = Lines(text)
    indirect: list[Reported] = []
    made: list[Quote] = []
    for tok, sp, cue in cues:
        line_s, line_e = lines.around(tok.idx)
        spans, kind = reported_clauses(tok, cue, sentences), "indirect"
        if not spans:
            spans, kind = next_paragraph(text, tok, line_e), "direct"
            line_s, line_e = (spans[0][0], spans[0][1]) if spans else (line_s, line_e)
        for span in spans:
            s, e = _trim(text, max(span[0], line_s), before_according(text, span, min(span[1], line_e), cue))
            if e - s < 12 or not _has_words(text, s, e, 3):
                continue
            if (cover(s, e) > 0.6 * (e - s) and not cover.framed(s, e)) or cover.leads(s):
                continue  # the clause is itself a direct quotation
            quote = quotes.add(s, e, kind, sp, cue)
            if quote is not None:
                indirect.append((s, e, sp, cue))
                made.append(quote)
    return indirect, made


class _MarkAttribution:
    """Kind, speaker and cue of each quotation in marks, called in text order: the cue
    whose clause holds it (else the nearest in its sentences, else a neighbour cue), the
    reported speech it sits in, or the speech it closely follows; None when no one is
    reported to say it (a scare quote, a title, the author's irony)."""

    def __init__(self, doc, text: str, cues: list[Cue], sentences: Sentences, indirect: list[Reported]) -> None:
        self.doc, self.text, self.cues, self.sentences, self.indirect = doc, text, cues, sentences, indirect
        self.tok_starts = [t.idx for t in doc]
        self.cue_starts = [c[0].idx for c in cues]  # cues are in text order
        self.hosts = FirstContaining([(x[0], x[1]) for x in indirect])
        self.latest = Latest(indirect)
        self.last: tuple[int, Speaker] | None = None  # (end offset, speaker) of the previous attributed quote
        self.index: EntityIndex | None = None  # for quotations signed after a dash
        self.seen: set[str] = set()  # the words of the quotations so far
        self.title_end = text.find("\n")  # a headline's quoted Title Case words may be speech

    def __call__(self, m: Mark) -> tuple[str, Speaker, str | None, int | None] | None:
        """(kind, speaker, cue, the reported speech it is a fragment of, if any)."""
        words = text_key(self.text[m.start : m.end])
        repeated = words in self.seen
        self.seen.add(words)
        sents = self.sentences.overlapping(m.start, m.end)
        if not sents or _HANDLE.match(self.text, m.start, m.end):
            return None  # no sentence, or a quoted hashtag / handle ("#ReleaseTheReport")
        text = self.text
        if m.own_words and self.last is not None and self.last[0] >= m.end:
            return "direct", self.last[1], None, None  # “... I said, ‘That is not happening.’ ...”: the speaker's own words then
        region_s, region_e = sents[0].start_char, sents[-1].end_char
        region = self.cues[bisect_left(self.cue_starts, region_s) : bisect_left(self.cue_starts, region_e)]
        local = [c for c in region if not (m.start <= c[0].idx < m.end)]
        if not local:
            local = neighbour_cues(self.doc, text, (self.cues, self.cue_starts), sents, m, self.sentences)
        found = self.hosts.first(m.start, m.end)
        host = self.indirect[found] if found is not None else None
        before = text[region_s : max(region_s, m.start - 1)]
        after = text[min(region_e, m.end + 1) : region_e]
        whole = not re.search(r"\w", before) and not re.search(r"\w", after)
        shouted = any(c[0].lemma_.lower() in SHOUTS for c in local)  # shouting “Allahu Akbar”: words, not a name
        if not whole and not shouted and (
            _NAME_WORD.fullmatch(text, m.start, m.end) or (_NAME_WORDS.fullmatch(text, m.start, m.end) and m.start > self.title_end)
        ):
            return None  # capitalised words in prose: a show's or a work's name ("Today", "Fox & Friends")
        if local:
            (tok, sp, cue), governs = self._governing(m, local)
            kind = "direct" if is_direct(self.doc, text, m, tok, region_s, region_e) else "partial"
            if host is not None and kind == "direct" and not whole:
                kind = "partial"
            self.last = (m.end, sp)
            fragment = host is not None and kind == "partial" and same_source(sp, host[2])
            if kind == "partial" and m.start > self.title_end and title_case(text[m.start : m.end]):
                return None  # a work's title in prose: the book “High Noon for America: The Coming Showdown”
            if kind == "partial" and not fragment and not governs and labelled_noun(text, m, tok.lemma_.lower()):
                return None  # the author's label: responding to a “potential domestic situation”
            if kind == "partial" and not fragment and not governs and not shouted and stray_word(text, m, tok.lemma_.lower()):
                return None  # the author's term near someone's speech: consider it “unfair”, as X pointed out
            return kind, sp, cue, found if fragment else None
        if host is not None:
            self.last = (m.end, host[2])
            return "partial", host[2], host[3], found
        signed = (
            signed_by(text, m, self.index) or introduced_by(text, m, self.index)
            or introduced_by_subject(self.doc, text, m, self.index, self.sentences) or listed_under(text, m, self.index)
        ) if self.index else None
        if signed is not None:  # “…” –Don Lemon; Michael Steele: “…”
            self.last = (m.end, signed)
            return "direct", signed, None, None
        self.last = last = self.latest(self.last, m.start)
        if (
            last is not None and m.start - last[0] < 600 and not title_case(text[m.start : m.end])
            and (whole or not repeated)  # a label quoted again ("the “black death”") is no speech
            and (whole or _has_words(text, m.start, m.end, 3))  # a one- or two-word label in prose is no speech
        ):
            self.last = (m.end, last[1])
            return ("direct" if whole else "partial"), last[1], None, None
        return None

    def _governing(self, m: Mark, local: list[Cue]) -> tuple[Cue, bool]:
        """The cue whose clause holds the quotation (and True), else the nearest one (False)."""
        quote_tok = self.doc[max(0, bisect_right(self.tok_starts, m.start) - 1)]
        ancestors = {a.i for a in quote_tok.ancestors}
        governing = [c for c in local if c[0].i in ancestors]
        return min(governing or local, key=lambda c: min(abs(c[0].idx - m.start), abs(c[0].idx - m.end))), bool(governing)


class QuoteAnalyzer:
    """Fills ``article.quotes`` (see the module docstring); articles in a language with a
    resource file (:mod:`.lang`) go to :mod:`.lang_quotes` and are not parsed."""

    name = "quotes"
    reads = ("text", "entities", "language")
    writes = ("quotes",)
    version = "rules-spacy-sm-14"

    def __call__(self, articles: list[Article]) -> None:
        english = [a for a in articles if for_language(a.language) is None]
        texts = [blank_furniture(a.text) for a in english]
        for article, doc, text in zip(english, parse(texts), texts, strict=True):
            article.quotes = extract_quotes(doc, article.entities, text)
            for q in article.quotes:  # a quote that runs across a widget reads as stored
                q.text = article.text[q.start : q.end]
        for article in articles:
            lang = for_language(article.language)
            if lang is not None:
                article.quotes = extract_quotes_in(article.text, article.entities, lang)
                for q in article.quotes:  # the same contract: a named speaker says so
                    if q.speaker is not None and q.speaker_kind is None:
                        q.speaker_kind = "named"
                        if q.speaker_start is not None and q.speaker_end is not None:
                            q.speaker_text = article.text[q.speaker_start : q.speaker_end]
