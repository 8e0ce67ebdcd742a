"""Speech cues (the second step of the ``quotes`` analyzer): speech verbs and "according to".

- A **cue** is a speech verb ("say", "assert", "declare", "urge"…) outside the quoted
  words, or "according to X" (or a view opening a sentence, "In his view, ...":
  :mod:`.according`). Its speaker is the verb's grammatical subject (or X),
  resolved by :class:`~.speakers.Resolver`.
- The **reported clause** of a cue is what it introduces without marks: the clausal
  complement ("said (that) …"), the object and infinitive of "urged X to …", the rest
  of the sentence around "according to X", or the whole sentence for a parenthetical
  cue ("The first lesson, he asserted, is …"); a clause the parser cut in two ("say | the
  water tested so far | is not safe") is one.
- Cues the parser split off from their quotation are found by :mod:`.neighbours`.
"""

from __future__ import annotations

from typing import Any

from .according import ACCORDING, according_clause, according_to
from .adverbials import adverbial
from .clauses import OBJECT_CUES, act_clause, closing_clause, misparsed_clause, object_clause, span_of, split_in_two
from .positions import Sentences
from .sources import (
    CLOSING,
    SPEECH_VERBS,
    asked,
    cue_subject,
    has_that,
    inverted_aside,
    made_clear,
    noun_that,
    relays,
    speaks,
)
from .speaker import Speaker
from .speakers import Resolver
from .speech_nouns import SPEECH_NOUNS, issued_statement, noun_source
from .subjects import SPEAKER_PASSIVE, subject

# cues whose complement may be an infinitive: "urged the forces to leave", "called on X to ..."
_XCOMP_CUES = frozenset({"urge", "order", "ask", "call", "demand", "warn", "advise", "tell", "pledge", "vow", "threaten", "encourage", "invite", "implore"})
# cues whose reported speech may be an act: "admitted to firing", "denied knowing", "called for X"
_ACTS = frozenset({"admit", "confess", "claim", "deny", "call"})
# speech verbs whose quotation may be a name-like cry ("shouting “Allahu Akbar”")
SHOUTS = frozenset({"shout", "scream", "yell", "chant"})
#: (cue token, its resolved speaker, the cue's text: the verb or "according to")
Cue = tuple[Any, Speaker, str]


def find_cues(doc, in_marks: list[bool], resolver: Resolver) -> list[Cue]:
    """The cues of a document in text order, each with its resolved speaker (the resolver
    remembers each speaker, so later pronouns can refer to it)."""
    cues: list[Cue] = []
    according = {tok.i: obj for tok, obj in according_to(doc)}
    for tok in doc:
        if tok.i in according:
            if relays(tok, in_marks):
                continue
            source, label = according[tok.i], ACCORDING
        elif issued_statement(tok, in_marks):
            source, label = subject(tok.head), tok.text  # "X issued a statement." then “...” in the next paragraph
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
            source, label = noun_source(tok, in_marks), tok.text
            if source is None and not in_marks[tok.idx] and noun_that(tok) is not None:
                cues.append((tok, Speaker(None, None, None), label))  # "reports that ...": no one named says it
                continue
        else:
            source, label = cue_subject(tok, in_marks), tok.text
        if source is None and passive_speech(tok) and not in_marks[tok.idx]:
            cues.append((tok, Speaker(None, None, None), label))  # "Jews are described as “...”": no one named says it
            continue
        if source is None and tok.lemma_.lower() in SHOUTS and tok.pos_ == "VERB" and not in_marks[tok.idx]:
            cues.append((tok, Speaker(None, None, None), label))  # "was beaten while shouting “...”": words no one named said
            continue
        if source is None:
            continue
        sp = resolver.resolve(source)
        if label == ACCORDING or speaks(tok):
            resolver.remember(sp)
        cues.append((tok, sp, label))
        addressee = asked(tok)
        if addressee is not None:  # "Melvin asked Clinton if ...": the next "he said" is the answer
            resolver.remember(resolver.resolve(addressee))
    return cues


def _infinitive(tok) -> list:
    """The cue's infinitive clause ("urged the forces to leave"), with the addressee of
    "called on Congress to correct ..." in front; also the parser's adverbial "to"-clause
    when an addressee precedes it (not a purpose: "called a meeting to discuss ..." has no "on")."""
    on = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")]
    pobjs = [g for c in on for g in c.children if g.dep_ == "pobj"]
    xcomp = [c for c in tok.children if c.dep_ == "xcomp"]
    if xcomp:
        return pobjs[:1] + xcomp if pobjs and pobjs[0].i < xcomp[-1].i else xcomp
    addressees = pobjs + [c for c in tok.children if c.dep_ == "dobj" and (on or tok.lemma_.lower() != "call")]
    clauses = [
        c for c in tok.children
        if c.dep_ == "advcl" and c.i > tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    if clauses and any(m.dep_ == "mark" and m.lower_ == "for" for m in clauses[0].children):
        return [clauses[0]]  # "calls for the visit to be cancelled"
    return [addressees[0], clauses[0]] if addressees and clauses and addressees[0].i < clauses[0].i else []


def reported_clauses(tok, label: str, sentences: Sentences) -> list[tuple[int, int]]:
    """Characters of the clauses a cue introduces without marks (none, one, or one per
    coordinated "that"-clause: "said that X, and that Y" is two statements)."""
    if label == ACCORDING:
        return according_clause(tok, sentences)
    if tok.pos_ == "NOUN" and not any(c.dep_ == "nsubj" for c in tok.children):  # a speech noun's "that"-clause
        clause = noun_that(tok)
        return _coordinated(clause) if clause is not None else []
    fixed = _negated_or_aside(tok, sentences)
    if fixed is not None:
        return fixed
    clear = made_clear(tok)
    if clear is not None:
        return _coordinated(clear)  # "Francis made it clear that .."
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if tok.i > 0 and tok.doc[tok.i - 1].text in CLOSING and not any(c.dep_ == "nsubj" and c.i < tok.i - 1 for c in tok.children):
        comps = [c for c in comps if c.i < tok.i]  # “…,” said X: not a clause misparsed after it (but X, who wrote “…,” said that ...)
    lemma = tok.lemma_.lower()
    if not comps:
        found = _without_clause(tok, lemma)
        if found is not None:
            return found
        comps = _stance_clause(tok) or misparsed_clause(tok)
    if comps:
        # the clause after the verb ("reported that ...") over one the parser hung before it
        later = [c for c in comps if c.i > tok.i]
        comp = later[0] if later else comps[-1]
        if not later and _continues_after(tok, comp):
            sent = sentences.of(tok)  # "Paddock shot the guard, Lombardo said, shortly before ...": the sentence
            return [(sent.start_char, sent.end_char)]
        if comp.left_edge.lower_ in _TOPIC_WORDS and lemma != "ask":
            return []  # "would not say how she learned of it": a topic, not a statement
        if split_in_two(later):
            return [span_of(later[:2])]
        return _coordinated(comp)
    if tok.dep_ == "parataxis" and tok.head.dep_ == "ROOT":
        sent = sentences.of(tok)
        return [(sent.start_char, sent.end_char)]
    closing = closing_clause(tok, sentences.of(tok))
    if closing:
        return closing
    if tok.dep_ == "advcl":
        return adverbial(tok, lemma, sentences)
    return []


def _continues_after(tok, comp) -> bool:
    """A cue set off by commas after the clause it reports, with the sentence going on after it
    (", Ragan said, but his most recent address ..."): the speaker's words go on too."""
    doc = tok.doc
    if comp.i > tok.i or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "," or comp.right_edge.i + 1 >= tok.i:
        return False
    if doc[comp.right_edge.i + 1].text != ",":
        return False
    return any(c.i > tok.i + 1 and c.dep_ in ("prep", "advcl", "conj", "advmod", "npadvmod") for c in tok.children)


def _without_clause(tok, lemma: str) -> list[tuple[int, int]] | None:
    """What a cue with no clausal complement reports: an infinitive ("urged the forces to
    leave"), an accusation ("accused Israel of ..."), an act ("admitted to firing", "called
    for X"); None when it is none of these."""
    if lemma in _XCOMP_CUES:
        infinitive = _infinitive_clauses(tok)
        if infinitive:
            return infinitive
    if lemma in OBJECT_CUES:
        return object_clause(tok)
    if lemma in _ACTS:
        return act_clause(tok) or None
    return None


def _negated_or_aside(tok, sentences: Sentences) -> list[tuple[int, int]] | None:
    """Nothing for a negated cue ("did not say that ..."); the whole sentence for an aside
    with the verb first ("Contradictions, said the cardinal, lead into chaos"); else None."""
    if any(c.dep_ == "neg" for c in tok.children):
        return []
    if inverted_aside(tok) is not None:
        sent = sentences.of(tok)
        return [(sent.start_char, sent.end_char)]
    return None


_STANCES = frozenset({"concern", "hope", "fear", "doubt", "confidence", "optimism", "worry", "frustration", "regret", "belief"})


def _stance_clause(tok) -> list:
    """"expressed concern (that) X could be deported": the clause the stance noun takes."""
    if tok.lemma_.lower() not in ("express", "voice"):
        return []
    nouns = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in _STANCES]
    return [
        c for n in nouns for c in n.children
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
    ][:1]


def _infinitive_clauses(tok) -> list[tuple[int, int]]:
    """"urged the forces to leave", without a trailing "as it opened ..."; "warned them to
    turn back and that they ..." is two."""
    xc = _infinitive(tok)
    if not xc or (tok.lemma_.lower() == "order" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in xc[-1].children)):
        return []  # "ordered him removed": an act, not words ("ordered them to leave" is)
    split = _coordinated(xc[-1])
    if len(split) > 1:
        return split
    return [(span_of(xc)[0], _end_without_adverbial_clause(xc[-1]))]


_CIRCUMSTANCE = frozenset({"as", "while", "after", "when"})
_TOPIC_WORDS = frozenset({"how", "what"})


def _end_without_adverbial_clause(head) -> int:
    """The right edge of ``head``'s subtree, leaving out a trailing adverbial clause of the
    circumstances ("... to be vigilant | as it opened an investigation"), not one that is
    part of what was said ("to stay out until doctors ...")."""
    kept = [
        c for c in head.children
        if not (c.dep_ == "advcl" and c.i > head.i and any(m.dep_ == "mark" and m.lower_ in _CIRCUMSTANCE for m in c.children))
    ]
    return max([head.idx + len(head)] + [t.right_edge.idx + len(t.right_edge) for t in kept])


# what a speaker does while saying it: "asserted that X, linking to ...", "said X, citing ..."
_SPEAKERS_ACTS = frozenset({"cite", "link", "point", "refer", "quote", "reference"})


def _end_before_speakers_act(comp) -> int:
    """The end of the clause ``comp`` heads, before a trailing subjectless participle of the
    speaker's ("insisted that Brussels is ready, before delivering some harsh words";
    "asserted that X, linking to the website")."""
    doc, end = comp.doc, comp.right_edge.i
    for t in doc[comp.i + 1 : end + 1]:
        if t.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        before = doc[t.i - 1]
        if before.text == "," and t.lemma_.lower() in _SPEAKERS_ACTS:
            k = t.i - 1  # the comma
        elif before.lower_ in ("before", "after") and (doc[t.i - 2].text == "," or (doc[t.i - 2].is_quote and doc[t.i - 3].text == ",")):
            k = t.i - 2 if doc[t.i - 2].text == "," else t.i - 3  # ", before delivering"; "“fiasco,” before delivering"
        else:
            continue
        if k > comp.i:
            return doc[k - 1].idx + len(doc[k - 1])
    return doc[end].idx + len(doc[end])


def _coordinated(comp) -> list[tuple[int, int]]:
    """The clause ``comp`` heads, split at a coordinated clause that has its own "that"
    ("that X, and that Y") or is another speech verb ("saying X and noting that Y"). Only
    the clause head's children and grandchildren are looked at, and the part before the cut
    is read from token edges: the work stays linear over nested "X said that Y said ..."."""
    near = [c for c in comp.children] + [g for c in comp.children for g in c.children]
    cut = sorted(
        (
            c for c in near
            if c.dep_ == "conj" and c.i > comp.i
            and (
                (c.head.i == comp.i and has_that(c))
                or (c.lemma_.lower() in SPEECH_VERBS - SHOUTS and c.pos_ == "VERB" and c.tag_ != "VBN")
            )
        ),
        key=lambda c: c.i,
    )
    if not cut:
        return [(comp.left_edge.idx, _end_before_speakers_act(comp))]
    first = cut[0]
    doc, k = comp.doc, first.left_edge.i - 1
    while k > comp.left_edge.i and (doc[k].is_punct or doc[k].is_space or doc[k].dep_ == "cc"):
        k -= 1  # drop the ", and" before the coordinated clause
    spans = [(comp.left_edge.idx, doc[k].idx + len(doc[k]))] if k >= comp.left_edge.i else []
    if first.lemma_.lower() not in SPEECH_VERBS - SHOUTS or has_that(first):
        spans.append(span_of([first]))  # "that X and that he would not be recommending Y"
    return spans


def passive_speech(verb) -> bool:
    """A speech verb in the passive with no agent whose subject is what is spoken of ("Jews
    are described as ...", "he was accused of ...") or no one ("it was reported that ..."):
    someone, not named, speaks."""
    return (
        verb.pos_ == "VERB" and verb.lemma_.lower() in SPEECH_VERBS and not any(c.dep_ == "agent" for c in verb.children)
        and any(c.dep_ == "nsubjpass" and (c.lower_ == "it" or verb.lemma_.lower() not in SPEAKER_PASSIVE) for c in verb.children)
    )
