"""Who a speech cue's source is (a step of the ``quotes`` analyzer, for :mod:`.cues`): the
subject of a speech verb, with the parser's usual slips repaired, the source of a speech
noun ("complaints from X that ..."), and when "according to X" only relays a statement.
"""

from __future__ import annotations

from .roles import ROLE_NOUNS
from .subjects import ISSUE_VERBS, MESSAGE_NOUNS, person_noun, subject

SPEECH_VERBS = frozenset(
    ["say", "tell", "state", "declare", "assert", "add", "claim", "warn", "stress", "note", "explain", "insist", "argue", "write", "announce", "emphasize", "emphasise", "maintain", "reiterate", "deny", "reply", "respond", "tweet", "post", "admit", "acknowledge", "complain", "suggest", "predict", "vow", "pledge", "threaten", "allege", "contend", "testify", "affirm", "confirm", "report", "urge", "ask", "demand", "underline", "underscore", "remark", "comment", "accuse", "charge", "conclude", "recall", "disclose", "reveal", "indicate", "describe", "call", "continue", "quip", "joke", "observe", "propose", "recommend", "advise", "announce", "lament", "proclaim", "boast", "concede", "caution", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "praise", "hail", "dismiss", "question", "voice", "express", "estimate", "hint", "encourage", "invite", "implore", "detail", "shout", "scream", "yell", "chant", "whine", "brag", "rant", "gush", "muse", "scoff", "fume", "retort", "counter", "opine", "assure", "inform", "mention", "decry", "bemoan", "speculate", "theorize", "promise", "swear", "point", "repeat", "order", "characterize", "characterise", "label", "term", "dub", "brand"]
)
# verbs that ask someone to act ("encouraged the crowd to vote"), read as statements only when
# a person or a name does the asking
_ASKING = frozenset({"encourage", "invite", "implore"})
_NOT_DONE = frozenset({"to", "would", "could", "might", "may", "will", "can", "should"})
# speech verbs that, as a trailing participle, mean an inference, not a statement
_INFERENCE = frozenset({"suggest", "indicate", "confirm", "reveal", "underscore", "underline"})

CLOSING = frozenset({'"', "\u201d", "'", "\u2019"})


def relative_pronoun(tok) -> bool:
    """"who", "which" or "that" opening a relative clause; "WHO" is the World Health Organization."""
    return tok.lower_ in ("who", "which", "that") and tok.text != "WHO"


def has_that(clause) -> bool:
    """The clause opens with "that"."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def noun_that(noun):
    """The "that"-clause of a speech noun, if any."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i and has_that(c)), None)


def relays(according, in_marks: list[bool]) -> bool:
    """"X said Y, according to Z": Z relays X's statement, it makes none of its own (a
    speech verb outside the marks before "according" in the same sentence)."""
    doc, k = according.doc, according.i - 1
    while k >= 0 and not doc[k + 1].is_sent_start:
        t = doc[k]
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS and not in_marks[t.idx] and t.dep_ not in ("amod", "compound"):
            return True
        k -= 1
    return False


def asked(tok):
    """The person asked a yes/no or wh- question ("asked Clinton if he had apologized")."""
    if tok.lemma_.lower() != "ask":
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    question = any(
        m.lower_ in ("if", "whether") or m.tag_ in ("WDT", "WP", "WRB")
        for c in tok.children if c.dep_ in ("ccomp", "advcl")
        for m in c.children if m.dep_ in ("mark", "advmod", "nsubj", "dobj")
    )
    return obj if question and obj is not None and obj.pos_ == "PROPN" else None


def speaks(tok) -> bool:
    """Not a speech verb used for something else: a verb with an object and no clause
    ("he concluded his investigations", "called the meeting") tells nothing later
    pronouns should refer to as the latest speaker."""
    deps = {c.dep_ for c in tok.children}
    if "dobj" not in deps or bool(deps & {"ccomp", "xcomp", "oprd"}) or tok.lemma_.lower() in ("say", "tell"):
        return True
    # "detailed the fact that ...", "voiced alarm that ...": the object holds what is said
    return any(noun_that(c) is not None for c in tok.children if c.dep_ == "dobj")


def _verb(tok) -> bool:
    """A verb, or a noun the parser gave a subject and a clause's place ("As The Daily Mail
    notes, it is ...": "notes" tagged a noun)."""
    return tok.pos_ in ("VERB", "AUX") or (
        tok.pos_ == "NOUN" and tok.dep_ in ("advcl", "ROOT", "ccomp") and any(c.dep_ == "nsubj" for c in tok.children)
    )


def cue_subject(tok, in_marks: list[bool]):
    """The subject of ``tok`` when ``tok`` is a speech verb outside the marks, else None."""
    if in_marks[tok.idx] or not (
        _message_reads(tok) or made_clear(tok) is not None or (_verb(tok) and tok.lemma_.lower() in SPEECH_VERBS) or _finding(tok)
    ):
        return None
    if tok.dep_ in ("amod", "det", "compound", "nmod"):
        return None  # "said terrorists"
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.lemma_.lower() in _INFERENCE and not _speaks_in_words(tok.head):
        return None  # "He ordered two Pepsis, suggesting that ...": the facts suggest ("she said ..., suggesting that" says)
    subj = inverted_aside(tok) or _apposed_before(tok) or subject(_outer_conjunct(tok) or tok)
    verb_of = subj.head if subj is not None else tok  # the verb it is the subject of (a conjunct shares it)
    if subj is not None and subj.i > verb_of.i and verb_of.lemma_.lower() in _NOT_INVERTED:
        subj = _clause_subject_before(verb_of)  # “satanic,” praised Hitler as ...: the parse's "said X"
    if subj is None:
        subj = _inverted_subject(tok) or _apposed(tok, None)
    if subj is None or in_marks[subj.idx]:
        return None
    if relative_pronoun(subj) and subj.head.dep_ == "relcl":
        subj = subj.head.head if subj.lower_ == "who" else _message_source(subj.head.head)
        if subj is None:
            return None
        later = [c for c in subj.children if c.dep_ == "conj" and c.i < verb_of.i]
        subj = _apposition_owner(later[-1] if later else subj)  # "X and Tom Perez, chairman ..., who urged": Perez
    elif subj.lower_ in ("that", "which"):
        return None
    if subj.lower_ in ("i", "we", "you", "one") or _editorial_note(tok, subj):
        return None
    if tok.lemma_.lower() in _ASKING | {"make"} and not _made_by_someone(tok, subj):  # "make" passed only as "made it clear"
        return None
    owner = subj.head if subj.dep_ in ("nsubj", "nsubjpass") else tok  # "X, the leader, confirmed ... but denied ..."
    return _apposed(tok, subj) or (_apposed(owner, subj) if owner.i != tok.i else None) or subj


# what an editor's bracketed note says was added to a quotation: "[emphasis added]", "(paragraph breaks added)"
_EDITS = frozenset({"emphasis", "break", "italic", "italics", "bold", "bracket", "link", "underline", "underlining", "highlight", "capital", "caps", "note", "translation"})


def _editorial_note(tok, subj) -> bool:
    """True for "[emphasis added]": an editor marking a quotation, not a speaker adding words."""
    return tok.lemma_.lower() == "add" and subj.lemma_.lower() in _EDITS


# speech verbs a subject never follows (“…,” said X; never “…,” praised X): a subject after
# one is the parse reading a list with a quotation before the verb
_NOT_INVERTED = frozenset({"praise", "denounce", "slam", "blast", "criticize", "criticise", "condemn", "accuse", "charge", "call", "describe", "dismiss", "hail", "question", "urge", "demand", "decry", "bemoan", "voice", "express", "invite", "encourage", "implore"})


def _apposition_owner(noun):
    """The name an apposition describes, when ``noun`` ends it: "Tom Perez, chairman of the
    DNC, who urged ..." and "Peter Daou, a strategist and former adviser to Hillary Clinton and
    John Kerry, who wrote ...": the one described, not the last name of the description."""
    t = noun
    for _ in range(6):
        if t.dep_ == "appos" and t.head.pos_ == "PROPN":
            return t.head
        if t.dep_ not in ("pobj", "prep", "conj", "compound", "appos") or t.head.i == t.i:
            return noun
        t = t.head
    return noun


def _apposed_before(verb):
    """"after Ms. Feinstein, ranking Democrat on the committee, said she ...": the parser made
    "said" a conjunct of the main verb; the name before the apposition between commas that
    ends right before the verb is its subject."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.i < 4 or doc[verb.i - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    t = doc[verb.i - 2]
    while t.dep_ != "appos" and t.head.i < t.i:
        t = t.head
    name = t.head
    if t.dep_ != "appos" or name.pos_ != "PROPN" or name.i >= t.i or t.right_edge.i != verb.i - 2:
        return None
    return name if name.dep_ == "pobj" and doc[t.left_edge.i - 1].text == "," else None


def _clause_subject_before(verb):
    """The subject of the clause the parser hung before ``verb`` ("Farrakhan has denounced
    Jews as “satanic,” praised ..."): the one who does both."""
    before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    return next((g for c in before for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)


# verbs that report a statement only with a "that"-clause: "the judge found that ...", "the
# court ruled that ..." (not "found the boy", "ruled the country")
_FINDINGS = frozenset({"find", "rule", "determine", "hypothesize", "hypothesise"})


def _finding(verb) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _FINDINGS and any(c.dep_ == "ccomp" and c.i > verb.i and has_that(c) for c in verb.children)


def _speaks_in_words(verb) -> bool:
    """A speech verb, "ordered" only with a clause ("ordered them to leave", not "ordered two sodas")."""
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_VERBS and (lemma != "order" or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children))


def _made_by_someone(verb, subj) -> bool:
    """A person or a name makes it clear or asks ("Islam's core beliefs make it clear that
    ...", "the packet instructed ..." say nothing), and a request is made, not meant ("to
    encourage them to fix the ballots", "would encourage ...", "by inviting ...")."""
    if not (subj.pos_ in ("PROPN", "PRON") or person_noun(subj)):
        return False
    if verb.lemma_.lower() not in _ASKING:
        return True
    if verb.dep_ in ("pcomp", "acl") or (verb.dep_ == "advcl" and subj.head.i != verb.i):
        return False
    return not any(a.dep_ == "aux" and a.lower_ in _NOT_DONE for a in verb.children)


def made_clear(verb):
    """The "that"-clause of "made (it) clear that ...", wherever the parser hung it (on
    "made" or on "clear"), else None."""
    if verb.lemma_.lower() != "make" or verb.pos_ != "VERB":
        return None
    clear = next((c for c in verb.children if c.lower_ in ("clear", "plain") and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")), None)
    if clear is None:
        return None
    near = [c for c in verb.children if c.dep_ == "ccomp" and c.i > clear.i] + [c for c in clear.children if c.dep_ in ("ccomp", "advcl")]
    return next((c for c in near if has_that(c)), None)


def _message_reads(verb) -> bool:
    """"the statement read": "read" says what a message says (not "he read the book"; the
    parser may tag this "read" as a noun)."""
    if verb.lower_ not in ("read", "reads"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in MESSAGE_NOUNS


def _outer_conjunct(verb):
    """"X confirmed that the group is eyeing the cities but denied that ...": the parser
    joined "denied" to the reported clause's verb; a speech verb in the tense of the cue
    whose clause it ends, with a clause of its own, is that cue's second verb, and shares
    its subject."""
    head = verb.head
    if verb.dep_ != "conj" or head.lemma_.lower() in SPEECH_VERBS or head.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "said that Democrats don't believe her and threatened to isolate her": theirs
    cue = head.head
    return cue if cue.lemma_.lower() in SPEECH_VERBS and verb.tag_ == cue.tag_ != head.tag_ else None


def _apposed(verb, subj):
    """"Christine South, head of IFRC's (…) emergency operations, said": the parser took a
    word of the apposition for the subject, or found none; the person named before it speaks. The
    apposition lies between two commas right before the verb, holds a role noun and no verb,
    and follows a person's name."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    k = verb.i - 2
    while k > 0 and verb.i - k < 20 and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", "!", "?") or "\n" in doc[k].text:
            return None  # (a sentence start the parser put at a parenthesis is no end)
        k -= 1
    if k < 1 or doc[k].text != "," or not (subj is None or k < subj.i < verb.i) or doc[k - 1].ent_type_ != "PERSON":
        return None
    return doc[k - 1] if any(t.lemma_.lower() in ROLE_NOUNS for t in doc[k + 1 : verb.i - 1]) else None


# speech verbs that may come before their subject in an aside (", said the cardinal,")
_ASIDE_VERBS = frozenset({"say", "explain", "add", "note", "insist", "argue", "write", "continue", "stress", "claim", "assert", "declare", "observe", "remark", "warn", "recall", "conclude", "emphasize", "emphasise", "reply", "respond"})


def inverted_aside(tok):
    """The subject of an aside with the verb first, between commas inside a sentence
    ("Contradictory conceptions, said the cardinal, lead into chaos"; "Thus, explained
    the cardinal, the Sacraments ..."): the noun after the verb; the aside reports its
    whole sentence."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != "," or tok.lemma_.lower() not in _ASIDE_VERBS or tok.tag_ not in ("VBD", "VBZ"):
        return None
    noun = next((c for c in tok.children if c.dep_ in ("dobj", "nsubj") and c.i > tok.i), None)
    if noun is None or noun.left_edge.i != tok.i + 1 or noun.right_edge.i + 1 >= len(doc):
        return None
    if not (noun.pos_ == "PROPN" or noun.lemma_.lower() in ROLE_NOUNS or person_noun(noun)):
        return None  # "Mr Salama, the WHO's deputy, said Mbandaka's location, widely used, ..."
    after = doc[noun.right_edge.i + 1]
    return noun if after.text == "," and not after.is_sent_end else None


def _inverted_subject(tok):
    """“…,” said WHO specialist Dr. Sylvie Brand: after a closing quotation, a cue the
    parser left without a subject takes the first person named in the next 12 tokens of
    its sentence."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text not in CLOSING:
        return None
    for t in doc[tok.i + 1 : min(len(doc), tok.i + 13)]:
        if t.is_sent_start or t.text in CLOSING or t.text in ("\u201c", "\u2018"):
            return None
        if t.ent_type_ == "PERSON":
            return t
    return None


def _message_source(noun):
    """Who speaks in "<message>, which said ...": the issuer of "X issued a statement which
    said", the author of "a press release tweeted by X, which noted" (the parser hangs the
    clause on X); None for "evidence that suggested ..."."""
    if noun.lemma_.lower() in MESSAGE_NOUNS:
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ISSUE_VERBS:
            return subject(noun.head)
        return noun
    by = noun.head if noun.dep_ == "pobj" else None
    if by is not None and by.lower_ == "by" and noun.pos_ == "PROPN":
        owner = by.head.head if by.head.dep_ == "acl" else by.head
        if owner.lemma_.lower() in MESSAGE_NOUNS:
            return noun
    return None
