"""Antecedents of "he"/"she" inside the sentence or the one before (used by
:class:`.speakers.Resolver` before it falls back on the latest source): the previous
sentence's named subject for a pronoun opening its sentence, the main verb's named subject
for one inside a clause under it, and a person the article knows to be "she" named since a
latest source of no known gender. ``r`` is the resolver (its sentences, entity index,
genders and quotation-mark mask).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ...model import Entity
from .index import EntityIndex
from .positions import Sentences
from .speaker import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Context(Protocol):
    """What the antecedent rules read from :class:`.speakers.Resolver`."""

    doc: Doc
    index: EntityIndex
    sentences: Sentences
    gender: dict[str, str]
    in_marks: list[bool]


def previous_subject(r: Context, subj: Token, want: str | None) -> Entity | None:
    """A "he"/"she" opening its sentence (or after only a quotation: "“…,” he tweeted")
    continues the person who was the named subject, active or passive, of the sentence
    just before, a sentence inside marks skipped ("Judan also cast doubt on ... . He
    said ...", "Peter Saunders ... was ousted in 2016. He said ...") when that person may
    be called so (:mod:`.genders`), before the latest source; not after a caption or a
    headline (no closing punctuation) nor after a question put to someone."""
    k = r.sentences.number(subj)
    first = r.sentences.spans[k].start if k > 0 else subj.i
    if k <= 0 or any(not t.is_punct and not _quoted(r, t.idx) for t in r.doc[first : subj.i]):
        return None
    k -= 1
    while k > 0 and _quoted(r, r.sentences.spans[k].root.idx):
        k -= 1  # “A.” “B,” he added: the sentence before the quotations
    sent = r.sentences.spans[k]
    if not sent.text.rstrip().endswith((".", "!", "?", ":", '"', "\u201d")) or any(t.lemma_ == "ask" for t in sent):
        return None  # a caption or headline; "X asked Y if ...": Y answers (:func:`.sources.asked`)
    nsubj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if nsubj is None:
        return None
    ent = r.index.person_at(nsubj)
    if ent is None or r.gender.get(ent.canonical, want) != want:
        return None
    return ent


def main_subject(r: Context, subj: Token, want: str | None) -> Entity | None:
    """A "he"/"she" inside a clause under its sentence's main verb is that verb's named
    subject when no other person is named between them and the article calls that person
    "he"/"she" elsewhere ("Haig is an engineer, and he says ...")."""
    root = r.sentences.of(subj).root
    if subj.head.i == root.i or subj.head.dep_ == "parataxis":
        return None  # its own subject; "The Pope, he argues, is ...": a parenthetical
    nsubj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < subj.i), None)
    if nsubj is None:
        return None
    ent = r.index.person_at(nsubj)
    last = r.index.last_before(subj.idx, ("PERSON",))
    if ent is None or last is None or last[2] is not ent or last[0] < nsubj.left_edge.idx:
        return None
    return ent if r.gender.get(ent.canonical) == want else None  # the article calls them so


def _quoted(r: Context, pos: int) -> bool:
    return bool(r.in_marks) and r.in_marks[pos]


def known_since(r: Context, source: Speaker, pos: int, want: str | None) -> Entity | None:
    """A person named (outside quotation marks) after ``source`` last spoke whom the article
    knows to be ``want`` ("he said" of the Pope, then "a photo shows Marie Collins ...
    she told AP": Collins, not the Pope)."""
    if not want or source.end is None:
        return None
    hit = r.index.last_before(pos, ("PERSON",))
    for _ in range(50):  # the few mentions since that source, bounded
        if not hit or hit[0] < source.end:
            break
        if r.gender.get(hit[2].canonical) == want and not _quoted(r, hit[0]):
            return hit[2]
        hit = r.index.last_before(hit[0], ("PERSON",))
    return None
