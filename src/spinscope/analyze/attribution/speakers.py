"""Who is speaking: the subject of a speech verb resolved to an entity (``quotes`` analyzer).

- The speaker is the cue's grammatical subject (found through "went on to declare" and
  similar chains; "issued a statement saying" gives the issuer; "who" gives the person
  it refers to).
- Speakers resolve to the ``canonical`` name of an entity: named subjects directly;
  "he"/"she"/"they" through the last speaker or the last entity of the right kind; role
  descriptions ("the group's spokesman") through the roles given in appositions or the
  nearest named speaker. Unresolved speakers keep their words.

Cost: every look-up (the last entity of a type before a position, the person last given
a role, a named organisation by its last word, a token's sentence) is a bisection in
lists built once per document, so resolving a speaker does not grow with the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...model import Entity

ROLE_NOUNS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "leader", "official", "minister", "president", "premier", "chief", "head", "commander", "secretary", "director", "chairman", "chairwoman", "general", "envoy", "ambassador", "representative", "deputy", "member", "lawmaker", "senator", "governor", "mayor", "analyst", "expert", "source", "adviser", "advisor", "aide", "officer", "cleric", "activist", "founder", "manager", "candidate", "prosecutor", "judge", "king", "prince", "author", "professor", "researcher", "speaker", "congressman", "congresswoman", "legislator", "attorney", "lawyer", "investigator", "diplomat", "coroner", "mp", "president", "commissioner", "organizer", "organiser", "witness", "resident"]
)
_MESSAGE_NOUNS = frozenset({"statement", "letter", "tweet", "post", "release", "communique", "message", "report", "note"})
_PERSON_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
_GROUP_PRONOUNS = {"they", "it", "them"}

@dataclass
class Speaker:
    name: str | None
    start: int | None
    end: int | None
    etype: str | None = None


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
        for tok in doc:
            person = self.by_char.get(tok.idx)
            if person is None or person.type != "PERSON":
                continue
            for child in tok.children:
                if child.dep_ == "appos":
                    for t in child.subtree:
                        if t.pos_ == "NOUN":
                            self.roles.append((tok.idx, t.lemma_.lower(), person))
                elif (
                    child.dep_ == "compound"
                    and (child.pos_ == "NOUN" or child.lemma_.lower() in ROLE_NOUNS)
                    and self.by_char.get(child.idx) is None
                ):
                    self.roles.append((tok.idx, child.lemma_.lower(), person))

        # lookups by bisection, so each costs O(log n) however long the text
        self.role_at = [at for at, _, _ in self.roles]
        self.by_role: dict[str, tuple[list[int], list[Entity]]] = {}
        for at, role, ent in self.roles:
            ats, ents = self.by_role.setdefault(role, ([], []))
            ats.append(at)
            ents.append(ent)
        self.by_last_word: dict[str, tuple[list[int], list[tuple[int, Entity]]]] = {}
        for order, (s, _e, ent) in enumerate(self.mentions):
            words = ent.canonical.split()
            if ent.type != "PERSON" and len(words) >= 2:
                starts, found = self.by_last_word.setdefault(words[-1].lower(), ([], []))
                starts.append(s)
                found.append((order, ent))
        self._typed: dict[tuple[str, ...], tuple[list[int], list[tuple[int, int, Entity]]]] = {}

    def at(self, start: int, end: int) -> Entity | None:
        for c in range(start, end):
            ent = self.by_char.get(c)
            if ent is not None:
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

    def named_by_last_word(self, words: set[str], pos: int) -> Entity | None:
        """The last multi-word non-person entity mentioned before ``pos`` whose canonical
        name ends with one of ``words`` ("the ministry" -> "Health Ministry")."""
        best: tuple[int, Entity] | None = None
        for word in words:
            starts, found = self.by_last_word.get(word, ([], []))
            k = bisect_left(starts, pos) - 1
            if k >= 0 and (best is None or found[k][0] > best[0]):
                best = found[k]
        return best[1] if best else None

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


class Sentences:
    """Sentence lookup by token index (``Token.sent`` walks the whole document)."""

    def __init__(self, doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [s.start for s in self.spans]
        self.ends = [s.end_char for s in self.spans]

    def overlapping(self, start: int, end: int) -> list:
        """The sentences overlapping the characters ``[start, end)``, in order."""
        out = []
        k = bisect_right(self.ends, start)  # the first sentence ending after ``start``
        while k < len(self.spans) and self.spans[k].start_char < end:
            out.append(self.spans[k])
            k += 1
        return out

    def of(self, tok):
        return self.spans[bisect_right(self.starts, tok.i) - 1]


class Resolver:
    def __init__(self, index: EntityIndex, doc, sentences: Sentences, text: str) -> None:
        self.index = index
        self.doc = doc
        self.text = text
        self.sentences = sentences
        self.last_person: Speaker | None = None
        self.last_group: Speaker | None = None

    def remember(self, sp: Speaker) -> None:
        if sp.name is None:
            return
        if sp.etype == "PERSON":
            self.last_person = sp
        elif sp.etype in ("ORG", "NORP", "GPE"):
            self.last_group = sp

    def resolve(self, subj) -> Speaker:
        """Speaker of a subject token (pronoun, name or description)."""
        low = subj.lower_
        if subj.pos_ == "PRON" or low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            return self._pronoun(subj, low)
        # a name: the entity at the subject token, else a person/org named inside the phrase
        ent = self.index.at(subj.idx, subj.idx + len(subj))
        phrase = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl") or t.i == subj.i]
        left = min(t.idx for t in phrase)
        right = max(t.idx + len(t) for t in phrase)
        if ent is not None and subj.pos_ != "NOUN":
            return Speaker(ent.canonical, left, right, ent.type)
        if ent is None:
            ent = self._inner_entity(subj)
        if ent is not None and (ent.type == "PERSON" or subj.pos_ != "NOUN"):
            return Speaker(ent.canonical, left, right, ent.type)
        lemma = subj.lemma_.lower()
        plural = subj.tag_ in ("NNS", "NNPS")
        # "ICE officials", "Justice Department spokeswoman": the organisation speaks
        for child in subj.children:
            if child.dep_ == "compound":
                org = self.index.at(child.idx, child.idx + len(child))
                if org is not None and org.type in ("ORG", "GPE", "NORP"):
                    return Speaker(org.canonical, left, right, org.type)
        # "the coroner" -> "Clark County Coroner", "the ministry" -> "Health Ministry"
        named = self._named_by_head(subj)
        if named is not None:
            return Speaker(named.canonical, left, right, named.type)
        role = self._by_role(subj, lemma, plural, left, right) if lemma in ROLE_NOUNS else None
        if role is not None:
            return role
        if ent is not None:
            return Speaker(ent.canonical, left, right, ent.type)
        words = self.text[left:right]
        return Speaker(words if len(words) <= 80 else None, left, right)

    def _pronoun(self, subj, low: str) -> Speaker:
        """He/she: the last person speaking or named; they/it: the last group."""
        if low in _PERSON_PRONOUNS:
            if self.last_person is not None:
                return Speaker(self.last_person.name, subj.idx, subj.idx + len(subj), "PERSON")
            hit = self.index.last_before(subj.idx, ("PERSON",))
            if hit:
                return Speaker(hit[2].canonical, subj.idx, subj.idx + len(subj), "PERSON")
        elif low in _GROUP_PRONOUNS:
            if self.last_group is not None:
                return Speaker(self.last_group.name, subj.idx, subj.idx + len(subj), self.last_group.etype)
            hit = self.index.last_before(subj.idx, ("ORG", "NORP", "GPE"))
            if hit:
                return Speaker(hit[2].canonical, subj.idx, subj.idx + len(subj), hit[2].type)
        return Speaker(None, subj.idx, subj.idx + len(subj))

    def _by_role(self, subj, lemma: str, plural: bool, left: int, right: int) -> Speaker | None:
        """"The spokesman": the person given that role; "officials": the last group."""
        if plural:
            if self.last_group is not None:
                return Speaker(self.last_group.name, left, right, self.last_group.etype)
            return None
        person = self._role(lemma, subj.idx)
        if person is not None:
            return Speaker(person.canonical, left, right, "PERSON")
        if self.last_person is not None:
            return Speaker(self.last_person.name, left, right, "PERSON")
        ahead = self._next_person_with_role(subj)
        if ahead is not None:
            return Speaker(ahead.canonical, left, right, "PERSON")
        return None

    def _inner_entity(self, subj) -> Entity | None:
        """A person/organisation named inside the subject phrase, not behind a preposition
        other than "of" ("the embassy in China" is not China speaking)."""
        inner = []
        for t in subj.subtree:
            if t.i == subj.i or t.dep_ in ("relcl", "acl", "poss") or t.head.dep_ == "poss":
                continue
            node, ok = t, True
            while node.i != subj.i:
                if node.dep_ == "pobj" and node.head.lower_ not in ("of", "by"):
                    ok = False
                    break
                node = node.head
            if ok:
                inner.append(t)
        for wanted in ("PERSON", "ORG", "NORP", "GPE"):
            for t in inner:
                cand = self.index.at(t.idx, t.idx + len(t))
                if cand is not None and cand.type == wanted:
                    return cand
        return None

    def _named_by_head(self, subj) -> Entity | None:
        if subj.pos_ != "NOUN":
            return None
        return self.index.named_by_last_word({subj.lemma_.lower(), subj.lower_}, subj.idx)

    def _role(self, lemma: str, pos: int) -> Entity | None:
        return self.index.role(lemma, pos)

    def _next_person_with_role(self, subj) -> Entity | None:
        sent = self.sentences.of(subj)
        return self.index.next_role(subj.idx, sent.end_char + 600)


def subject(verb):
    """The subject of a cue verb, climbing "went on to declare"-style chains."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and tok.lemma_ == "quote"):
                return child
        if tok.dep_ in ("xcomp", "advcl", "conj", "ccomp") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "acl" and tok.head.lemma_.lower() in _MESSAGE_NOUNS and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "issued a statement saying ...": whoever issued it
        else:
            break
    return None
