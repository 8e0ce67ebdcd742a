"""The person or organisation named inside a speaker's phrase (a step of :mod:`.speakers`):
"a claim made by Scott Perry", "a report by Fox News", "a woman named Amy Alexandar" name
their source; "the embassy in China", "a Trump adviser", "a man who claims he served
Stephen Paddock" do not."""

from __future__ import annotations

from ...model import Entity
from .genders import PERSON_NOUNS
from .index import EntityIndex
from .roles import ROLE_NOUNS
from .sources import SPEECH_VERBS
from .subjects import MESSAGE_NOUNS, path_up

# participles that give a person noun its name: "a woman named Amy Alexandar"
_NAMING = frozenset({"name", "call", "identify", "dub"})


def inner_entity(index: EntityIndex, subj) -> Entity | None:
    """A person/organisation named inside the subject phrase, not behind a preposition
    other than "of"/"by" ("the embassy in China" is not China speaking; a message
    "from" someone is theirs, a message "in" an organisation is that organisation's); a
    name under a role noun counts only as an organisation ("an ICE official")."""
    title = _title_before_name(index, subj)
    if title is not None:
        return title
    inner = []
    # "a report from RT" is RT's, "the embassy in China" is no one's; "a report in BuzzFeed
    # News" is the outlet's (an organisation only: "a report in Iraq" is not Iraq's)
    message = subj.lemma_.lower() in MESSAGE_NOUNS
    through = ("of", "by", "from", "in") if message else ("of", "by")
    org_only: set[int] = set()
    role = subj.pos_ == "NOUN" and (subj.lemma_.lower() in ROLE_NOUNS or subj.lemma_.lower() in PERSON_NOUNS)
    for t in subj.subtree:
        if t.i == subj.i or t.dep_ in ("relcl", "acl", "poss") or t.head.dep_ == "poss":
            continue
        if (role or subj.lemma_.lower() == "administration") and t.head.i == subj.i and t.dep_ == "compound" and index.person_at(t) is not None:
            continue  # "another Ford attorney", "a Trump adviser", "the Trump administration": not Ford, not Trump
        if any(a.dep_ == "relcl" or (a.dep_ == "acl" and ((role and a.lemma_.lower() not in _NAMING) or a.lemma_.lower() in SPEECH_VERBS)) for a in path_up(t, subj)):
            continue  # "a man who claims he served Stephen Paddock", "a message asking a Palm Beach voter",
            # "the president, flanked by prime minister Leo Varadkar,": none of them speaks ("a woman
            # named Amy Alexandar" does)
        node, ok = t, True
        while node.i != subj.i:
            if node.dep_ == "pobj" and node.head.lower_ not in through:
                ok = False
                break
            if node.dep_ == "pobj" and node.head.lower_ == "in":
                org_only.add(t.i)
            if node.i != t.i and node.pos_ == "NOUN" and (node.lemma_.lower() in ROLE_NOUNS or node.lemma_.lower() in PERSON_NOUNS):
                org_only.add(t.i)  # "an email from a US government official": an official, not the US
            node = node.head
        if ok:
            inner.append(t)
    for wanted in ("PERSON", "ORG", "NORP", "GPE"):
        for t in inner:
            cand = index.at(t.idx, t.idx + len(t))
            if cand is not None and cand.type == wanted and (wanted == "ORG" or t.i not in org_only):
                return cand
    return None


def _title_before_name(index: EntityIndex, subj) -> Entity | None:
    """"US Ambassador to the UN Nikki Haley": a capitalised title whose "to"/"of" phrase ends
    in a person's name is that person (not "an adviser to President Trump")."""
    opening = subj.is_sent_start and not any(c.dep_ == "compound" for c in subj.children)  # "Ambassador to ...": maybe not a title
    if subj.pos_ != "PROPN" or subj.lemma_.lower() not in ROLE_NOUNS or opening:
        return None
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("to", "of")):
        name = next((c for c in prep.children if c.dep_ == "pobj"), None)
        person = index.person_at(name) if name is not None else None
        if name is None or person is None:
            continue
        first = min((t for t in name.subtree if index.person_at(t) is person), key=lambda t: t.i)
        if first.i > 0 and first.nbor(-1).dep_ != "det":
            return person  # "to the UN Nikki Haley", not "to the Nikki Haley ..."
    return None


def titled_person(index: EntityIndex, text: str, title: str) -> Entity | None:
    """The person the article names right after the title ``title`` ("Pope Francis" for a
    source named only "Pope"): the one so named, or the one so named at least twice as often as
    any other ("Pope Francis" five times, "Pope Benedict" once); else None."""
    counts: dict[str, int] = {}
    ents: dict[str, Entity] = {}
    for _s, _e, ent in index.mentions:
        if ent.type != "PERSON" or ent.canonical in ents:
            continue
        ents[ent.canonical] = ent
        counts[ent.canonical] = sum(text[max(0, m.start - len(title) - 1) : m.start].lower() == title.lower() + " " for m in ent.mentions)
    ranked = sorted((n for n in counts.values() if n), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return next(ents[c] for c, n in counts.items() if n == ranked[0])
