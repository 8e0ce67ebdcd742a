"""Statements attributed without a speech verb next to them (a step of the ``quotes``
analyzer):

- a quotation **signed** after a dash by a named actor: “…” –Don Lemon, or an embedded
  post's “…” — Chelsea Handler (@chelseahandler);
- a quotation **introduced** by a named actor and a colon: "former RNC Chair, Michael
  Steele: “There is no Spygate ...”", or by a sentence whose subject is a named person and
  that ends with the colon ("Trump offered this assessment: “What kind of man is this?”");
- a **block** after a cue that ends its paragraph with a comma or colon ("ICE Deputy
  Director Thomas Homan said in a statement Tuesday," then the statement as a paragraph
  of its own, without marks);
- a **signed paragraph**: a paragraph without marks that ends with a dash and a named
  source ("... destroying a laptop and camera. –Fox News"), a blog's way of quoting;
- an **embedded post**: a tweet's text as a page keeps it, its links, then "— Name (@handle)
  date" on the same line;
- a source's **next point**: "The first lesson, he asserted, is ..." then "The second lesson
  pertains to ...": the sentence that goes on with a numbered point of a statement is that
  source's too.

Cost: each check reads a few characters around one quotation or cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import Quote
from .index import EntityIndex
from .marks import Mark
from .names import without_titles
from .positions import Sentences
from .speaker import Speaker

_SIGNATURE = re.compile(r"[,.;:!?]*[\"\u201d\u2019'\u00bb]?[ \t]*[-\u2013\u2014]{1,2}[ \t]*(?=[A-Z])")
_OPENING = re.compile(r"[^\n\"\u201c\u201d\u00ab]{0,60}[,:][ \t]*\n\s*(?=[^\s\"\u201c\u00ab\u201e])")
_ACTORS = ("PERSON", "ORG", "NORP", "GPE")


def _actor_at(index: EntityIndex, start: int, types: tuple[str, ...]) -> Speaker | None:
    """The actor whose mention covers ``start``, with the mention's full extent."""
    ent = index.by_char.get(start)
    if ent is None or ent.type not in types:
        return None
    left, right = start, start
    while left > 0 and index.by_char.get(left - 1) is ent:
        left -= 1
    while index.by_char.get(right) is ent:
        right += 1
    return Speaker(ent.canonical, left, right, ent.type)


def signed_by(text: str, m: Mark, index: EntityIndex) -> Speaker | None:
    """The named actor right after a dash that follows the quotation."""
    sign = _SIGNATURE.match(text, m.end)
    return _actor_at(index, sign.end(), _ACTORS) if sign is not None else None


def _colon_before(text: str, m: Mark) -> int | None:
    """The offset of a colon right before the quotation's opening mark, if any."""
    k = m.start - 2  # before the opening mark
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k if k >= 1 and text[k] == ":" else None


def introduced_by(text: str, m: Mark, index: EntityIndex) -> Speaker | None:
    """The person or organisation named right before a colon that opens the quotation (not
    a topic: "On Hezbollah: “...”")."""
    k = _colon_before(text, m)
    if k is None or _TOPIC.match(text, text.rfind("\n", 0, k) + 1, k):
        return None
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return _actor_at(index, k - 1, ("PERSON", "ORG"))


_TOPIC = re.compile(r"[ \t]*On\b[^\n:]{1,60}$")
_LIST_HEADING = re.compile(r"\b(?:quotes|quotations|sayings|remarks|statements|in (?:his|her|their) own words)\b[^\n]{0,20}:[ \t]*$", re.IGNORECASE)


def listed_under(text: str, m: Mark, index: EntityIndex) -> Speaker | None:
    """A quotation that opens its line (or follows a topic, "On Hezbollah:") in a list under a
    heading such as "Some Farrakhan quotes:": the actor the heading names."""
    line_s = text.rfind("\n", 0, m.start) + 1
    if text[line_s : m.start - 1].strip() and not _TOPIC.match(text, line_s, text.find(":", line_s, m.start)):
        return None
    end = line_s - 1
    for _ in range(12):  # the heading may be a dozen short items up
        start = text.rfind("\n", 0, max(end, 0)) + 1
        line = text[start:end]
        if len(line) > 300 or end <= 0:
            return None  # a paragraph of prose: no list
        if _LIST_HEADING.search(line):
            found = (_actor_at(index, k, ("PERSON", "ORG")) for k in range(start, end) if k in index.by_char)
            return next((sp for sp in found if sp is not None), None)
        end = start - 1
    return None


def introduced_by_subject(doc, text: str, m: Mark, index: EntityIndex, sentences: Sentences) -> Speaker | None:
    """A quotation after a colon closing a sentence whose subject is a named person ("Trump
    offered this assessment of ...: “What kind of man is this?”"): that person."""
    k = _colon_before(text, m)
    if k is None or text.find("\n", k, m.start) >= 0:
        return None
    colon = doc.char_span(k, k + 1, alignment_mode="expand")
    if colon is None:
        return None
    root = sentences.of(colon[0]).root
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < colon[0].i), None)
    if subj is None or root.pos_ not in ("VERB", "AUX"):
        return None
    sp = _actor_at(index, subj.idx, ("PERSON",))
    return sp if sp is not None and index.by_char.get(subj.idx + len(subj) - 1) is index.by_char.get(subj.idx) else None


def next_paragraph(text: str, tok, line_e: int) -> list[tuple[int, int]]:
    """The next paragraph, when the cue ``tok`` ends its paragraph with a comma or colon."""
    m = _OPENING.match(text, tok.idx + len(tok))
    if m is None or m.end() <= line_e:
        return []
    nl = text.find("\n", m.end())
    return [(m.end(), len(text) if nl < 0 else nl)]


_FIRST_POINT = re.compile(r"\bthe first (\w+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?(?=\s+[A-Z\u201c\"])|\n")


def _next_points(text: str, statements: list[Quote]) -> list[tuple[int, int, Quote]]:
    """(start, end, statement) for each sentence within 600 characters after a statement that
    names "the first <point>" and that opens with "The second/third/next/last <point>"."""
    found = []
    for q in statements:
        first = _FIRST_POINT.search(q.text) if q.kind != "partial" and q.speaker_kind else None
        if first is None:
            continue
        point = re.compile(
            r"(?:(?<=[.!?\u201d\"]\s)|(?<=\n))The (?:second|third|fourth|fifth|next|other|final|last) "
            + re.escape(first.group(1).lower()) + r"\b"
        )
        m = point.search(text, q.end, q.end + 600)
        if m is not None:
            end = _SENTENCE_END.search(text, m.end(), m.end() + 2000)  # bounded: one sentence
            found.append((m.start(), end.start() if end else min(len(text), m.end() + 2000), q))
    return found


def add_next_points(text: str, items: list[Quote], add: Callable[..., Quote | None]) -> None:
    """Add (with ``add``, the quotes' adder) each sentence that goes on with a statement's
    numbered point as that source's statement; the source's fragments in it become its own."""
    for s, e, host in _next_points(text, items):
        if any(q.kind != "partial" and q.start < e and s < q.end for q in items):
            continue
        sp = Speaker(host.speaker, host.speaker_start, host.speaker_end, unnamed=host.speaker_kind == "unnamed", words=host.speaker_text)
        made = add(s, e, "indirect", sp, host.cue)
        if made is None:
            continue
        inside = [q for q in items if q is not made and q.kind == "partial" and s <= q.start and q.end <= e and q.speaker == host.speaker]
        made.fragments.extend([q.start, q.end] for q in inside)
        items[:] = [q for q in items if not any(q is f for f in inside)]


_SIGNED_LINE = re.compile(r"(?m)^(?P<body>[^\n]*\S)[ \t]+[\u2013\u2014][ \t]?(?=[A-Z])(?P<who>[^\n\u2013\u2014]{2,40}?)[ \t]*$")


def signed_paragraphs(text: str, index: EntityIndex) -> list[tuple[int, int, Speaker]]:
    """Paragraphs signed at their end with a dash and a named actor, a blog's way of quoting
    a source without marks ("... destroying a laptop and camera. –Fox News"): (start, end,
    the source) of the paragraph before the dash."""
    out = []
    for m in _SIGNED_LINE.finditer(text):
        if len(m["body"].split()) < 8:
            continue  # a headline's "Title – Site" or a dateline
        who = _actor_at(index, m.start("who"), ("PERSON", "ORG"))
        if who is not None and who.end is not None and who.end >= m.end("who") - 1:
            out.append((m.start("body"), m.end("body"), who))
    return out


# an embedded post as its text survives in a page: "The caravan is here pic.twitter.com/x — Ann Lee (@annlee) November 14, 2018"
_POST_LINE = re.compile(
    r"(?m)^(?P<body>[^\n]*?\S)(?:[ \t]+(?:pic\.twitter\.com|https?://)\S*)*[ \t]*[\u2014\u2013-]{1,2}[ \t]*"
    r"(?P<who>[^\n()\u2014\u2013]{0,60}?)[ \t]*\(@(?P<handle>\w{1,30})\)[ \t]*[A-Z][a-z]+\.? \d{1,2}, \d{4}[ \t]*$"
)


def embedded_posts(text: str, index: EntityIndex) -> list[tuple[int, int, Speaker]]:
    """Embedded posts (a tweet's text, its links, then "— Name (@handle) date" on one line):
    (start, end, the poster) of the text, the poster being the actor named there, else the
    name as displayed, else the handle."""
    out: list[tuple[int, int, Speaker]] = []
    if "(@" not in text:
        return out
    for m in _POST_LINE.finditer(text):
        start = m.start("body")
        site = text.rfind("Terms of Use.", start, m.end("body"))
        if site >= 0:  # a site's poll form glued before the post: "... Privacy Policy and Terms of Use. <post>"
            start = site + len("Terms of Use.")
        if len(text[start : m.end("body")].split()) < 3:
            continue
        shown = without_titles(re.sub(r"[^\w.'\- ]", "", m["who"]).strip())  # "Sec. Kirstjen Nielsen"
        who = _actor_at(index, m.start("who"), _ACTORS) if shown else None
        if who is None or (who.end or 0) < m.start("who") + len(shown) - 1:  # "STUMP 4 TRUMP" is not the actor "STUMP"
            name = next((e.canonical for _s, _e, e in index.mentions if e.type == "PERSON" and shown and f" {e.canonical} ".endswith(f" {shown} ")), shown or m["handle"])
            who = Speaker(name, m.start("who") if shown else m.start("handle"), m.end("who") if shown else m.end("handle"))
        if who.name and not who.name[0].isalnum():  # the parser's "— Jennifer Bendery"
            who = Speaker(re.sub(r"^\W+", "", who.name), who.start, who.end, who.etype)
        out.append((start, m.end("body"), who))
    return out


def add_unmarked(text: str, index: EntityIndex, items: list[Quote], add: Callable[..., Quote | None]) -> None:
    """After the quotations and cues: add (with ``add``, the quotes' adder) a source's next
    points, then each signed paragraph and embedded post that no quote already holds, as a
    direct quote (quotations in marks inside a post become its fragments)."""
    add_next_points(text, items, add)
    for s, e, sp in embedded_posts(text, index):
        if any(q.kind != "partial" and q.start < e and s < q.end for q in items):
            continue
        inside = [q for q in items if s <= q.start and q.end <= e]
        items[:] = [q for q in items if not any(q is f for f in inside)]
        made = add(s, e, "direct", sp, "posted")
        if made is not None:
            made.fragments.extend([q.start, q.end] for q in inside)
    for s, e, sp in signed_paragraphs(text, index):
        if not any(q.start <= s and e <= q.end for q in items):
            add(s, e, "direct", sp, "signed")
