"""Look-ups for the ``quotes`` analyzer, built once per document: entities by offset and
the roles given to persons in appositions (:class:`EntityIndex`). Sentences, paragraphs
and the reported speech around a quotation are in :mod:`.positions`.

Cost: every look-up (the last entity of a type before a position, the person last given
a role, a named organisation by its last word, a token's sentence) is a bisection in
lists built once per document, so resolving a speaker does not grow with the text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right

from ...model import Entity
from .roles import ABBREVIATED, ROLE_NOUNS


class EntityIndex:
    """Char offset -> entity, plus the roles given to persons in appositions."""

    def __init__(self, entities: list[Entity], doc) -> None:
        self.by_char: dict[int, Entity] = {}
        self.mentions: list[tuple[int, int, Entity]] = []
        for ent in entities:
            for m in ent.mentions:
                self.mentions.append((m.start, m.end, ent))
                for c in range(m.start, m.end):
                    self.by_char[c] = ent
        self.mentions.sort(key=lambda x: x[0])
        # roles: "Nasr al-Shammari, the deputy secretary-general and spokesman of the group"
        # and "spokesman Nasr al-Shammari" / "Iraqi premier Mustafa Al-Kadhimi"
        self.roles: list[tuple[int, str, Entity]] = []
        self.titled: list[tuple[int, str, Entity]] = []
        self.titles: list[tuple[int, str, Entity]] = []
        self.described: dict[str, set[str]] = {}  # name -> nouns it is apposed to ("The student, X")
        for tok in doc:
            person = self.by_char.get(tok.idx)
            if person is not None and person.type == "PERSON":
                self._roles_of(tok, person)

        # lookups by bisection, so each costs O(log n) however long the text
        self.role_at = [at for at, _, _ in self.roles]
        self.by_role: dict[str, tuple[list[int], list[Entity]]] = {}
        for at, role, ent in sorted(self.roles + self.titles, key=lambda x: x[0]):
            ats, ents = self.by_role.setdefault(role, ([], []))
            ats.append(at)
            ents.append(ent)
        self.by_last_word: dict[str, tuple[list[int], list[tuple[int, Entity]]]] = {}
        for order, (s, _e, ent) in enumerate(self.mentions):
            words = ent.canonical.split()
            if ent.type != "PERSON" and len(words) >= 2:
                for head in _heads(words, ent.type):
                    starts, found = self.by_last_word.setdefault(head, ([], []))
                    starts.append(s)
                    found.append((order, ent))
        self._typed: dict[tuple[str, ...], tuple[list[int], list[tuple[int, int, Entity]]]] = {}
        # surname -> the full names of persons ending with it (to finish a bare "Patel")
        self.full_names = _full_names(entities, -1)
        # first name -> the full names starting with it (a bare "Tedros" when no one is surnamed so)
        self.first_names = _full_names(entities, 0)
        # where the body first uses each name (a headline's "Hillary" comes before the body's
        # "Hillary Clinton" and is still her)
        head_end = next((t.idx for t in doc if "\n" in t.text_with_ws), -1)
        self.first_seen = {ent.canonical: min((m.start for m in ent.mentions if m.start > head_end), default=0) for ent in entities}
        # a headline glues words to a name ("Nimesh Patel Stand-Up"): "Patel" -> "Nimesh Patel"
        self.inner_names = _inner_names(entities)

    def _roles_of(self, tok, person: Entity) -> None:
        head = tok.head
        if tok.dep_ == "appos" and head.pos_ == "NOUN" and head.i < tok.i and self.by_char.get(head.idx) is None:
            self.described.setdefault(person.canonical, set()).add(head.lemma_.lower())  # "The student, Ashley Arnold"
        for child in tok.children:
            if child.dep_ == "appos":
                for t in child.subtree:
                    if t.pos_ == "NOUN":
                        self.roles.append((tok.idx, t.lemma_.lower(), person))
            elif (
                child.dep_ == "compound"
                and self.by_char.get(child.idx) is None
                and (child.pos_ == "NOUN" or child.lemma_.lower() in ROLE_NOUNS)
            ):
                self.roles.append((tok.idx, child.lemma_.lower(), person))
            elif child.dep_ == "compound" and child.i < tok.i and child.lower_.rstrip(".") in ABBREVIATED:
                for role in ABBREVIATED[child.lower_.rstrip(".")]:  # "Sen. Al Franken" is "the senator"
                    self.titles.append((tok.idx, role, person))  # (not a role the lede's description takes)
            if child.dep_ == "compound":  # "WHO Director-General Tedros": titled by an organisation
                for t in child.subtree:
                    org = self.by_char.get(t.idx)
                    if t.dep_ == "compound" and org is not None and org.type in ("ORG", "GPE"):
                        self.titled.append((tok.idx, org.canonical, person))
                        break

    def full_name(self, name: str) -> str:
        """``name`` itself, or the one person's full name in the article that ends with it
        when ``name`` is a single word ("Patel" -> "Nimesh Patel"); failing that, the one
        that starts with it ("Tedros" -> "Tedros Adhanom Ghebreyesus"), or the one name up to
        it inside a longer one ("Nimesh Patel Stand-Up", a headline's words glued on)."""
        if " " in name:
            return name
        key = _fold(name)
        found = self.full_names.get(key, set()) or self._named_first(name, self.first_names.get(key, set())) or self.inner_names.get(key, set())
        return next(iter(found)) if len(found) == 1 else name

    def _named_first(self, name: str, fuller: set[str]) -> set[str]:
        """The fuller names starting with ``name`` that the article gives before it uses the
        bare word ("Tedros Adhanom Ghebreyesus ... Tedros"), not one it meets later ("Askia
        Muhammad" cut by a line break, twelve times "Muhammad", then once "Muhammad Ali")."""
        bare = self.first_seen.get(name)
        return fuller if bare is None else {f for f in fuller if self.first_seen.get(f, 0) < bare}

    def titled_by(self, org: str, pos: int) -> Entity | None:
        """The person nearest to ``pos`` whose name carries a title of organisation ``org``
        ("WHO Director-General Tedros ..." for "the WHO chief")."""
        found = [(abs(at - pos), ent) for at, name, ent in self.titled if name == org]
        return min(found, key=lambda x: x[0])[1] if found else None

    def at(self, start: int, end: int) -> Entity | None:
        for c in range(start, end):
            ent = self.by_char.get(c)
            if ent is not None:
                return ent
        return None

    def person_at(self, tok) -> Entity | None:
        """The person named at token ``tok``, if the entity there is one."""
        ent = self.at(tok.idx, tok.idx + len(tok))
        return ent if ent is not None and ent.type == "PERSON" else None

    def child_entity(self, tok, dep: str, types: tuple[str, ...]) -> Entity | None:
        """The entity of one of ``types`` named at a child of ``tok`` with relation ``dep``
        (an apposition's person, a possessive's owner)."""
        for c in tok.children:
            if c.dep_ == dep:
                ent = self.at(c.idx, c.idx + len(c))
                if ent is not None and ent.type in types:
                    return ent
        return None

    def last_before(self, pos: int, types: tuple[str, ...]) -> tuple[int, int, Entity] | None:
        """The last mention (in text order) starting before ``pos`` of one of ``types``."""
        if types not in self._typed:
            kept = [m for m in self.mentions if m[2].type in types]
            self._typed[types] = ([m[0] for m in kept], kept)
        starts, kept = self._typed[types]
        k = bisect_left(starts, pos) - 1
        return kept[k] if k >= 0 else None

    def narrated_before(self, pos: int, types: tuple[str, ...], in_marks: list[bool]) -> tuple[int, int, Entity] | None:
        """The last entity of ``types`` named before ``pos`` outside quotation marks (a name
        someone is quoted saying is not what the narration's "it" refers to), when ``pos``
        itself is outside them (``in_marks``: per character)."""
        if pos >= len(in_marks) or in_marks[pos]:
            return self.last_before(pos, types)
        key = ("narrated",) + types
        if key not in self._typed:  # the mentions outside marks, once per article and types
            kept = [m for m in self.mentions if m[2].type in types and not (m[0] < len(in_marks) and in_marks[m[0]])]
            self._typed[key] = ([m[0] for m in kept], kept)
        starts, kept = self._typed[key]
        k = bisect_left(starts, pos) - 1
        return kept[k] if k >= 0 else None

    def named_by_last_word(self, words: set[str], pos: int) -> Entity | None:
        """The last multi-word non-person entity mentioned before ``pos`` whose canonical
        name ends with one of ``words`` ("the ministry" -> "Health Ministry"), or, for an
        organisation, has it before "of"/"in"/"on" ("the bureau" -> "Federal Bureau of
        Investigation")."""
        best: tuple[int, Entity] | None = None
        for word in words:
            starts, found = self.by_last_word.get(word, ([], []))
            k = bisect_left(starts, pos) - 1
            if k >= 0 and (best is None or found[k][0] > best[0]):
                best = found[k]
        return best[1] if best else None

    def body_of(self, place: str, noun: str) -> Entity | None:
        """The organisation named for "<place> <noun>" ("Westerville police"): one whose name
        starts with the place and holds the noun ("Westerville Division of Police", or "San
        Antonio PD" for police)."""
        for _s, _e, ent in self.mentions:
            name = ent.canonical
            if ent.type == "ORG" and name.startswith(place + " ") and (
                noun in name.lower().split() or (noun == "police" and name.endswith(" PD"))
            ):
                return ent
        return None

    def holder_of(self, title: Entity | None) -> Entity | None:
        """The person named right after an entity whose name ends with a role ("Jerry Hogrefe"
        in "Taos County Sheriff Jerry Hogrefe"), else that entity."""
        if title is None or title.canonical.split()[-1].lower() not in ROLE_NOUNS:
            return title
        for m in title.mentions:
            ent = self.by_char.get(m.end + 1) if m.end not in self.by_char else None  # one character between
            if ent is not None and ent.type == "PERSON":
                return ent
        return title

    def roles_of(self, name: str) -> set[str]:
        """The role nouns the article gives the person ``name`` in appositions and before
        the name ("The student, Ashley Arnold": {"student"})."""
        return {role for _at, role, ent in self.roles if ent.canonical == name} | self.described.get(name, set())

    def role(self, lemma: str, pos: int) -> Entity | None:
        """The person last given role ``lemma`` before ``pos``, else the first given it."""
        ats, ents = self.by_role.get(lemma, ([], []))
        if not ats:
            return None
        k = bisect_left(ats, pos) - 1
        return ents[k] if k >= 0 else ents[0]

    def next_role(self, after: int, limit: int) -> Entity | None:
        """The first person given a role in ``(after, limit]``."""
        k = bisect_right(self.role_at, after)
        return self.roles[k][2] if k < len(self.roles) and self.roles[k][0] <= limit else None




def _fold(word: str) -> str:
    """Case and accents folded: "Rosselló" and "Rossello" are one surname."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _full_names(entities: list[Entity], word: int) -> dict[str, set[str]]:
    """Last (``word`` -1) or first (0) word of a multi-word person name -> the names."""
    out: dict[str, set[str]] = {}
    for ent in entities:
        words = ent.canonical.split()
        if ent.type == "PERSON" and len(words) >= 2:
            out.setdefault(_fold(words[word]), set()).add(ent.canonical)
    return out


def _inner_names(entities: list[Entity]) -> dict[str, set[str]]:
    """Each inner word of a longer person name -> the name up to that word; the last word of
    a person named after an owner ("Recode's Kara Swisher", whatever its type) -> the name."""
    out: dict[str, set[str]] = {}
    for ent in entities:
        words = ent.canonical.split()
        if ent.type == "PERSON":
            for k in range(1, len(words) - 1):
                out.setdefault(_fold(words[k]), set()).add(" ".join(words[: k + 1]))
        owned = re.split(r"['\u2019]s ", ent.canonical)
        if len(owned) == 2 and 2 <= len(owned[1].split()) <= 3 and owned[1].istitle():
            out.setdefault(_fold(owned[1].split()[-1]), set()).add(owned[1])
    return out


def _heads(words: list[str], etype: str) -> list[str]:
    """The words a definite description may name an entity by: its last word, and an
    organisation's head before a preposition ("Bureau" in "Federal Bureau of Investigation")."""
    heads = [words[-1].lower()]
    if etype == "ORG":
        heads += [w.lower() for w, nxt in zip(words[1:-1], words[2:], strict=True) if nxt in ("of", "in", "on")][:1]
    return heads
