"""The source phrase of a speech cue (:mod:`.speakers`, :mod:`.cues`): the cue's subject
through "went on to declare"-style chains, and what kind of phrase it is (indefinite, a noun
for a person), plus where the news lede ends.
"""

from __future__ import annotations

from .genders import PERSON_NOUNS
from .roles import ROLE_NOUNS

# court papers speak for whoever filed them: "CNN's suit says", "the complaint alleges"
LEGAL_NOUNS = frozenset({"lawsuit", "suit", "complaint", "petition", "motion"})
MESSAGE_NOUNS = frozenset({
    "statement", "letter", "tweet", "post", "release", "communique", "message", "report", "note", "website", "study", "survey", "poll",
    "article", "story", "summary", "profile", "editorial", "column", "memo", "email", "document", "announcement", "bulletin", "notice",
    "alert", "notification", "transcript", "plan", "testimony",
}) | LEGAL_NOUNS
# verbs whose subject is the author of the message they take: "issued a statement saying"
ISSUE_VERBS = frozenset({"issue", "release", "send", "post", "publish", "put", "tweet", "write", "make", "give", "deliver", "sign", "file", "share"})
# verbs that make their object do the act of their infinitive: "prompted Schiff to accuse"
_CAUSING = frozenset({"prompt", "force", "lead", "cause", "convince", "persuade", "compel", "push", "pressure", "spur", "drive", "inspire", "get"})
# determiners of a source that names no one: "a senior official", "one organizer", "some locals"
INDEFINITE = frozenset(
    ["a", "an", "another", "one", "some", "several", "many", "few", "other", "various", "numerous", "multiple", "certain", "two", "three", "four", "five", "dozens", "hundreds"]
)


def path_up(tok, top):
    """The tokens from ``tok`` up to (not including) its ancestor ``top``."""
    while tok.i != top.i and tok.head.i != tok.i:
        yield tok
        tok = tok.head


def lede_end(text: str) -> int:
    """The offset where the second non-empty line ends."""
    seen, pos = 0, 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            seen += 1
            if seen == 2:
                return end
        pos = end + 1
    return len(text)


# nouns and titles for a person, as words glued before a name ("Philadelphia Archbishop X") or
# as a headline's source ("Texas Mom:"); person_noun is the parsed-token test
PERSONISH = ROLE_NOUNS | PERSON_NOUNS | {"bishop", "archbishop", "cardinal", "cop", "sheriff", "detective", "nominee"}


def person_noun(subj) -> bool:
    """A description headed by a noun for a person ("a senior official", "one witness")."""
    lemma = subj.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma in PERSON_NOUNS


def definite(subj) -> bool:
    """A description with "the", "this" or "that": "the statement", "this spokesman"."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children)


def indefinite(subj) -> bool:
    """An indefinite description: "a senior official", "one organizer", "two witnesses"."""
    return any(
        (c.dep_ == "det" and c.lower_ in INDEFINITE) or c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in ("several", "many", "some"))
        for c in subj.children
    )


def author_preps(message) -> list:
    """The "from"/"by" prepositions after a message noun that name its author ("a letter from
    ICE", "a study conducted by X" keeps its own agent); none for other nouns."""
    if message.lemma_.lower() not in MESSAGE_NOUNS:
        return []
    preps = [c for c in message.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > message.i]
    for acl in (c for c in message.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _AUTHORING):
        preps += [a for a in acl.children if a.dep_ == "agent"]  # "The plan, authored by the Security Studies Group"
    return preps


# participles naming a message's author by "by": "a memo written by X", "the report released by X"
_AUTHORING = frozenset({"author", "write", "release", "issue", "prepare", "publish", "send", "sign", "draft", "produce", "compile"})


def _past_split_word(subjects: list):
    """The first of a verb's subjects, unless the parser split a hyphenated noun and took its
    prefix for one ("The co | - | author of the letter, Thomas Goldstein, said"): then the name
    it also made a subject."""
    first = subjects[0]
    split = first.i + 1 < len(first.doc) and first.doc[first.i + 1].text == "-"
    names = [c for c in subjects[1:] if c.pos_ == "PROPN"]
    return names[-1] if split and names else first


def _participle_subject(verb):
    """"Investigators looking into the fire said ...", "Officials speaking on condition of
    anonymity said ...": the parser makes the participle the verb's clausal subject; the noun
    before the participle is who speaks."""
    csubj = next((c for c in verb.children if c.dep_ == "csubj" and c.tag_ == "VBG"), None)
    return next((g for g in csubj.children if g.dep_ == "nsubj" and g.i < csubj.i), None) if csubj is not None else None


# passives whose subject is the speaker: "he was quoted as saying", "she was heard shouting"
SPEAKER_PASSIVE = frozenset({"quote", "hear", "record", "cite", "film", "overhear", "report", "say", "see"})


def subject(verb):
    """The subject of a cue verb, climbing "went on to declare"-style chains."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is not None:
        return by  # "were urged by the World Health Organisation to ...": the agent speaks
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].dep_ == "nsubjpass" and tok.i == verb.i and (subjects[0].lower_ == "it" or tok.lemma_.lower() not in SPEAKER_PASSIVE):
            return None  # "Jews are described as ...": the passive's subject is what is spoken of
        if subjects and subjects[0].lower_ == "it" and tok.i != verb.i and tok.lemma_.lower() in ("be", "go"):
            return None  # "it is safe to say that", "it goes without saying": no one says it
        if subjects:
            return _past_split_word(subjects)
        held = _participle_subject(tok)
        if held is not None:
            return held
        if tok.dep_ == "xcomp" and tok.head.i != tok.i:
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None and tok.head.lemma_.lower() in _CAUSING:
                return obj  # "the tweets prompted Schiff to accuse ...": Schiff accuses
            tok = tok.head
        elif tok.dep_ in ("advcl", "conj", "ccomp") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "acl" and author_preps(tok.head):
            return tok.head  # "despite a letter from ICE saying ...": the letter speaks for ICE
        elif tok.dep_ == "acl" and tok.head.lemma_.lower() in MESSAGE_NOUNS and tok.head.head.pos_ in ("VERB", "AUX"):
            if tok.head.head.lemma_.lower() not in ISSUE_VERBS:
                return tok.head  # "got a message saying ...": the message, not whoever got it
            tok = tok.head.head  # "issued a statement saying ...": whoever issued it
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "said after concluding that ...", "responded by saying ..."
        else:
            break
    return None


# nouns by which an article refers back to a news outlet it named ("the paper noted")
MEDIA = frozenset({"paper", "newspaper", "outlet", "network", "broadcaster", "magazine", "tabloid", "publication"})
# nouns for an organisation the article names in front of them ("the Rumble bar", "the
# Whataburger chain")
BODIES = MEDIA | frozenset({"company", "firm", "group", "organization", "organisation", "chain", "restaurant", "bar", "charity", "campaign", "website", "site"})


def written_name(subj) -> str | None:
    """The proper name written before a message or organisation noun when no entity was found
    there: the owner of "J Street's statement", the compound of "the Rumble bar"."""
    owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    words = [t for t in owner.subtree if t.tag_ != "POS"] if owner is not None else [
        c for c in subj.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < subj.i
    ]
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    doc = subj.doc
    return doc[words[0].i : words[-1].i + 1].text
