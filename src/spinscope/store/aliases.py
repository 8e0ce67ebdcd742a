"""Actors across articles: which names in a corpus are one actor (pure functions, no SQL).

Each article's entities analyzer already merges the names of one actor *within* the article
("Ebrahim Raeisi" ... "Raeisi"). Across articles an actor is often named differently: by
surname only, by an acronym, or spelt another way. :func:`link` groups the names of a
corpus into actors with four rules, each one an edge between two names:

- ``variant``: two names with the same number of words (after dropping the Arabic article
  "al-", "ash-", ... and apostrophes) whose words are each equal or spelling variants: the
  same first letter and consonants ("Raisi"/"Raeisi", "Sha'bi"/"Shaabi"), both at least
  4 letters and alike (difflib ratio >= 0.75; "Rossi"/"Raisi" is 0.6);
- ``surname``: a one-word PERSON name and the full PERSON names whose last word (a "Jr."
  dropped) is it or its variant, when those full names are one person (one ``variant``
  group); when they are two or more ("Joe Biden", "Hunter Biden") the bare "Biden" is
  *ambiguous*: it stays its own actor and lists the candidates;
- ``acronym``: a name in capitals ("PMU") and the multi-word names (not persons) whose
  initials it spells ("Popular Mobilization Units"), when they are one group; else ambiguous;
- ``article``: a name that an article's entity lists as an alias of its canonical name
  (an acronym defined in parentheses, "X, also known as Y"), unless the alias is a bare
  surname (the ``surname`` rule decides those, corpus-wide) or was the alias of two actors.

Users' decisions override the rules: ``merge`` joins a name to another actor, ``split``
takes a name out of its actor (no automatic edge touches it any more).

An actor is named after its *head*: a user's merge target, else the most frequent
multi-word name, else the most frequent name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NON_WORD = re.compile(r"[^\w]+")
_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "adh", "an", "ar", "at", "ath", "az", "ul", "ud"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "der", "die", "das", "und", "&"})
_VOWELS = frozenset("aeiouy")
MIN_VARIANT_CHARS = 4
VARIANT_RATIO = 0.75
Rule = str  # "self", "variant", "surname", "acronym", "article", "user"


def key(name: str) -> str:
    """The key names are stored and looked up by: trimmed, case-folded, at most 300 characters
    (the ``canonical_key`` / ``alias_key`` of the store's entity rows)."""
    return (name or "").strip().casefold()[:300]


def words(name: str) -> list[str]:
    """The words of ``name`` folded for comparison: accents, apostrophes, hyphens, a leading
    "the" and Arabic articles dropped (``"Hashd ash-Sha'bi"`` -> ``["hashd", "shabi"]``)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    parts = [w for w in _NON_WORD.split(_APOSTROPHES.sub("", plain).casefold()) if w]
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    kept = [w for i, w in enumerate(parts) if not (w in _ARTICLES and i < len(parts) - 1 and len(parts) > 1)]
    return kept or parts


def skeleton(word: str) -> str:
    """First letter and the consonants after it, repeats collapsed: ``raeisi`` -> ``rs``."""
    out = word[:1]
    for c in word[1:]:
        if c not in _VOWELS and c != "h" and c != out[-1:]:
            out += c
    return out


def similar_words(a: str, b: str) -> bool:
    """Equal, or spelling variants of one word (see the module rules)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_VARIANT_CHARS or skeleton(a) != skeleton(b):
        return False
    return SequenceMatcher(None, a, b).ratio() >= VARIANT_RATIO


def is_acronym(name: str) -> bool:
    """``PMU``, ``U.S.``, ``NATO``: one word of 2-6 capitals (dots allowed)."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def initials(name: str) -> set[str]:
    """Initials of a multi-word name: of every word and of the words that are not "of",
    "the", ... (``Department of Justice`` -> ``{"doj", "dj"}``)."""
    parts = [w for w in _NON_WORD.split(_APOSTROPHES.sub("", name).casefold()) if w]
    if len(parts) < 2:
        return set()
    return {"".join(w[0] for w in parts), "".join(w[0] for w in parts if w not in _STOP)}


def surname(name: str) -> str | None:
    """The last word of a multi-word name, a "Jr." or "III" dropped."""
    parts = [w for w in words(name) if w not in _SUFFIXES]
    return parts[-1] if len(parts) > 1 else None


def blocks(name: str, kind: str) -> set[str]:
    """Keys that every name it may be linked to shares with it (candidates are only looked
    for among names with a common block): its last word's skeleton, its initials, the acronym."""
    parts = words(name)
    found = {"s:" + skeleton(p) for p in parts[-1:] if p}
    last = surname(name)
    if last:
        found.add("s:" + skeleton(last))
    if is_acronym(name):
        found.add("i:" + name.replace(".", "").casefold())
    elif kind != "PERSON":
        found.update("i:" + i for i in initials(name) if len(i) >= 2)
    return found


@dataclass
class Name:
    """One name of the corpus: as first written, its entity type, how many articles use it,
    and the canonical names (keys) that articles gave it as an alias of."""

    name: str
    type: str
    n_articles: int = 0
    alias_of: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Link:
    """Where a name belongs: its actor's head key, the rule that put it there, and for an
    ambiguous name the heads it could be."""

    actor: str
    rule: Rule
    candidates: tuple[str, ...] = ()


class _Groups:
    """Union-find over name keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _variant(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(similar_words(x, y) for x, y in zip(a, b, strict=True))


def _variant_edges(names: Mapping[str, Name], free: set[str]) -> list[tuple[str, str]]:
    """Pairs of names that are spelling variants of each other (same type family)."""
    by_block: dict[str, list[str]] = defaultdict(list)
    for k in sorted(free):
        if not is_acronym(names[k].name):
            parts = words(names[k].name)
            by_block["".join(skeleton(p) for p in parts) + f"/{len(parts)}"].append(k)
    edges = []
    for ks in by_block.values():
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                pa, pb = names[a], names[b]
                if (pa.type == "PERSON") == (pb.type == "PERSON") and _variant(words(pa.name), words(pb.name)):
                    edges.append((a, b))
    return edges


class _Index:
    """The multi-word names by surname skeleton (persons) and by initials (the rest)."""

    def __init__(self, names: Mapping[str, Name], full: set[str]) -> None:
        self.names = names
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        self.by_initials: dict[str, list[str]] = defaultdict(list)
        for k in sorted(full):
            n = names[k]
            last = surname(n.name)
            if n.type == "PERSON" and last:
                self.by_surname[skeleton(last)].append(k)
            elif n.type != "PERSON":
                for i in initials(n.name):
                    self.by_initials[i].append(k)

    def candidates(self, groups: _Groups, bare: str) -> set[str]:
        """The variant groups of the names a bare surname or an acronym could stand for."""
        n = self.names[bare]
        if is_acronym(n.name):
            return {groups.find(k) for k in self.by_initials.get(n.name.replace(".", "").casefold(), ())}
        word = words(n.name)[0]
        found = set()
        for k in self.by_surname.get(skeleton(word), ()):
            last = surname(self.names[k].name)
            if last and similar_words(word, last):
                found.add(groups.find(k))
        return found


def _is_bare(n: Name) -> bool:
    """A name the ``surname`` or ``acronym`` rule links: a one-word person, or an acronym."""
    return is_acronym(n.name) or (n.type == "PERSON" and len(words(n.name)) == 1)


def link(names: Mapping[str, Name], decisions: Mapping[str, tuple[str, str | None]] | None = None) -> dict[str, Link]:
    """Group ``names`` (key -> :class:`Name`) into actors; ``decisions``: key -> (``"merge"``,
    target key) or (``"split"``, None), the users' word. Every key gets a :class:`Link`."""
    decisions = decisions or {}
    free = {k for k in names if decisions.get(k, ("", None))[0] != "split"}
    groups = _Groups(names)
    rules: dict[str, Rule] = {}
    for a, b in _variant_edges(names, free):
        groups.union(a, b)
    full = {k for k in free if not _is_bare(names[k])}
    ambiguous: dict[str, set[str]] = {}
    index = _Index(names, full)
    for k in sorted(free - full):
        found = index.candidates(groups, k)
        if len(found) == 1:
            groups.union(k, found.pop())
            rules[k] = "acronym" if is_acronym(names[k].name) else "surname"
        elif found:
            ambiguous[k] = found
    for k in sorted(free):
        targets = {groups.find(t) for t in names[k].alias_of if t in free and t != k}
        if len(targets) == 1 and k not in ambiguous and not (names[k].type == "PERSON" and len(words(names[k].name)) == 1):
            groups.union(k, targets.pop())
            rules.setdefault(k, "article")
    heads: dict[str, str] = {}
    for k, (action, target) in sorted(decisions.items()):
        if action == "merge" and target is not None and target in names and k in names:
            groups.union(k, target)
            rules[k] = "user"
            heads[groups.find(target)] = target
    return _result(names, groups, rules, ambiguous, heads)


def _head(names: Mapping[str, Name], members: list[str]) -> str:
    def rank(k: str) -> tuple[bool, int, int, str]:
        n = names[k]
        return (len(words(n.name)) > 1 and not is_acronym(n.name), n.n_articles, len(n.name), k)

    return max(members, key=rank)


def _result(
    names: Mapping[str, Name],
    groups: _Groups,
    rules: dict[str, Rule],
    ambiguous: dict[str, set[str]],
    chosen: dict[str, str],
) -> dict[str, Link]:
    members: dict[str, list[str]] = defaultdict(list)
    for k in names:
        members[groups.find(k)].append(k)
    head = {root: chosen.get(root) or _head(names, ks) for root, ks in members.items()}
    for root, target in chosen.items():  # a merge target may have been re-rooted by later unions
        head[groups.find(root)] = target
    out: dict[str, Link] = {}
    for k in names:
        actor = head[groups.find(k)]
        rule = "self" if actor == k else rules.get(k, "variant")
        cands = tuple(sorted(head[groups.find(c)] for c in ambiguous.get(k, ()))) if actor == k else ()
        out[k] = Link(actor, rule, cands)
    return out
