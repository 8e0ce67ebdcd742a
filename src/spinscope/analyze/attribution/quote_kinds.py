"""What kind of quote a quotation in marks is (a step of the ``quotes`` analyzer): the
whole said clause (``direct``), or a fragment; Title Case titles and repeated labels, which
are no speech.
"""

from __future__ import annotations

import re

from ...model import Quote
from .cues import SHOUTS
from .marks import Mark
from .speaker import Speaker
from .subjects import subject


def same_source(a: Speaker, b: Speaker) -> bool:
    """The same cue's speaker, or the same named source."""
    return a is b or (a.name is not None and a.name == b.name)


def text_key(words: str) -> str:
    """Quoted words compared case- and space-insensitively."""
    return " ".join(words.lower().split())


def title_case(words: str) -> bool:
    """A Title Case Phrase (a headline or a work's title), not speech; the first word, which a
    sentence capitalises too, is not counted ("There's no First Amendment right." is speech)."""
    tokens = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", words)]
    if len(tokens) < 3:
        return False
    return sum(1 for w in tokens[1:] if w[0].isupper()) >= 0.6 * (len(tokens) - 1)


def tokens_between(doc, start: int, end: int):
    """Tokens starting strictly inside the character range (start, end)."""
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if start < t.idx < end]


def is_direct(doc, text: str, m: Mark, cue, region_s: int, region_e: int) -> bool:
    """The quotation is the whole said clause: nothing but the cue phrase lies beside it."""
    before = text[region_s : max(region_s, m.start - 1)]
    after = text[min(region_e, m.end + 1) : region_e]
    if cue.idx >= m.end:  # “…,” X said
        if re.search(r"\w", before):
            return False
        between = [t for t in tokens_between(doc, m.end, cue.idx)]
    else:  # X said: “…”
        if re.search(r"\w", after):
            return False
        between = [t for t in tokens_between(doc, cue.idx + 1, m.start - 1)]
    subj = subject(cue) if hasattr(cue, "children") else None
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    if hasattr(cue, "ancestors"):  # "“…,” Larijani was quoted as saying"
        chain = list(cue.ancestors)
        skip |= {t.i for t in chain} | {c.i for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    content = [t for t in between if not t.is_punct and not t.is_space and t.i not in skip]
    return len(content) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in content)


# verbs that name a thing with someone's words: "called it a “disaster”", "described him as a “nomad”"
_NAMING = frozenset({"call", "describe", "label", "dub", "brand", "term", "name", "deem", "characterize", "characterise", "refer", "praise", "denounce", "slam", "hail", "dismiss"})
_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(\w+)\s+(?:a|an|the|A|An|The)\s*$")


def labelled_noun(text: str, m: Mark, cue_lemma: str) -> bool:
    """A quotation that is a noun phrase after "a"/"an"/"the" in the author's prose ("were
    responding to a “potential domestic situation”", "On the prospect of a ‘no-deal’"):
    the author's label, not the cue's words; unless the cue names something with it
    ("called it a “disaster”") or "as" introduces it ("praised Hitler as a “very great man”")."""
    before = _ARTICLE_BEFORE.search(text, max(0, m.start - 40), m.start - 1)
    if before is None or cue_lemma in _NAMING:
        return False
    return before.group(1).lower() not in ("as", "and", "or")


def stray_word(text: str, m: Mark, cue_lemma: str) -> bool:
    """One or two quoted words outside the clause of the cue they are near, which does not name
    something with them ("the press would consider it “unfair”, as X pointed out"): the author's
    term, not the cue's words (none of the 12 such fragments of the 342 tune articles was a
    statement of the gold set in session 17)."""
    return len(text[m.start : m.end].split()) <= 2 and cue_lemma not in _NAMING


def short_label(q: Quote) -> bool:
    """A quoted fragment of up to three words that no cue of a named source governs, and no one
    shouts, is the author's label, not a statement (on the 3,500 tune statements such fragments
    were right about a quarter of the time)."""
    if q.kind != "partial" or len(q.text.split()) > 3:
        return False
    shouted = q.cue is not None and q.cue.lower().startswith(tuple(SHOUTS))  # "shouting", "chanted"
    return q.cue is None or (q.speaker_kind != "named" and not shouted)
