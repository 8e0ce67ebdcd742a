"""Who is speaking: the subject of a speech verb resolved to an entity (``quotes`` analyzer).

- The speaker is the cue's grammatical subject (found through "went on to declare" and
  similar chains; "issued a statement saying" gives the issuer; "who" gives the person
  it refers to).
- Speakers resolve to the ``canonical`` name of an entity: named subjects directly (a
  person in apposition to a subject that is an organisation or a title speaks: "County
  Supervisor of Elections, Susan Gale, told");
  "he"/"she"/"they" through the last speaker or the last entity of the right kind; role
  descriptions ("the group's spokesman") through the roles given in appositions or the
  nearest named speaker.
- **Unnamed sources** are descriptions that name no one: an indefinite one ("a senior
  Justice Department official", "one organizer", "some locals"), a bare plural ("officials",
  "sources close to the president", "Guatemalan authorities"; "ICE officials" is ICE) and
  any other description that resolves to no entity ("the embassy in China"). They keep
  their words as a description and no name; a later "he"/"she"/"they" that refers to the
  most recent source of that number can be unnamed too.

Cost: the look-ups are bisections in lists built once per document (:mod:`.index`), so
resolving a speaker does not grow with the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Entity
from .antecedents import known_since, main_subject, previous_subject
from .bodies import named_body, police_force, the_police
from .coref import Coref
from .genders import PERSON_NOUNS, pronoun_gender
from .index import EntityIndex
from .names import TITLES, written_as_name
from .phrases import inner_entity, titled_person
from .positions import Sentences
from .possessors import possessor
from .roles import ROLE_NOUNS, STAFF, TITLE_INITIALS, may_be
from .speaker import Speaker
from .subjects import MESSAGE_NOUNS, author_preps, definite, indefinite, lede_end, person_noun

_PERSON_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
_GROUP_PRONOUNS = {"they", "it", "them"}
_GROUP_REACH = 400  # characters back an "it said" with no group quoted before looks for an organisation
# pronouns for a source that names no one
_SOMEONE = frozenset({"some", "someone", "somebody", "others", "many", "several", "few", "another", "critics"})


# a member of a people or party, by the word's ending ("the Syrian", "the Democrat"; not "the Shahada")
MEMBER = re.compile(r"(?:an|ese|ish|crat|ist|muslim|jew)$")
# one-word titles a source may be named by alone ("Pope admits ...")
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_TITLE_WORDS = frozenset(t for t in TITLES if " " not in t and not t.endswith("."))


class Resolver:
    """Resolves the subject of each cue, in text order, remembering the latest person-like
    and group-like source (named or not) for the pronouns that follow."""

    def __init__(self, index: EntityIndex, doc, sentences: Sentences, text: str, gender: dict[str, str] | None = None,
                 in_marks: list[bool] | None = None) -> None:
        self.index = index
        self.doc = doc
        self.text = text
        self.sentences = sentences
        self.gender = gender or {}  # canonical name -> "he"/"she" (:mod:`.genders`)
        self.persons: list[Speaker] = []  # person-like sources so far, the latest last
        self.last_person: Speaker | None = None
        self.last_group: Speaker | None = None
        self.lede_end = lede_end(text)
        self.coref = Coref({id(e): e for _, _, e in index.mentions}.values(), self.gender)
        self.in_marks = in_marks or []  # per character: inside quotation marks

    def remember(self, sp: Speaker) -> None:
        if sp.unnamed:
            if sp.plural:
                self.last_group = sp
            elif sp.person:
                self.last_person = sp
                self.persons.append(sp)
        elif sp.name is None:
            return
        elif sp.etype == "PERSON" or sp.name in self.gender:
            self.last_person = sp
            self.persons.append(sp)
        elif sp.etype in ("ORG", "NORP", "GPE"):
            self.last_group = sp

    def resolve(self, subj) -> Speaker:
        """Speaker of a subject token (pronoun, name or description); a bare surname is
        completed to the one full name in the article that ends with it."""
        sp = self._resolve(subj)
        if sp.name is not None and sp.name in _TITLE_WORDS:  # "Pope admits ...": the Pope the article names
            titled = titled_person(self.index, self.text, sp.name)
            sp.name, sp.etype = (titled.canonical, "PERSON") if titled is not None else (sp.name, sp.etype)
        if sp.name is not None:
            full = self.index.full_name(sp.name)
            if full != sp.name and sp.etype is None:
                sp.etype = "PERSON"  # "Rosselló" the parser missed is the person "Ricardo Rossello"
            sp.name = full
        return sp

    def resolve_token(self, tok) -> Speaker:
        """The source a token names, without completing a bare surname."""
        return self._resolve(tok)

    def _resolve(self, subj) -> Speaker:
        low = subj.lower_
        if low in _SOMEONE:  # "some say", "someone told them", "others argue"
            left, right = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            return self._unnamed(left, right, low not in ("someone", "somebody", "another"))
        acronym = len(subj.text) > 1 and subj.text.isupper()  # "WHO said", "US warns": a name the parser read as a pronoun
        if (subj.pos_ == "PRON" and not acronym) or low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            return self.pronoun(subj, {"his": "he", "their": "they", "its": "it"}.get(low, low))  # "In his view, ..."
        # a name: the entity at the subject token, else a person/org named inside the phrase
        ent = self.index.at(subj.idx, subj.idx + len(subj))
        phrase = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl") or t.i == subj.i]
        left = min(t.idx for t in phrase)
        right = max(t.idx + len(t) for t in phrase)
        if ent is not None and ent.type != "PERSON":
            apposed = self.index.child_entity(subj, "appos", ("PERSON",))
            if apposed is not None:  # "Citrus County Supervisor of Elections Susan Gill" (parsed "Supervisor", appos "Gill")
                return Speaker(apposed.canonical, left, right, "PERSON")
            titled = self._title_holder(ent, subj.idx)
            if titled is not None:  # "the AG said", the article's "Attorney General Jeff Sessions"
                return Speaker(titled.canonical, left, right, "PERSON")
        if ent is not None and ent.type == "NORP" and MEMBER.search(subj.lower_) and any(c.lower_ == "the" for c in subj.children):
            ent = self.coref.last("PERSON", subj.idx) or ent  # "the Democrat said", "the Syrian shouted": the person named last
        if ent is not None and subj.pos_ != "NOUN":
            return self._namesake(subj, ent, left, right) or Speaker(ent.canonical, left, right, ent.type)
        if ent is None:
            ent = self._author(subj, ("ORG", "PERSON", "GPE", "NORP")) or inner_entity(self.index, subj)
        if ent is not None and (ent.type == "PERSON" or subj.pos_ != "NOUN" or subj.lemma_.lower() in MESSAGE_NOUNS):
            return Speaker(ent.canonical, left, right, ent.type)  # "a claim made by Scott Perry", "a report by Fox News"
        plural = subj.tag_ in ("NNS", "NNPS")
        force = the_police(self.index, self.text, subj, left, right) if ent is None else None
        if force is not None:
            return force
        if subj.pos_ == "NOUN" and indefinite(subj):  # "a senior Justice Department official"
            owner = self._compound_owner(subj, left, right) if subj.lemma_.lower() in MESSAGE_NOUNS else None  # "A USA Today article"
            return owner or self._lede(subj, left, right, plural) or self._unnamed(left, right, plural, person_noun(subj))
        return self._compound_owner(subj, left, right) or self._description(subj, ent, left, right, plural)

    def _compound_owner(self, subj, left: int, right: int) -> Speaker | None:
        """"ICE officials", "Justice Department spokeswoman": the organisation speaks (or its
        titled person, or the place's police force); "the ministry statement": the ministry."""
        for child in subj.children:
            if child.dep_ == "compound":
                org = self.index.at(child.idx, child.idx + len(child))
                if org is None and child.pos_ == "NOUN" and subj.tag_ == "NN" and subj.lemma_.lower() in MESSAGE_NOUNS:
                    org = self.index.named_by_last_word({child.lemma_.lower()}, subj.idx)  # "the ministry statement"
                if org is not None and subj.lemma_.lower() in PERSON_NOUNS - ROLE_NOUNS:
                    return None  # "a Texas teen", "Ex-Navy sailor": someone from there, not the place or body
                if org is not None and org.type == "GPE" and subj.tag_ == "NN" and subj.lemma_.lower() in ROLE_NOUNS:
                    holder = self.index.role(subj.lemma_.lower(), subj.idx)
                    if holder is not None:  # "Dallas Chief Says": the chief the article names
                        return Speaker(holder.canonical, left, right, "PERSON")
                if org is not None and subj.tag_ == "NNS" and (subj.lemma_.lower() == "source" or (org.type == "GPE" and subj.lemma_.lower() in STAFF)):
                    return self._unnamed(left, right, True)  # "U.S. officials", "House sources": unnamed, not the country or body
                if org is not None and org.type in ("ORG", "GPE", "NORP"):
                    head = self._titled(subj, org.canonical)  # "the WHO chief": its titled person
                    if head is not None:
                        return Speaker(head.canonical, left, right, "PERSON")
                    body = self.index.body_of(org.canonical, subj.lower_) if org.type == "GPE" else None
                    if body is not None:  # "San Antonio police" -> "San Antonio Police Department"
                        return Speaker(body.canonical, left, right, body.type)
                    force = police_force(org.canonical, subj) if org.type == "GPE" else None
                    if force is not None:  # "Las Vegas police": the force, not the city
                        return Speaker(force, left, right, "ORG")
                    return Speaker(org.canonical, left, right, org.type)
        return None

    def _namesake(self, subj, ent: Entity, left: int, right: int) -> Speaker | None:
        """A bare surname two people of the article share ("Clinton said" beside Bill and
        Hillary Clinton) is the one of them who spoke last, not the one named last."""
        if ent.type != "PERSON" or " " in self.text[left:right].strip() or ent.canonical.split()[-1].lower() != subj.lower_:
            return None
        spoke = next((sp for sp in reversed(self.persons[-8:]) if sp.name and sp.name.split()[-1].lower() == subj.lower_), None)
        return replace(spoke, start=left, end=right) if spoke is not None and spoke.name != ent.canonical else None

    def _description(self, subj, ent: Entity | None, left: int, right: int, plural: bool) -> Speaker:
        """A definite description: a named organisation by its head, a role, else unnamed."""
        # "the coroner" -> "Clark County Coroner", "the ministry" -> "Health Ministry"
        named = self.index.holder_of(self._named_by_head(subj))  # "the sheriff" -> "Taos County Sheriff Jerry Hogrefe"
        if named is not None:
            return Speaker(named.canonical, left, right, named.type)
        lemma = subj.lemma_.lower()
        body = named_body(self, subj, plural, left, right)
        if body is not None:  # "the company said", "The paper noted": the organisation named before
            return body
        role = self._by_role(subj, lemma, plural, left, right) if lemma in ROLE_NOUNS else None
        if role is not None:
            return role
        if ent is not None:  # "the failed Netflix talk show host": a person, not Netflix
            person = self._titled(subj, ent.canonical) if ent.type in ("ORG", "GPE", "NORP") else None
            if person is not None:
                return Speaker(person.canonical, left, right, "PERSON")
            if ent.type == "PERSON" or lemma not in PERSON_NOUNS - ROLE_NOUNS:  # "Texas teen says": not Texas
                return Speaker(ent.canonical, left, right, ent.type)
        owned = possessor(self, subj, lemma, left, right)
        if owned is not None:
            return owned
        words = self.text[left:right]
        if (subj.pos_ == "PROPN" or _CAMEL.fullmatch(subj.text)) and len(words) <= 80 and written_as_name(words):  # a name NER missed ("LifeSiteNews", tagged a plural noun)
            bare = re.sub(r"^(?:the|The|THE)\s+", "", words)
            return Speaker(bare, left + len(words) - len(bare), right)
        return self._unnamed(left, right, plural, person_noun(subj))

    def _author(self, message, types: tuple[str, ...]) -> Entity | None:
        """The author after "from"/"by" of a message ("a letter from ICE")."""
        found = (self.index.child_entity(p, "pobj", types) for p in author_preps(message))
        return next((e for e in found if e is not None), None)

    def _title_holder(self, ent: Entity, pos: int) -> Entity | None:
        """An "entity" that is only a title ("Attorney General", found as "the AG") is the
        person the article gives that title to ("Attorney General Jeff Sessions")."""
        initials = ent.canonical.lower()
        words = TITLE_INITIALS.get(initials, initials).split()  # "the IG": the article's "Inspector General X"
        if not words or words[-1] not in ROLE_NOUNS or any(w not in ROLE_NOUNS and w not in ("of", "the", "prime", "district") for w in words):
            return None
        return self.index.role(words[-1], pos) or (self.index.role(initials, pos) if initials in TITLE_INITIALS else None)

    def _titled(self, subj, org: str) -> Entity | None:
        """A definite singular role ("the WHO chief") is the person the article titles with
        that organisation, if any; a definite singular noun for a person that is no role
        ("the failed Netflix talk show host") is the last person named (:mod:`.coref`)."""
        lemma = subj.lemma_.lower()
        if subj.tag_ != "NN" or not definite(subj):
            return None
        if lemma in ROLE_NOUNS:
            return self.index.titled_by(org, subj.idx)
        return self.coref.last("PERSON", subj.idx) if lemma in PERSON_NOUNS else None

    def _lede(self, subj, left: int, right: int, plural: bool) -> Speaker | None:
        """The news lede's "A senior leader of the movement has urged ..." names its source in
        the next sentences ("Nasr al-Shammari, the spokesman of the group, said ..."): a
        singular role description in the first two sentences takes the first person given a
        role within 600 characters after its sentence. The lede is the first two non-empty lines
        (the title and the first paragraph, or the first two paragraphs)."""
        if plural or subj.lemma_.lower() not in ROLE_NOUNS or subj.idx >= self.lede_end:
            return None
        ahead = self.index.next_role(right, self.sentences.of(subj).end_char + 600)
        return Speaker(ahead.canonical, left, right, "PERSON") if ahead is not None else None

    def _unnamed(self, left: int, right: int, plural: bool, person: bool = True) -> Speaker:
        return Speaker(None, left, right, unnamed=True, plural=plural, words=self.text[left:right], person=person)

    def pronoun(self, subj, low: str) -> Speaker:
        """He/she: the last person-like source, else the last person named; it: the last
        group-like source, they: the last plural one (no one when it was one organisation),
        else an organisation named in the last _GROUP_REACH characters."""
        at = (subj.idx, subj.idx + len(subj))
        if low in _PERSON_PRONOUNS:
            want = pronoun_gender(low)
            before = previous_subject(self, subj, want) or main_subject(self, subj, want)
            if before is not None:
                return Speaker(before.canonical, *at, "PERSON")
            for sp in reversed(self.persons[-8:]):  # the latest source that may be "she"
                if sp.name is None or self.gender.get(sp.name, want) == want:
                    since = known_since(self, sp, subj.idx, want) if sp.name not in self.gender else None
                    return Speaker(since.canonical, *at, "PERSON") if since else replace(sp, start=at[0], end=at[1])
            hit = self.index.narrated_before(subj.idx, ("PERSON",), self.in_marks)
            while hit and self.gender.get(hit[2].canonical, want) != want:
                hit = self.index.narrated_before(hit[0], ("PERSON",), self.in_marks)
            if hit:
                return Speaker(hit[2].canonical, *at, "PERSON")
        elif low in _GROUP_PRONOUNS:
            last = self.last_group  # "they" after one organisation quoted is rarely it (its staff, its readers)
            if last is not None:
                return replace(last, start=at[0], end=at[1]) if low != "they" or last.plural or last.etype == "NORP" else Speaker(None, *at)
            hit = self.index.narrated_before(subj.idx, ("ORG",), self.in_marks)
            if hit and subj.idx - hit[0] < _GROUP_REACH:  # not the last place named
                return Speaker(hit[2].canonical, *at, hit[2].type)
        return Speaker(None, *at)

    def _by_role(self, subj, lemma: str, plural: bool, left: int, right: int) -> Speaker | None:
        """"The spokesman": the person given that role; "the officials": the last group."""
        if plural:
            definite = any(c.dep_ in ("det", "poss") for c in subj.children)
            last = self.last_group
            if last is not None and (definite or (not last.unnamed and self._same_role(last, subj))):
                return replace(last, start=left, end=right)  # "ICE officials said ... officials said"
            return None  # bare "officials", "prosecutors said": unnamed, in their own words
        person = self.index.role(lemma, subj.idx)
        if person is not None:
            return Speaker(person.canonical, left, right, "PERSON")
        last = self.last_person
        roles = self.index.roles_of(last.name) if last is not None and last.name else set()
        owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "for") for c in subj.children)
        if last is not None and (last.name is None or may_be(lemma, roles)) and not (owned and lemma not in roles):
            return replace(last, start=left, end=right)  # not "their lawyer said" after the client
        ahead = self.index.next_role(subj.idx, self.sentences.of(subj).end_char + 600)
        if ahead is not None:
            return Speaker(ahead.canonical, left, right, "PERSON")
        return None

    def _same_role(self, group: Speaker, subj) -> bool:
        """The group was named with the same role noun ("ICE officials" then "officials")."""
        if group.start is None or group.end is None:
            return False
        return subj.lower_ in self.text[group.start : group.end].lower().split()

    def _named_by_head(self, subj) -> Entity | None:
        """"The coroner" -> "Clark County Coroner"; a bare "police say" names no one."""
        if subj.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") for c in subj.children):
            return None
        return self.index.named_by_last_word({subj.lemma_.lower(), subj.lower_}, subj.idx)
