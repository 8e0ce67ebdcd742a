"""Quotes in French, German, Italian, Polish and Russian (the ``quotes`` analyzer for the
languages of :mod:`.lang`), by rules over the text: no dependency parse is needed, so the
five languages are handled alike.

- **Cues** are the language's inflected speech-verb forms ("a déclaré", "sagte",
  "ha detto", "powiedział", "заявил") outside quotation marks, and its "according to"
  phrases ("selon", "laut", "secondo", "według", "по словам").
- **Speakers** are the entities (``entities`` runs first) named next to the cue in its
  sentence: right after it when it follows a quotation or a dash ("», a confié Greg
  Abott", "– mówił Ernst", "— сказал Болсонару", "“…”, so Deniau"), else before it
  ("Kallas ha detto che …"), else after it. A cue with no name ("a ajouté le chef
  d'État", "– dodał") continues the latest speaker; with none yet, the last person named
  before it.
- **Indirect speech**: the clause after a cue and a complementiser ("a annoncé que …",
  "erklärte, dass …", "ha affermato che …", "oświadczył, że …", "заявил, что …"), the
  rest of a sentence after "according to X,", a sentence closed by a cue after a dash or
  comma ("… - informuje agencja Jiji Press"), and the sentence before a backward cue
  ("Lo ha detto X", "Об этом заявил X").
- **Quotations** in marks (:mod:`.lang_marks`) take the cue right after their closing
  mark, else the one right before their opening mark, else the reported speech holding
  them, else a cue in their sentence; ``direct`` when the quotation is the whole sentence
  but for the cue and the speaker, else ``partial``. A quotation without a cue continues
  the latest speaker when it follows within 600 characters and has three words or more;
  others (scare quotes, titles) are not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...model import Entity, Quote
from .lang import Language
from .lang_index import Hosts, Mentions, Speaker
from .lang_marks import Sentences, find_marks_in

_MARKS = "«»„“”\"‚‘’‹›"
_AFTER_GAP = re.compile(rf"^[\s,.:;!?…{_MARKS}]*(?:[-–—]\s*)?(?:\w{{1,4}}\s+){{0,2}}$")  # closing mark to cue
_BEFORE_GAP = re.compile(rf"^[\s,:]*(?:\w{{1,4}}['’]?\s*)?[\s,:{_MARKS}]*$")  # cue to opening mark
_DASH_OR_COMMA = re.compile(r"(?:\s[-–—]|,)\s*$")
_WORD = re.compile(r"\w+")
_CONTINUE_WITHIN = 600


@dataclass
class _Cue:
    start: int
    end: int
    text: str
    speaker: Speaker


class _State:
    """What one article's rules share: text, marks, sentences, mentions, the latest speaker."""

    def __init__(self, text: str, entities: list[Entity], lang: Language) -> None:
        self.text = text
        self.lang = lang
        self.marks = find_marks_in(text, lang)
        self.mark_starts = [s for s, _ in self.marks]
        self.mark_ends = [e for _, e in self.marks]
        self.sentences = Sentences(text, self.marks)
        self.mentions = Mentions(entities)
        self.latest: Speaker | None = None

    def in_marks(self, pos: int) -> bool:
        k = bisect_right(self.mark_starts, pos) - 1
        return k >= 0 and pos < self.marks[k][1] + 1

    def headline_speaker(self, s: int) -> Speaker | None:
        """A name and a colon right before the opening mark: 'Habeck: "…"'."""
        m = re.search(r"(\S[^:\n]{0,60}):\s*\S?$", self.text[max(0, s - 64) : s])
        if m is None:
            return None
        base = max(0, s - 64)
        return self.mentions.last_in(base + m.start(1), base + m.end(1), self.in_marks)

    def speaker_of(self, start: int, end: int, *, after_first: bool) -> Speaker:
        """The entity named next to the cue at (start, end) in its sentence, else the latest
        speaker, else the last person named before it, else an unnamed source."""
        s_start, s_end = self.sentences.around(start)
        after = self.mentions.first_in(self.text, end, min(s_end, end + 80), self.in_marks)
        before = self.mentions.last_in(max(s_start, start - 120), start, self.in_marks)
        # "…», a dit X" / "selon X": the name after the cue; "X a dit que": the name before
        # it, else the latest speaker ("Le chef de l'État a dit que …"), else a name after it
        found = (after or before) if after_first else (before or self.latest or after)
        if found is None:
            found = self.latest or self.mentions.last_person(start, self.in_marks) or Speaker(None)
        self.latest = found if found.name else self.latest
        return found


def _cues(st: _State) -> list[_Cue]:
    """Speech cues and "according to" phrases outside marks, in text order, with speakers."""
    found: list[tuple[int, int, str, bool]] = []
    for m in st.lang.speech_forms.finditer(st.text):
        if not st.in_marks(m.start()):
            found.append((m.start(), m.end(), m.group(0), False))
    for m in st.lang.according_to.finditer(st.text):
        if not st.in_marks(m.start()):
            found.append((m.start(), m.end(), m.group(0), True))
    found.sort()
    out = []
    for s, e, word, according in found:
        after_first = according or _follows_quote_or_dash(st, s)
        if not according and len(word) <= 2 and not _follows_quote_or_dash(st, s):
            continue  # a short cue ("so") only right after a quotation
        out.append(_Cue(s, e, word, st.speaker_of(s, e, after_first=after_first)))
    return out


def _follows_quote_or_dash(st: _State, pos: int) -> bool:
    head = st.text[max(0, pos - 40) : pos]
    k = bisect_right(st.mark_ends, pos) - 1
    if k >= 0 and _gap(_AFTER_GAP, st.text[st.marks[k][1] + 1 : pos]):
        return True
    return bool(_DASH_OR_COMMA.search(head)) and bool(re.search(r"\s[-–—]\s*$", head))


def _indirect(st: _State, cues: list[_Cue]) -> list[tuple[int, int, _Cue]]:
    """Reported clauses without marks (see the module docstring)."""
    out = []
    for cue in cues:
        s_start, s_end = st.sentences.around(cue.start)
        span = None
        comp = st.lang.complementisers.match(st.text, _skip(st.text, cue.end))
        if comp is not None:
            span = (comp.start(), s_end)
        elif st.lang.according_to.fullmatch(cue.text):
            comma = st.text.find(",", cue.end, min(s_end, cue.end + 60))
            span = (comma + 1, s_end) if comma > 0 and cue.start - s_start < 3 else None
        elif _DASH_OR_COMMA.search(st.text[s_start : cue.start]) and cue.start - s_start > 20:
            span = (s_start, re.search(r"(?:\s[-–—]|,)\s*$", st.text[s_start : cue.start]).start() + s_start)  # type: ignore[union-attr]
        if span is not None and _reported(st, *span):
            out.append((*_trim(st.text, *span), cue))
    for m in st.lang.backward_cues.finditer(st.text):
        previous = st.sentences.before(m.start())
        if previous is not None and _reported(st, *previous):
            sp = st.speaker_of(m.start(), m.end(), after_first=True)
            out.append((*_trim(st.text, *previous), _Cue(m.start(), m.end(), m.group(0), sp)))
    return _distinct(st, out)


def _distinct(st: _State, found: list[tuple[int, int, _Cue]]) -> list[tuple[int, int, _Cue]]:
    """One reported clause per span: a speech verb's over an "according to" phrase's."""
    best: dict[tuple[int, int], tuple[int, int, _Cue]] = {}
    for item in found:
        key = (item[0], item[1])
        if key not in best or st.lang.according_to.fullmatch(best[key][2].text):
            best[key] = item
    return list(best.values())


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] == ","):
        pos += 1
    return pos


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:—–-"):
        e -= 1
    return s, e


def _reported(st: _State, s: int, e: int) -> bool:
    """Long enough to be speech, and not itself one quotation in marks."""
    s, e = _trim(st.text, s, e)
    if e - s < 12 or len(_WORD.findall(st.text[s:e])) < 3:
        return False
    first = max(0, bisect_right(st.mark_ends, s) - 1)
    inside = sum(min(me, e) - max(ms, s) for ms, me in st.marks[first : bisect_left(st.mark_starts, e)] if s < me)
    return inside <= 0.6 * (e - s)


def _near_cue(st: _State, cues: list[_Cue], cue_starts: list[int], s: int, e: int) -> tuple[_Cue, bool] | None:
    """The cue right after the closing mark (True) or right before the opening mark (False)."""
    k = bisect_left(cue_starts, e)
    if k < len(cues) and _gap(_AFTER_GAP, st.text[e + 1 : cues[k].start]):
        return cues[k], True
    k = bisect_left(cue_starts, s) - 1
    if k >= 0 and cues[k].end < s and _gap(_BEFORE_GAP, st.text[cues[k].end : s - 1]):
        return cues[k], False
    return None


def _gap(pattern: re.Pattern[str], between: str) -> bool:
    return "\n" not in between and pattern.match(between) is not None


def _whole(st: _State, s: int, e: int, cue: _Cue | None, cue_after: bool) -> bool:
    """Nothing but the cue phrase beside the quotation in its sentence."""
    s_start, s_end = st.sentences.around(s)
    before, after = st.text[s_start : max(s_start, s - 1)], st.text[min(s_end, e + 1) : s_end]
    if cue is not None and cue_after:
        return not _WORD.search(before)
    if cue is not None:
        return not _WORD.search(after)
    return not _WORD.search(before) and not _WORD.search(after)


def extract_quotes_in(text: str, entities: list[Entity], lang: Language) -> list[Quote]:
    """Quotes of a text in a language of :mod:`.lang`, speakers resolved to ``entities``."""
    st = _State(text, entities, lang)
    cues = _cues(st)
    cue_starts = [c.start for c in cues]
    found = _indirect(st, cues)
    quotes = [_quote(text, s, e, "indirect", cue) for s, e, cue in found]
    reported = Hosts(found)
    last: tuple[int, Speaker] | None = None
    for s, e in st.marks:
        kind, cue, speaker = _attribute(st, cues, cue_starts, reported, s, e, last)
        if speaker is None:
            continue
        quotes.append(_quote(text, s, e, kind, cue, speaker))
        last = (e, speaker)
    return _fold(quotes)


def _fold(quotes: list[Quote]) -> list[Quote]:
    """One statement, one quote (as in English): a partial quotation lying inside reported
    speech of the same speaker is kept in that quote's ``fragments``, not on its own."""
    quotes.sort(key=lambda q: (q.start, -q.end))
    hosts = Hosts([(q.start, q.end, q) for q in quotes if q.kind == "indirect"])
    out = []
    for q in quotes:
        host = hosts.holding(q.start, q.end, lambda h, sp=q.speaker: h.speaker == sp) if q.kind == "partial" else None
        if host is None:
            out.append(q)
        else:
            host[2].fragments.append([q.start, q.end])
    return out


def _attribute(st, cues, cue_starts, reported, s: int, e: int, last) -> tuple[str, _Cue | None, Speaker | None]:
    near = _near_cue(st, cues, cue_starts, s, e)
    if near is not None:
        cue, cue_after = near
        return ("direct" if _whole(st, s, e, cue, cue_after) else "partial"), cue, cue.speaker
    headline = st.headline_speaker(s)
    if headline is not None and headline.end is not None and not _WORD.search(st.text[headline.end : s]):
        return "direct", None, headline
    host = reported.holding(s, e)
    if host is not None:
        return "partial", host[2], host[2].speaker
    s_start, s_end = st.sentences.around(s)
    local = [c for c in cues[bisect_left(cue_starts, s_start) : bisect_left(cue_starts, s_end)]]
    if local:
        cue = min(local, key=lambda c: min(abs(c.start - s), abs(c.start - e)))
        return "partial", cue, cue.speaker
    if last is not None and s - last[0] < _CONTINUE_WITHIN and len(_WORD.findall(st.text[s:e])) >= 3:
        return ("direct" if _whole(st, s, e, None, False) else "partial"), None, last[1]
    return "", None, None


def _quote(text: str, s: int, e: int, kind: str, cue: _Cue | None, speaker: Speaker | None = None) -> Quote:
    sp = speaker if speaker is not None else (cue.speaker if cue is not None else Speaker(None))
    named = sp.name is not None and sp.start is not None and sp.end is not None
    return Quote(start=s, end=e, text=text[s:e], kind=kind, speaker=sp.name, speaker_start=sp.start,
                 speaker_end=sp.end, cue=cue.text if cue is not None else None,
                 speaker_kind="named" if sp.name is not None else None,
                 speaker_text=text[sp.start : sp.end] if named else None)
