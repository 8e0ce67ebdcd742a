"""Actors across articles: which names in a corpus are one actor (pure functions, no SQL).

Each article's entities analyzer already merges the names of one actor *within* the article
("Ebrahim Raeisi" ... "Raeisi"). Across articles an actor is often named differently: by
surname only, by an acronym, or spelt another way. :func:`link` groups the names of a
corpus into actors with four rules, each one an edge between two names:

- ``variant``: two names with the same number of words (after dropping the Arabic article
  "al-", "ash-", ... and apostrophes) whose words are each equal or spelling variants: the
  same first letter and consonants ("Raisi"/"Raeisi", "Sha'bi"/"Shaabi"), both at least
  4 letters and alike (difflib ratio >= 0.8, or 0.75 for words of 7+ letters; "Rossi"/"Raisi"
  is 0.6, "King"/"Kung" 0.75);
- ``surname``: a one-word PERSON name and the full PERSON names whose last word (a "Jr."
  dropped) is it or its variant, when those full names are one person (one ``variant``
  group); when they are two or more ("Joe Biden", "Hunter Biden") the bare "Biden" is
  *ambiguous*: it stays its own actor and lists the candidates — unless every article that
  gave the bare name as an alias meant one of them (the corpus's own evidence);
- ``acronym``: a name in capitals ("PMU") and the multi-word names (not persons) whose
  initials it spells ("Popular Mobilization Units"), when they are one group; else ambiguous;
- ``article``: a name that an article's entity lists as an alias of its canonical name
  (an acronym defined in parentheses, "X, also known as Y") in at least 3 articles or half of
  the articles naming it, unless the alias is a bare surname (the ``surname`` rule decides
  those) or was the alias of two actors; persons only when their first names start alike;
- ``variant`` also joins a person named with and without a middle name or initials ("Donald J.
  Trump", "Donald Trump") when the corpus has one middle for that first and last name, a short first name
  and the full one ("Bob Mueller", "Robert Mueller"), and a group in the
  plural and the singular ("Muslims", "Muslim", both NORP).

Users' decisions override the rules: ``merge`` joins a name to another actor, ``split``
takes a name out of its actor (no automatic edge touches it any more).

An actor is named after its *head*: a user's merge target, else the most frequent
multi-word name, else the most frequent name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .name_forms import (
    SUFFIXES,
    blocks,
    initials,
    is_acronym,
    key,
    person_words,
    similar_words,
    skeleton,
    surname,
    words,
)

__all__ = [
    "Link", "Name", "blocks", "initials", "is_acronym", "key", "link", "person_words", "similar_words", "skeleton",
    "surname", "words",
]
EVIDENCE_ARTICLES = 3
Rule = str  # "self", "variant", "surname", "acronym", "article", "user"


@dataclass
class Name:
    """One name of the corpus: as first written, its entity type, how many articles use it,
    and the canonical names (keys) that articles gave it as an alias of."""

    name: str
    type: str
    n_articles: int = 0
    alias_of: dict[str, int] = field(default_factory=dict)  # key -> articles that said so

    def meant(self, other: str) -> bool:
        """Whether enough articles gave this name as an alias of ``other`` to believe them: at
        least :data:`EVIDENCE_ARTICLES`, or half of the articles naming it (one analyzer slip,
        "EU" merged with "United Nations" in one article of fourteen, is not enough)."""
        n = self.alias_of.get(other, 0)
        return n >= EVIDENCE_ARTICLES or (n > 0 and 2 * n >= self.n_articles)


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
            parts = person_words(names[k].name, names[k].type)
            by_block["".join(skeleton(p) for p in parts) + f"/{len(parts)}"].append(k)
    edges = []
    for ks in by_block.values():
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                pa, pb = names[a], names[b]
                if (pa.type == "PERSON") == (pb.type == "PERSON") and _variant(person_words(pa.name, pa.type), person_words(pb.name, pb.type)):
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


def _middle_edges(names: Mapping[str, Name], free: set[str]) -> list[tuple[str, str]]:
    """Persons named with and without middle names or initials ("Donald J. Trump", "Donald
    Trump"), when the corpus knows one middle for that first and last name ("George W. Bush"
    and "George H.W. Bush" leave "George Bush" alone)."""
    buckets: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for k in sorted(free):
        parts = [w for w in person_words(names[k].name, names[k].type) if w not in SUFFIXES]
        if names[k].type != "PERSON" or len(parts) < 2 or len(parts) != len(words(names[k].name)):
            continue
        buckets[(skeleton(parts[0]) + parts[0][:1], skeleton(parts[-1]))][" ".join(parts[1:-1])].append(k)
    edges = []
    for by_middle in buckets.values():
        with_initials = [m for m in by_middle if m]
        if len(with_initials) == 1 and "" in by_middle:
            plain, initialled = by_middle[""][0], by_middle[with_initials[0]][0]
            if _variant(_ends(names[plain]), _ends(names[initialled])):
                edges.append((plain, initialled))
    return edges


def _ends(n: Name) -> list[str]:
    parts = person_words(n.name, n.type)
    return [parts[0], parts[-1]]


def _plural_edges(names: Mapping[str, Name], free: set[str]) -> list[tuple[str, str]]:
    """Groups named in the plural and the singular ("Muslims", "Muslim"; both NORP)."""
    return [
        (k, k[:-1])
        for k in sorted(free)
        if names[k].type == "NORP" and len(k) >= 5 and k.endswith("s") and " " not in k
        and k[:-1] in free and names[k[:-1]].type == "NORP"
    ]


def _article_edges(names: Mapping[str, Name], groups: _Groups, rules: dict[str, Rule], keys: set[str], free: set[str]) -> None:
    """Join each of ``keys`` to the one actor articles gave it as an alias of (persons only
    when their first names start alike: "Bill Clinton" is no alias of "Hillary Clinton")."""
    for k in sorted(keys):
        n = names[k]
        targets = set()
        for t in n.alias_of:
            if t not in free or t == k or not n.meant(t):
                continue
            other = names[t]
            if n.type == other.type == "PERSON" and words(n.name)[0][:1] != words(other.name)[0][:1]:
                continue
            targets.add(groups.find(t))
        if len(targets) == 1:
            groups.union(k, targets.pop())
            rules.setdefault(k, "article")


def _bare_links(
    names: Mapping[str, Name], groups: _Groups, rules: dict[str, Rule], bare: set[str], index: _Index
) -> dict[str, set[str]]:
    """Link each bare surname or acronym (with its spelling variants, as one) to the one actor
    it can stand for, or to the one the articles used it for (all the articles that gave it as
    an alias meant that actor); return the others that could be several actors, with their
    candidates."""
    together: dict[str, list[str]] = defaultdict(list)
    for k in sorted(bare):
        together[groups.find(k)].append(k)
    ambiguous: dict[str, set[str]] = {}
    for members in together.values():
        found = {groups.find(c) for k in members for c in index.candidates(groups, k)}
        if len(found) > 1:
            meant = {groups.find(t) for k in members for t in names[k].alias_of if t in names} & found
            found = meant if len(meant) == 1 else found
        if len(found) == 1:
            groups.union(members[0], found.pop())
            for k in members:
                rules[k] = "acronym" if is_acronym(names[k].name) else "surname"
        elif found:
            ambiguous.update({k: found for k in members})
    return ambiguous


def link(names: Mapping[str, Name], decisions: Mapping[str, tuple[str, str | None]] | None = None) -> dict[str, Link]:
    """Group ``names`` (key -> :class:`Name`) into actors; ``decisions``: key -> (``"merge"``,
    target key) or (``"split"``, None), the users' word. Every key gets a :class:`Link`."""
    decisions = decisions or {}
    free = {k for k in names if decisions.get(k, ("", None))[0] != "split"}
    groups = _Groups(names)
    rules: dict[str, Rule] = {}
    for a, b in [*_variant_edges(names, free), *_middle_edges(names, free), *_plural_edges(names, free)]:
        groups.union(a, b)
    full = {k for k in free if not _is_bare(names[k])}
    _article_edges(names, groups, rules, full, full)
    ambiguous = _bare_links(names, groups, rules, free - full, _Index(names, full))
    acronyms = {k for k in free - full if is_acronym(names[k].name) and k not in ambiguous and k not in rules}
    _article_edges(names, groups, rules, acronyms, free)
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
        cands = tuple(sorted({head[groups.find(c)] for c in ambiguous.get(k, ())} - {k})) if actor == k else ()
        out[k] = Link(actor, rule, cands)
    return out
