"""Candidates and features for a learned speaker chooser (issue 11, session 9 experiment).

For each quote the rules produced: the rule's speaker, "no speaker", and every
person/organisation/place/group with a mention in the quote's sentences, the two before
and the one after. Each candidate gets a few features one can explain (what the rule
did, where and how the candidate is mentioned)."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spinscope.analyze.attribution.nlp import name_key

try:
    from spinscope.analyze.attribution.sources import SPEECH_VERBS
except ImportError:  # older trees (the proxy experiment runs the rules of an older commit)
    from spinscope.analyze.attribution.cues import SPEECH_VERBS

TYPES = ("PERSON", "ORG", "GPE", "NORP")
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "who", "i", "we"})
KINDS = ("direct", "partial", "indirect")

FEATURES = (
    "none", "rule", "rule_none",
    "type_person", "type_org", "type_gpe", "type_norp", "type_other",
    "log_mentions", "same_sentence", "prev1", "prev2", "after", "only_inside",
    "log_chars", "speech_subject", "any_subject", "last_person", "prev_quote",
    "rule_x_nocue", "rule_x_pronoun", "rule_x_far", "rule_x_unnamed",
    "rule_x_direct", "rule_x_partial", "rule_x_indirect",
    "none_x_direct", "none_x_partial", "none_x_indirect", "none_x_nocue",
    "subject_x_direct", "subject_x_indirect",
)


@dataclass
class Candidate:
    key: str  # name_key of the name; "" = no speaker
    name: str | None
    etype: str | None
    span: tuple[int, int] | None  # the nearest mention outside the quote
    x: dict[str, float] = field(default_factory=dict)

    def vector(self) -> list[float]:
        return [self.x.get(f, 0.0) for f in FEATURES]


class Context:
    """Per-article look-ups: sentences by char, entity mentions in order, token starts."""

    def __init__(self, doc, entities) -> None:
        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.tok_starts = [t.idx for t in doc]
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities if e.type in TYPES for m in e.mentions), key=lambda x: x[0]
        )
        self.m_starts = [m[0] for m in self.mentions]
        self.count = {name_key(e.canonical): len(e.mentions) for e in entities}
        self.type = {name_key(e.canonical): e.type for e in entities}

    def sent_no(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def token(self, pos: int):
        return self.doc[max(0, bisect_right(self.tok_starts, pos) - 1)]


def _subject(ctx: Context, s: int) -> tuple[bool, bool]:
    """(subject of a speech verb, subject of any verb) for the mention starting at ``s``."""
    tok = ctx.token(s)
    # the mention's head: climb compounds/flat names
    while tok.dep_ in ("compound", "flat", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False, False
    return tok.head.lemma_.lower() in SPEECH_VERBS, True


def _last_person(ctx: Context, pos: int) -> str | None:
    """The key of the last person mentioned before ``pos``."""
    k = bisect_left(ctx.m_starts, pos) - 1
    while k >= 0:
        if ctx.mentions[k][2].type == "PERSON" and ctx.mentions[k][1] <= pos:
            return name_key(ctx.mentions[k][2].canonical)
        k -= 1
    return None


def _mention(c: Candidate, ctx: Context, quote, s: int, e: int, sents: tuple[int, int]) -> None:
    """Add one mention outside the quote to a candidate's features."""
    c.x["only_inside"] = 0.0
    dist = quote.start - e if e <= quote.start else s - quote.end
    if c.span is None or dist < c.x.get("_dist", 1e9):
        c.span, c.x["_dist"] = (s, e), float(max(0, dist))
    n, (first, last) = ctx.sent_no(s), sents
    where = "same_sentence" if first <= n <= last else "prev1" if n == first - 1 else "prev2" if n == first - 2 else "after"
    c.x[where] = 1.0
    speech, subj = _subject(ctx, s)
    if speech:
        c.x["speech_subject"] = 1.0
    if subj:
        c.x["any_subject"] = 1.0


def _finish(c: Candidate, ctx: Context, quote, last_person: str | None, prev_speaker: str | None) -> None:
    c.x.pop("only_inside", None)
    c.x["log_chars"] = math.log1p(c.x.pop("_dist", 2000.0)) / 8.0
    c.x[f"type_{(c.etype or 'other').lower()}" if c.etype in TYPES else "type_other"] = 1.0
    c.x["log_mentions"] = math.log1p(ctx.count.get(c.key, 1)) / 3.0
    c.x["last_person"] = float(c.key == last_person)
    c.x["prev_quote"] = float(bool(prev_speaker) and c.key == name_key(prev_speaker or ""))
    if c.x.get("speech_subject"):
        c.x[f"subject_x_{quote.kind}"] = 1.0


def candidates(quote, ctx: Context, prev_speaker: str | None) -> list[Candidate]:
    """The candidates of one quote with their features."""
    first, last = ctx.sent_no(quote.start), ctx.sent_no(max(quote.start, quote.end - 1))
    lo = ctx.sents[max(0, first - 2)].start_char
    hi = ctx.sents[min(len(ctx.sents) - 1, last + 1)].end_char
    rule_key = name_key(quote.speaker) if quote.speaker else ""
    found: dict[str, Candidate] = {}
    a, b = bisect_left(ctx.m_starts, lo), bisect_left(ctx.m_starts, hi)
    for s, e, ent in ctx.mentions[a:b]:
        key = name_key(ent.canonical)
        if not key:
            continue
        c = found.setdefault(key, Candidate(key, ent.canonical, ent.type, None, {"only_inside": 1.0}))
        if not (quote.start <= s and e <= quote.end):
            _mention(c, ctx, quote, s, e, (first, last))
    if rule_key and rule_key not in found:
        found[rule_key] = Candidate(rule_key, quote.speaker, ctx.type.get(rule_key), None, {"only_inside": 0.0})
    out = [Candidate("", None, None, None, {"none": 1.0})]
    last_person = _last_person(ctx, quote.start)
    for c in found.values():
        if c.span is None and c.key != rule_key:
            continue  # only mentioned inside the quote
        _finish(c, ctx, quote, last_person, prev_speaker)
        out.append(c)
    rule = next((c for c in out if c.key == rule_key), out[0])
    rule.x["rule"] = 1.0
    _rule_context(rule, quote, ctx, lo, hi)
    none = out[0]
    if quote.kind in KINDS:
        none.x[f"none_x_{quote.kind}"] = 1.0
    if quote.cue is None:
        none.x["none_x_nocue"] = 1.0
    return out


def _rule_context(rule: Candidate, quote, ctx: Context, lo: int, hi: int) -> None:
    """What the rule did, on the rule's own candidate."""
    if rule.key == "":
        rule.x["rule_none"] = 1.0
    if quote.cue is None:
        rule.x["rule_x_nocue"] = 1.0
    words = (quote.speaker_text or "").strip().lower()
    if words in PRONOUNS:
        rule.x["rule_x_pronoun"] = 1.0
    if quote.speaker_start is None or not (lo <= quote.speaker_start < hi):
        rule.x["rule_x_far"] = 1.0
    if quote.speaker_kind == "unnamed":
        rule.x["rule_x_unnamed"] = 1.0
    if quote.kind in KINDS:
        rule.x[f"rule_x_{quote.kind}"] = 1.0


def article_candidates(article, doc) -> list[list[Candidate]]:
    """Candidates of every quote of an analysed article, in the order of ``article.quotes``."""
    ctx = Context(doc, article.entities)
    out, prev = [], None
    for q in sorted(article.quotes, key=lambda q: q.start):
        out.append((q, candidates(q, ctx, prev)))
        if q.speaker:
            prev = q.speaker
    order = {id(q): i for i, q in enumerate(article.quotes)}
    out.sort(key=lambda x: order[id(x[0])])
    return [c for _, c in out]
