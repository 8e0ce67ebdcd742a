"""Which actors an article calls "he" and which "she", read from the article itself, else
from a short list of first names (:mod:`.first_names`): used by :mod:`.speakers` so that
"she wrote" does not go to the last man quoted.

Evidence, per canonical name:

- an honorific before a mention: "Mr." is "he", "Mrs."/"Ms." is "she";
- a pronoun subject of the clause an actor's verb governs: "Chelsea Handler has
  admitted she is ...", "Barr said he ..." (the actor may be a person or an
  organisation-typed name the parser mistook for one), or of a clause coordinated with
  the actor's own, unless "but"/"yet" contrasts them ("X covered her mouth, but she says
  ...": someone else). A pronoun merely in the same sentence is no evidence ("Judge Patti Saris said after concluding that Rombot's
  detention violated his rights").

The name takes the pronoun seen more often; a tie leaves it unknown. An actor with such
evidence is person-like even when typed ORG (so a later "she" can refer to it).

Cost: one pass over the tokens and one over the mentions.
"""

from __future__ import annotations

from collections import Counter

from ...model import Entity
from .first_names import first_name_gender

# nouns for a person (beside the role nouns of :mod:`.index`): an unnamed source headed by
# one ("a man", "one witness") may be a later "he"/"she"; "the video was posted" may not
PERSON_NOUNS = frozenset(
    ["man", "woman", "person", "people", "boy", "girl", "child", "father", "mother", "son", "daughter", "husband", "wife", "brother", "sister", "grandfather", "grandmother", "friend", "neighbor", "neighbour", "student", "teacher", "doctor", "nurse", "worker", "employee", "victim", "owner", "citizen", "voter", "journalist", "reporter", "writer", "scientist", "psychologist", "economist", "historian", "driver", "soldier", "sailor", "marine", "veteran", "teen", "teenager", "host", "guest", "relative", "imam", "priest", "pastor", "rabbi", "insider", "individual", "customer", "passenger", "survivor", "whistleblower", "spokesperson"]
)
HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})
_CONTRAST = frozenset({"but", "yet", "while", "whereas"})
_HONORIFICS = {"mr.": "he", "mr": "he", "mrs.": "she", "mrs": "she", "ms.": "she", "ms": "she"}


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "he" if low in HE else "she" if low in SHE else None


def _reporter(pron, by_start: dict[int, Entity]) -> str | None:
    """The actor whose verb governs the clause ``pron`` is the subject of: "X said he ...",
    "X admitted she ..." (X named at the verb's subject)."""
    if pron.dep_ != "nsubj" or pron.head.dep_ not in ("ccomp", "conj") or pron.head.head.i == pron.head.i:
        return None
    if pron.head.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in _CONTRAST for c in pron.head.head.children):
        return None  # "Kavanaugh then covered her mouth ..., but she says ...": someone else
    for child in pron.head.head.children:
        if child.dep_ == "nsubj" and child.i < pron.i:
            for t in child.subtree:
                if t.idx in by_start and (t.i == child.i or t.dep_ == "compound"):
                    return by_start[t.idx].canonical
    return None


def genders(doc, entities: list[Entity], text: str) -> dict[str, str]:
    """canonical name -> "he" or "she", for the actors the article gives a gender."""
    votes: dict[str, Counter[str]] = {}
    by_start = {}
    for ent in entities:
        if ent.type not in ("PERSON", "ORG"):
            continue
        for m in ent.mentions:
            by_start[m.start] = ent
            before = text[max(0, m.start - 5) : m.start].split()
            if before and before[-1].lower() in _HONORIFICS:
                votes.setdefault(ent.canonical, Counter())[_HONORIFICS[before[-1].lower()]] += 1
    for tok in doc:
        g = pronoun_gender(tok.text) if tok.pos_ == "PRON" else None
        said = _reporter(tok, by_start) if g is not None else None
        if g is not None and said is not None:  # "Chelsea Handler has admitted she is ..."
            votes.setdefault(said, Counter())[g] += 1
    out = {}
    for name, count in votes.items():
        (top, n), *rest = count.most_common() + [("", 0)]
        if n > rest[0][1]:
            out[name] = top
    for ent in entities:  # no evidence in the article: a first name that is one gender's
        guess = first_name_gender(ent.canonical) if ent.type == "PERSON" and ent.canonical not in votes else None
        if guess is not None:
            out[ent.canonical] = guess
    return out
