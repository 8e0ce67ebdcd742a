"""The ``quotes`` analyzer: direct, partial and indirect quotes, with their speakers.

- **Quotation marks** are paired per paragraph: curly double (“…”), straight double
  ("…", alternating), guillemets, „…“, and single quotes (‘…’ / '…') when they are
  clearly not apostrophes. An opening mark left open at the end of a paragraph counts
  only under the news convention for multi-paragraph quotes (the next paragraph opens
  with a mark); otherwise the stray mark is ignored.
- **Cues** are speech verbs ("say", "assert", "declare", "urge"…) outside the quoted
  words, and "according to X". The speaker is the cue's grammatical subject (found
  through "went on to declare" and similar chains; "issued a statement saying" gives
  the issuer; "who" gives the person it refers to). A quotation takes the cue whose
  clause holds it, else the nearest cue in its sentence, else a cue the parser split
  off into the next sentence ("“How dare you!” | Sessions said").
- **Kinds**: ``direct`` when the quotation is the whole said clause (“…,” X said /
  X said: “…”); ``partial`` when a quoted fragment sits inside reported speech or prose;
  ``indirect`` for the clause a cue introduces without marks (X said that …), for a
  sentence with a parenthetical cue ("The first lesson, he asserted, is …"), and for
  "according to X, …". A quotation with no cue continues the latest speech (quoted or
  reported) when it follows closely; other unattributed quotations (scare quotes,
  Title Case titles, the author's irony) are not speech and are skipped.
- **Speakers** resolve to the ``canonical`` name of an entity (so ``entities`` must run
  first): named subjects directly; "he"/"she"/"they" through the last speaker or the
  last entity of the right kind; role descriptions ("the group's spokesman", "a senior
  leader") through the roles given in appositions ("Nasr al-Shammari, the ... spokesman
  of the group") or the nearest named speaker. Unresolved speakers keep their words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..model import Article, Entity, Quote
from .who_nlp import parse

SPEECH_VERBS = frozenset(
    ["say", "tell", "state", "declare", "assert", "add", "claim", "warn", "stress", "note", "explain", "insist", "argue", "write", "announce", "emphasize", "emphasise", "maintain", "reiterate", "deny", "reply", "respond", "tweet", "post", "admit", "acknowledge", "complain", "suggest", "predict", "vow", "pledge", "threaten", "allege", "contend", "testify", "affirm", "confirm", "report", "urge", "ask", "demand", "underline", "underscore", "remark", "comment", "accuse", "charge", "conclude", "recall", "disclose", "reveal", "indicate", "describe", "call", "continue", "quip", "observe", "propose", "recommend", "advise", "announce", "lament", "proclaim", "boast", "concede", "caution", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "praise", "hail", "dismiss"]
)
# cues whose complement may be an infinitive: "urged the forces to leave", "called on X to ..."
_XCOMP_CUES = frozenset({"urge", "ask", "call", "demand", "warn", "advise", "tell", "pledge", "vow", "threaten"})
ROLE_NOUNS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "leader", "official", "minister", "president", "premier", "chief", "head", "commander", "secretary", "director", "chairman", "chairwoman", "general", "envoy", "ambassador", "representative", "deputy", "member", "lawmaker", "senator", "governor", "mayor", "analyst", "expert", "source", "adviser", "advisor", "aide", "officer", "cleric", "activist", "founder", "manager", "candidate", "prosecutor", "judge", "king", "prince", "author", "professor", "researcher", "speaker", "congressman", "congresswoman", "legislator", "attorney", "lawyer", "investigator", "diplomat", "coroner", "mp", "president", "commissioner", "organizer", "organiser", "witness", "resident"]
)
_MESSAGE_NOUNS = frozenset({"statement", "letter", "tweet", "post", "release", "communique", "message", "report", "note"})
_PERSON_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON"}
_GROUP_PRONOUNS = {"they", "it", "them"}

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_CLOSERS = {"\u201d", "\u00bb"}


@dataclass
class _Mark:
    start: int  # first char inside the marks
    end: int  # the closing mark (exclusive end of the inside)
    single: bool


def find_quotation_spans(text: str) -> list[tuple[int, int]]:
    """Inner ``(start, end)`` of every paired quotation in ``text`` (marks excluded,
    whitespace and trailing ``,.;:`` trimmed). Tolerates unbalanced marks."""
    return [(m.start, m.end) for m in _find_marks(text)]


def _find_marks(text: str) -> list[_Mark]:
    marks: list[_Mark] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    for li, (off, line) in enumerate(lines):
        doubles = _pair_doubles(line)
        opened_at_end = doubles and doubles[-1][1] is None
        for s, e in doubles:
            if e is None:
                nxt = next((ln for _, ln in lines[li + 1 :] if ln.strip()), "")
                if nxt.lstrip()[:1] in ('"', "\u201c", "\u00ab", "\u201e") and opened_at_end:
                    e = len(line)
                else:
                    continue
            _append(marks, text, off + s, off + e, single=False)
        inside = [(s, e if e is not None else len(line)) for s, e in doubles]
        for s, e in _pair_singles(line):
            if any(a <= s and e <= b for a, b in inside):
                continue  # a quotation nested in a double-quoted one
            _append(marks, text, off + s, off + e, single=True)
    marks.sort(key=lambda m: m.start)
    return marks


def _append(marks: list[_Mark], text: str, s: int, e: int, *, single: bool) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:"):
        e -= 1
    if e - s >= 2 and any(c.isalpha() for c in text[s:e]):
        marks.append(_Mark(s, e, single))


def _pair_doubles(line: str) -> list[tuple[int, int | None]]:
    """Pairs of (inner start, inner end or None when left open) for double marks."""
    out: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, ch in enumerate(line):
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if ch in _OPENERS:
            if open_at is not None and ch == "\u201c" and not prev.isspace() and not nxt.isalnum():
                out.append((open_at, i))  # “sloppy“ closing with an opening mark
                open_at = None
            else:
                open_at = i + 1
        elif ch in _CLOSERS:
            if open_at is not None:
                out.append((open_at, i))
                open_at = None
            elif (prev.isspace() or i == 0) and nxt.isalnum():
                open_at = i + 1  # ”reversed” opening mark
        elif ch == '"':
            if open_at is None:
                open_at = i + 1
            else:
                out.append((open_at, i))
                open_at = None
    if open_at is not None:
        out.append((open_at, None))
    return out


def _pair_singles(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(line):
        if ch not in "\u2018\u2019'":
            continue
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if open_at is None:
            if ch in "\u2018'" and (prev.isspace() or prev in "([\u2014-") and nxt.isalnum():
                open_at = i + 1
        elif ch in "\u2019'" and not prev.isspace() and not nxt.isalnum():
            if prev in "sS" and nxt == " " and len(line[open_at:i].split()) > 30:
                continue  # probably a plural possessive
            if len(line[open_at:i].split()) <= 40:
                out.append((open_at, i))
            open_at = None
    return out


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    etype: str | None = None


class _EntityIndex:
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

    def at(self, start: int, end: int) -> Entity | None:
        for c in range(start, end):
            ent = self.by_char.get(c)
            if ent is not None:
                return ent
        return None

    def last_before(self, pos: int, types: tuple[str, ...]) -> tuple[int, int, Entity] | None:
        best = None
        for s, e, ent in self.mentions:
            if s >= pos:
                break
            if ent.type in types:
                best = (s, e, ent)
        return best


class _Sentences:
    """Sentence lookup by token index (``Token.sent`` walks the whole document)."""

    def __init__(self, doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [s.start for s in self.spans]

    def of(self, tok):
        return self.spans[bisect_right(self.starts, tok.i) - 1]


class _Resolver:
    def __init__(self, index: _EntityIndex, doc, sentences: _Sentences) -> None:
        self.index = index
        self.doc = doc
        self.sentences = sentences
        self.last_person: _Speaker | None = None
        self.last_group: _Speaker | None = None

    def remember(self, sp: _Speaker) -> None:
        if sp.name is None:
            return
        if sp.etype == "PERSON":
            self.last_person = sp
        elif sp.etype in ("ORG", "NORP", "GPE"):
            self.last_group = sp

    def resolve(self, subj) -> _Speaker:
        """Speaker of a subject token (pronoun, name or description)."""
        doc = self.doc
        low = subj.lower_
        if subj.pos_ == "PRON" or low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            if low in _PERSON_PRONOUNS:
                if self.last_person is not None:
                    return _Speaker(self.last_person.name, subj.idx, subj.idx + len(subj), "PERSON")
                hit = self.index.last_before(subj.idx, ("PERSON",))
                if hit:
                    return _Speaker(hit[2].canonical, subj.idx, subj.idx + len(subj), "PERSON")
            elif low in _GROUP_PRONOUNS:
                if self.last_group is not None:
                    return _Speaker(self.last_group.name, subj.idx, subj.idx + len(subj), self.last_group.etype)
                hit = self.index.last_before(subj.idx, ("ORG", "NORP", "GPE"))
                if hit:
                    return _Speaker(hit[2].canonical, subj.idx, subj.idx + len(subj), hit[2].type)
            return _Speaker(None, subj.idx, subj.idx + len(subj))
        # a name: the entity at the subject token, else a person/org named inside the phrase
        ent = self.index.at(subj.idx, subj.idx + len(subj))
        phrase = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl") or t.i == subj.i]
        left = min(t.idx for t in phrase)
        right = max(t.idx + len(t) for t in phrase)
        if ent is not None and subj.pos_ != "NOUN":
            return _Speaker(ent.canonical, left, right, ent.type)
        if ent is None:
            ent = self._inner_entity(subj)
        if ent is not None and (ent.type == "PERSON" or subj.pos_ != "NOUN"):
            return _Speaker(ent.canonical, left, right, ent.type)
        lemma = subj.lemma_.lower()
        plural = subj.tag_ in ("NNS", "NNPS")
        # "ICE officials", "Justice Department spokeswoman": the organisation speaks
        for child in subj.children:
            if child.dep_ == "compound":
                org = self.index.at(child.idx, child.idx + len(child))
                if org is not None and org.type in ("ORG", "GPE", "NORP"):
                    return _Speaker(org.canonical, left, right, org.type)
        # "the coroner" -> "Clark County Coroner", "the ministry" -> "Health Ministry"
        named = self._named_by_head(subj)
        if named is not None:
            return _Speaker(named.canonical, left, right, named.type)
        if lemma in ROLE_NOUNS:
            if plural:
                if self.last_group is not None:
                    return _Speaker(self.last_group.name, left, right, self.last_group.etype)
            else:
                person = self._role(lemma, subj.idx)
                if person is not None:
                    return _Speaker(person.canonical, left, right, "PERSON")
                if self.last_person is not None:
                    return _Speaker(self.last_person.name, left, right, "PERSON")
                ahead = self._next_person_with_role(subj)
                if ahead is not None:
                    return _Speaker(ahead.canonical, left, right, "PERSON")
        if ent is not None:
            return _Speaker(ent.canonical, left, right, ent.type)
        words = doc.text[left:right]
        return _Speaker(words if len(words) <= 80 else None, left, right)

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
        words = {subj.lemma_.lower(), subj.lower_}
        best = None
        for s, _e, ent in self.index.mentions:
            if s >= subj.idx:
                break
            if ent.type != "PERSON" and len(ent.canonical.split()) >= 2 and ent.canonical.split()[-1].lower() in words:
                best = ent
        return best

    def _role(self, lemma: str, pos: int) -> Entity | None:
        best = None
        for at, role, ent in self.index.roles:
            if role == lemma and at < pos:
                best = ent
        if best is None:
            for _at, role, ent in self.index.roles:
                if role == lemma:
                    return ent
        return best

    def _next_person_with_role(self, subj) -> Entity | None:
        sent = self.sentences.of(subj)
        limit = sent.end_char + 600
        for at, _role, ent in self.index.roles:
            if subj.idx < at <= limit:
                return ent
        return None


def _subject(verb):
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


def _according_to(doc) -> list[tuple[Any, Any]]:
    """(the "according" token, the source's head token) pairs."""
    out = []
    for tok in doc:
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        out.append((tok, objs[0]))
    return out


def _span_of(tokens) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:\u2014-\"\u201c\u201d'"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:\u2014-"):
        e -= 1
    return s, e


def extract_quotes(doc, entities: list[Entity]) -> list[Quote]:
    """Quotes of one parsed document, speakers resolved against ``entities``."""
    text = doc.text
    marks = _find_marks(text)
    in_marks = [False] * (len(text) + 1)
    for m in marks:
        for c in range(max(0, m.start - 1), min(len(text), m.end + 1)):
            in_marks[c] = True
    index = _EntityIndex(entities, doc)
    sentences = _Sentences(doc)
    resolver = _Resolver(index, doc, sentences)

    # 1. cues in text order, each with its resolved speaker
    cues: list[tuple[Any, _Speaker, str]] = []  # (token, speaker, cue text)
    according = {tok.i: obj for tok, obj in _according_to(doc)}
    for tok in doc:
        if tok.i in according:
            obj = according[tok.i]
            sp = resolver.resolve(obj)
            resolver.remember(sp)
            cues.append((tok, sp, "according to"))
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS or in_marks[tok.idx]:
            continue
        if tok.dep_ in ("amod", "det", "compound", "nmod"):
            continue  # "said terrorists"
        subj = _subject(tok)
        if subj is None or in_marks[subj.idx]:
            continue
        if subj.lower_ in ("that", "which"):
            continue  # "evidence that suggested ...": not a speaker
        if subj.lower_ == "who" and tok.dep_ == "relcl":
            subj = tok.head
        if subj.lower_ in ("i", "we", "you", "one"):
            continue
        sp = resolver.resolve(subj)
        resolver.remember(sp)
        cues.append((tok, sp, tok.text))

    quotes: list[Quote] = []

    def add(s: int, e: int, kind: str, sp: _Speaker | None, cue: str | None) -> None:
        s, e = _trim(text, s, e)
        if e - s < 3:
            return
        quotes.append(
            Quote(
                start=s,
                end=e,
                text=text[s:e],
                kind=kind,
                speaker=sp.name if sp else None,
                speaker_start=sp.start if sp else None,
                speaker_end=sp.end if sp else None,
                cue=cue,
            )
        )

    # 2. indirect speech: the clause a cue introduces
    indirect: list[tuple[int, int, _Speaker, str]] = []
    for tok, sp, cue in cues:
        span = None
        if cue == "according to":
            sent = sentences.of(tok)
            phrase_s, phrase_e = _span_of(list(tok.subtree))
            span = (phrase_e, sent.end_char) if phrase_s - sent.start_char < 3 else (sent.start_char, phrase_s)
        else:
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            if not comps and tok.lemma_.lower() in _XCOMP_CUES:
                xc = [c for c in tok.children if c.dep_ == "xcomp"]
                if xc:
                    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")] + xc
                    span = _span_of([t for o in objs for t in o.subtree])
            elif comps:
                # the clause after the verb ("reported that ...") over one the parser hung before it
                after = [c for c in comps if c.i > tok.i]
                comp = after[0] if after else comps[-1]
                span = _span_of(list(comp.subtree))
            elif tok.dep_ == "parataxis" and tok.head.dep_ == "ROOT":
                sent = sentences.of(tok)
                span = (sent.start_char, sent.end_char)
        if span is None:
            continue
        line_s = text.rfind("\n", 0, tok.idx) + 1
        line_e = text.find("\n", tok.idx)
        line_e = len(text) if line_e < 0 else line_e
        span = (max(span[0], line_s), min(span[1], line_e))
        s, e = _trim(text, *span)
        if e - s < 12 or len(text[s:e].split()) < 3:
            continue
        covered = sum(1 for c in range(s, e) if in_marks[c])
        if covered > 0.6 * (e - s):
            continue  # the clause is itself a direct quotation
        indirect.append((s, e, sp, cue))
        add(s, e, "indirect", sp, cue)

    # 3. quotations in marks
    all_sents = sentences.spans
    tok_starts = [t.idx for t in doc]
    last: tuple[int, _Speaker] | None = None  # (end offset, speaker) of the previous attributed quote
    for m in marks:
        sents = [s for s in all_sents if s.start_char < m.end and m.start < s.end_char]
        if not sents:
            continue
        region_s, region_e = sents[0].start_char, sents[-1].end_char
        local = [c for c in cues if region_s <= c[0].idx < region_e and not (m.start <= c[0].idx < m.end)]
        if not local:
            local = _neighbour_cues(doc, cues, sents, m, sentences.spans)
        host = next((x for x in indirect if x[0] <= m.start and m.end <= x[1]), None)
        before = text[region_s : max(region_s, m.start - 1)]
        after = text[min(region_e, m.end + 1) : region_e]
        whole = not re.search(r"\w", before) and not re.search(r"\w", after)
        if local:
            quote_tok = doc[max(0, bisect_right(tok_starts, m.start) - 1)]
            ancestors = {a.i for a in quote_tok.ancestors}
            governing = [c for c in local if c[0].i in ancestors]  # the cue whose clause holds the quote
            tok, sp, cue = min(
                governing or local, key=lambda c: min(abs(c[0].idx - m.start), abs(c[0].idx - m.end))
            )
            kind = "direct" if _is_direct(doc, m, tok, region_s, region_e) else "partial"
            if host is not None and kind == "direct" and not whole:
                kind = "partial"
            add(m.start, m.end, kind, sp, cue)
            last = (m.end, sp)
        elif host is not None:
            add(m.start, m.end, "partial", host[2], host[3])
            last = (m.end, host[2])
        elif (last := _latest(last, indirect, m.start)) is not None and m.start - last[0] < 600 and not _title_case(text[m.start : m.end]):
            add(m.start, m.end, "direct" if whole else "partial", last[1], None)
            last = (m.end, last[1])
        # else: no one is reported to say it (a scare quote, a title, the author's irony)
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _latest(
    last: tuple[int, _Speaker] | None, indirect: list[tuple[int, int, _Speaker, str]], before: int
) -> tuple[int, _Speaker] | None:
    """The most recent attributed speech ending before ``before``: a quotation or reported speech."""
    best = last
    for _s, e, sp, _cue in indirect:
        if e <= before and sp.name is not None and (best is None or e > best[0]):
            best = (e, sp)
    return best


def _title_case(words: str) -> bool:
    """A Title Case Phrase (a headline or a work's title), not speech."""
    tokens = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", words)]
    if len(tokens) < 3:
        return False
    return sum(1 for w in tokens if w[0].isupper()) >= 0.6 * len(tokens)


def _neighbour_cues(doc, cues, sents, m: _Mark, all_sents):
    """Cues just outside the quote's sentences when the parser split them off:
    “How dare you!” | Jeff Sessions said ... ; or Moeti said: | “We will ...”."""
    text = doc.text
    last_sent = sents[-1]
    if not re.search(r"\w", text[m.end + 1 : last_sent.end_char]):
        nxt = doc[last_sent.end : min(len(doc), last_sent.end + 10)]
        if nxt.text and "\n" not in text[m.end : nxt.start_char] and '"' not in nxt.text and "\u201c" not in nxt.text:
            found = [c for c in cues if nxt.start_char <= c[0].idx < nxt.end_char]
            if found:
                return found[:1]
    first = sents[0]
    if first.start > 0 and not re.search(r"\w", text[first.start_char : m.start - 1]):
        prev = next(s for s in reversed(all_sents) if s.start <= first.start - 1)
        if text[prev.start_char : prev.end_char].rstrip().endswith(":"):
            return [c for c in cues if prev.start_char <= c[0].idx < prev.end_char][-1:]
    return []


def _tokens_between(doc, start: int, end: int):
    """Tokens starting strictly inside the character range (start, end)."""
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if start < t.idx < end]


def _is_direct(doc, m: _Mark, cue, region_s: int, region_e: int) -> bool:
    """The quotation is the whole said clause: nothing but the cue phrase lies beside it."""
    text = doc.text
    before = text[region_s : max(region_s, m.start - 1)]
    after = text[min(region_e, m.end + 1) : region_e]
    if cue.idx >= m.end:  # “…,” X said
        if re.search(r"\w", before):
            return False
        between = [t for t in _tokens_between(doc, m.end, cue.idx)]
    else:  # X said: “…”
        if re.search(r"\w", after):
            return False
        between = [t for t in _tokens_between(doc, cue.idx + 1, m.start - 1)]
    subj = _subject(cue) if hasattr(cue, "children") else None
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    content = [t for t in between if not t.is_punct and not t.is_space and t.i not in skip]
    return len(content) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in content)


class QuoteAnalyzer:
    """Fills ``article.quotes`` (see the module docstring)."""

    name = "quotes"
    reads = ("text", "entities")
    writes = ("quotes",)
    version = "rules-spacy-sm-1"

    def __call__(self, articles: list[Article]) -> None:
        docs = parse([a.text for a in articles])
        for article, doc in zip(articles, docs, strict=True):
            article.quotes = extract_quotes(doc, article.entities)
