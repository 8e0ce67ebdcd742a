"""A headline that attributes a statement with a colon, a dash or a Title Case verb instead of
a speech verb the parser reads (a step of the ``quotes`` analyzer):

- **source first**: "Bill Clinton: Public apology was enough", "Officials Warn: Epidemic Could
  Explode", "Cardinal Burke to Michael Matt: “Amoris Not An Exercise of Magisterium”", "Keith
  Ellison Defends Louis Farrakhan: “He Had Something To Offer”": the source, then the statement.
  The source is the first person the words before the colon name as their subject (not after
  "to", "by", "of" ...; not "X's New Crush"), else a short name that is nearly all of them, else
  a plural group ("Officials", "Experts"), else a singular role ("Texas Mom", "Las Vegas Shooting
  Victim"): the person the article quotes most, or an unnamed source when it quotes no one by
  name. An organisation or a group named before the colon speaks only with a verb, with marks
  or in the first person ("'Oumuamua: Space Cigar Is Still Spinning" is a topic);
- **source and Title Case verb**: "Ex-Sailor Pardoned By Trump Says He's SUING Obama", "Iran
  Admits To Aiding Al-Qaeda", "Dems in Congress Demand Barr Release Full Report" (the parser
  reads Title Case words as names, so the verb is found by its spelling);
- **source last**: "Next outbreak could be stronger: WHO", "Special place in hell for them -
  EU's Tusk", "Sun to cool down in next 30 years: Study": the statement, then a named person
  or organisation alone, or a study or report (no one named); or the statement, a comma and a
  named source with its verb ("Beware sonic weapon attacks, US tells citizens in China");
- **quoted words of the subject**: "Trump Slams “Disgraceful Verdict” in Steinle Case": Title
  Case words in marks after a named subject and a Title Case verb are a fragment of the subject's.

Only the first line. A statement in marks right after the colon is ``direct`` (and what follows
the closing mark, a second, ``indirect`` one); marks inside an unmarked statement are its
fragments. A place before a colon is no source ("Virginia: Muslim gets 20 years" is a dateline;
a country with its verb is).

Cost: a few regular expressions over one line, and one pass over the article's quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ...model import Quote
from .index import EntityIndex
from .speaker import Speaker
from .speakers import MEMBER
from .subjects import PERSONISH

_FIRST = re.compile(r"(?P<who>[^:\n]{2,100}):\s+(?P<what>\S[^\n]*)")
_LAST = re.compile(r"(?P<what>\S[^\n]*?)(?::|\s[-\u2013\u2014])\s+(?P<who>[^:\n\-\u2013\u2014]{2,40}?)\s*")
_GROUPS = frozenset({"officials", "experts", "scientists", "researchers", "doctors", "analysts", "sources", "police"})
_STUDIES = frozenset({"study", "report", "survey", "poll", "research", "new study"})
_SPEAKERS = ("PERSON", "ORG", "NORP")
_VERB = r"(?:says?|warns?|tells?|claims?|insists?|admits?)"
_SAYS = re.compile(rf"\s+{_VERB}\s*$", re.IGNORECASE)
# "Beware sonic weapon attacks, US tells citizens in China": the statement, then its source and verb
_AFTER = re.compile(rf"(?P<what>\S[^\n]*?),\s+(?P<who>[^,:\n]{{2,40}}?)\s+{_VERB}\b[^,:\n]{{0,40}}")
# a Title Case speech verb between the source and the statement ("Iran Admits To Aiding ...")
_INLINE = re.compile(
    r"(?P<who>[^:\n]{2,80}?)\s+(?i:Says|Warns|Claims|Insists|Admits|Denies|Demands?|Urges|Vows|Threatens|Reveals|Predicts|Calls (?:For|On))"
    r"\s+(?P<what>\S[^\n]*)"
)
# words after which a name is not the headline's subject ("Pardoned By Trump", "to Pope Francis")
_NOT_SUBJECT = frozenset({"by", "to", "of", "on", "for", "against", "with", "from", "after", "about", "at", "in", "over", "and", "&", "up", "into"})
# singular nouns a headline names its source by ("Texas Mom:", "Army Colonel:", "Ex-Sailor ... Says")
_ROLES = PERSONISH | {"colonel", "mom", "dad", "staffer", "accuser", "sailor", "nun"}
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I'll|I've|We|We're|We'll|My|Our|Me|Us)\b")
_OPENING_MARKS = "\"\u201c\u2018'"
_CLOSING_MARKS = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}
#: a statement the headline makes: (start, end, kind, source, fragments in marks)
Statement = tuple[int, int, str, Speaker, list[list[int]]]


def _named(index: EntityIndex, start: int, end: int, text: str, types: tuple[str, ...] = _SPEAKERS) -> Speaker | None:
    """The person (else organisation or group) that the words between ``start`` and ``end``
    are, nearly all of them ("EU's Tusk" is Tusk; "The Sun Is Going DARK" is no one)."""
    letters = [c for c in range(start, end) if text[c].isalnum()]
    ents = [index.by_char.get(c) for c in letters]
    if not letters or sum(e is not None for e in ents) < 0.7 * len(letters):
        return None
    for wanted in types:
        hits = [e for e in ents if e is not None and e.type == wanted]
        if hits:
            return Speaker(index.full_name(hits[-1].canonical), start, end, wanted)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019]+", text)


def _subject(index: EntityIndex, text: str, start: int, end: int, types: tuple[str, ...]) -> Speaker | None:
    """The first actor of ``types`` named between ``start`` and ``end`` as the subject: no
    preposition before it ("Pardoned By Trump"), no possessive after it ("Zakkout's New Crush")."""
    pos = start
    while pos < end:
        ent = index.by_char.get(pos)
        if ent is None or ent.type not in types or all(w.lower() in _ROLES | {"prime"} for w in ent.canonical.split()):
            pos += 1  # no actor, or a role the parser took for one ("Hungary PM": "Prime Minister")
            continue
        stop = pos
        while stop < end and index.by_char.get(stop) is ent:
            stop += 1
        before = _words(text[start:pos])
        if (before and before[-1].lower() in _NOT_SUBJECT) or re.match(r"['\u2019]s\b", text[stop : stop + 2]):
            pos = stop
            continue
        return _person_first(index, Speaker(index.full_name(ent.canonical), pos, stop, ent.type))
    return None


def _person_first(index: EntityIndex, found: Speaker) -> Speaker:
    """A name Title Case glued a verb to ("Don Lemon Contradicts Himself"): the person it
    starts with, when the article names that person."""
    if found.etype == "PERSON" or found.name is None:
        return found
    for _s, _e, ent in index.mentions:
        if ent.type == "PERSON" and found.name.startswith(ent.canonical + " "):
            return Speaker(ent.canonical, found.start, found.end, "PERSON")
    return found


def _role(words: list[str]) -> tuple[str | None, bool]:
    """The singular role noun a headline's source is, and whether it heads the words ("Las
    Vegas Shooting Victim", "Imam Whose Son ...") or only opens them ("Ex-Sailor Pardoned By
    Trump", "Eyewitness Confessional")."""
    lowered = [w.lower().removeprefix("ex-") for w in words]
    cut = next((k for k, w in enumerate(lowered) if w in ("who", "whose", "pardoned")), len(lowered))
    if cut and lowered[cut - 1] in _ROLES:
        return lowered[cut - 1], True
    return (lowered[0], False) if lowered and lowered[0] in _ROLES else (None, False)


def _role_holder(body: list[Quote], persons: set[str], statement: str) -> str | None:
    """The person a headline's role names: the one the article's body quotes most (the first
    of equals), never a person the statement itself names ("Witness: Aide Awan Wiretapped
    Her"). (The person the article gives that role by name was tried too: "the Kavanaugh
    accuser" is not Karen Monahan; it lowered the development set.)"""
    counts = Counter(
        q.speaker for q in body
        if q.speaker in persons and q.speaker_kind == "named" and not re.search(rf"\b{re.escape(q.speaker.split()[-1])}\b", statement)
    )
    top = counts.most_common(1)
    return top[0][0] if top else None


def _source(
    index: EntityIndex, text: str, spans: tuple[tuple[int, int], tuple[int, int]], said_so: tuple[bool, bool], body: list[Quote]
) -> Speaker | None:
    """Who the words in the first span (before a colon or a verb) name as the source of the
    second. ``said_so``: a verb before the colon, marks or the first person show that a
    statement follows; the statement has a verb (a name before a topic without one,
    "Cardinal McCarrick: Yet Another Fruit of Vatican II", is no source; a role is)."""
    (start, end), said = spans
    spoken, has_verb = said_so
    breaks = list(re.finditer(r"[.!?]+\s+", text[start:end]))
    if breaks:  # the last sentence before the colon: "Humanity's WIPEOUT Foreshadowed? World Health Chief:"
        start += breaks[-1].end()
    words = _words(text[start:end])
    addressee = re.search(r"\s(?:to|To)\s", text[start:end])
    if addressee is not None:  # "Cardinal Burke to Michael Matt:"
        end = start + addressee.start()
    group = text[start:end].strip()
    role, heads = _role(words)
    found = None if heads else _subject(index, text, start, end, ("PERSON",))
    if found is not None and not spoken and (text[found.end or end : end].strip() or " " not in (found.name or "")):
        found = None  # "Don Lemon Is Lying... Again: Biggest Threat ...", "The Dictator Pope: A Call to ...": a topic
    if found is None and len(words) <= 5 and not heads:
        found = _named(index, start, end, text)
        if found is not None and not spoken and (found.etype != "PERSON" or " " not in (found.name or "")):
            found = None  # "'Oumuamua: Space Cigar Is Still Spinning": a topic, not a source
    if found is None and spoken and not heads:
        found = _subject(index, text, start, end, ("ORG", "NORP", "GPE"))
        if found is not None and found.etype == "NORP" and MEMBER.search((found.name or "").lower()):
            found = None  # "Texan Behind 3D-Printed Guns Vows ...": one person, not the Texans
    if found is not None:
        return found if has_verb else None
    if group.lower() in _GROUPS:  # "Officials Warn:": the officials, not "Officials Warn"
        return Speaker(None, start, start + len(group), unnamed=True, plural=True, words=group)
    if len(words) <= 8 and role is not None:
        persons = {ent.canonical for _s, _e, ent in index.mentions if ent.type == "PERSON"}
        name = _role_holder(body, persons, text[said[0] : said[1]])
        return Speaker(name, start, end, "PERSON") if name else Speaker(None, start, end, unnamed=True, words=group)
    return None


def _statements(text: str, start: int, end: int, source: Speaker) -> list[Statement]:
    """The statement(s) after the source: a quotation in marks right at ``start`` is direct,
    and the words after its closing mark a second statement; else one indirect statement
    with its quotations in marks as fragments."""
    opening = text[start] if start < end else ""
    if opening in _OPENING_MARKS:
        closing = re.compile(re.escape(_CLOSING_MARKS[opening]) + r"(?!\w)")
        found = closing.search(text, start + 1, end)
        close = found.start() if found is not None else -1
        if close > start + 1:
            out: list[Statement] = [(start + 1, close, "direct", source, [])]
            rest = re.match(r"[,.;:!?\s]*(?=[A-Z])", text[close + 1 : end])
            if rest is not None and len(_words(text[close + 1 + rest.end() : end])) >= 3:
                out.append((close + 1 + rest.end(), end, "indirect", source, []))
            return out
    fragments = [[m.start() + 1, m.end() - 1] for m in re.finditer(r"[\"\u201c\u2018][^\"\u201c\u201d\u2018\u2019]{2,}[\"\u201d\u2019]", text[start:end])]
    return [(start, end, "indirect", source, [[start + a, start + b] for a, b in fragments])]


def title_statements(text: str, index: EntityIndex, quotes: list[Quote], verbs: list[int]) -> list[Statement]:
    """The statements the first line attributes by a colon or a Title Case verb, read from
    the headline's own words (they replace what the parse made of it), or none. ``verbs``:
    the offsets of the verbs the parser found in the line."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    line = line.split(" | ")[0]  # "Title | Site name"
    if len(line) > 200:
        return []
    body = [q for q in quotes if q.start >= len(line)]
    first = _FIRST.fullmatch(line)
    if first is not None and len(_words(first["what"])) >= 2 and len(_words(first["who"])) <= 12:
        verb = _SAYS.search(first["who"])
        who_end = first.start("who") + (verb.start() if verb else len(first["who"]))
        what = first["what"]
        spoken = verb is not None or what[0] in _OPENING_MARKS or _FIRST_PERSON.search(what) is not None
        has_verb = spoken or any(first.start("what") <= v < first.end("what") for v in verbs)
        source = _source(index, text, ((first.start("who"), who_end), first.span("what")), (spoken, has_verb), body)
        if source is not None and (len(_words(what)) >= 3 or what[0] in _OPENING_MARKS):
            return _statements(text, first.start("what"), first.end("what"), source)
    inline = _INLINE.fullmatch(line)
    if inline is not None and len(_words(inline["what"])) >= 2 and len(_words(inline["who"])) <= 8:
        parsed = [q for q in quotes if q.start < len(line) and q.kind != "partial"]
        if any(q.speaker_kind == "named" for q in parsed):
            return []  # the parse found the statement and its source
        source = _source(index, text, (inline.span("who"), inline.span("what")), (True, True), body)
        if source is not None and (source.name or not parsed):  # "Texas Teen Says": the teen the body quotes most
            return _statements(text, inline.start("what"), inline.end("what"), source)
        if parsed:
            return []
    last = _source_last(text, index)
    if last is not None and not any(q.start < last[1] and last[0] < q.end for q in quotes):
        return [(last[0], last[1], "indirect", last[2], [])]
    return _quoted_label(text, line, index, quotes)


# "Pope Francis Denounces “Murderous Indifference”", "Trump Slams “Disgraceful Verdict” in ...":
# a named subject, a Title Case verb in the present, and quoted Title Case words
_LABEL = re.compile(
    r"(?P<who>[^:\n\"\u201c\u2018]{2,60}?)\s+[A-Z][a-z]+s(?:\s+(?:For|Over|On|As|Of|To))?\s+"
    r"[\"\u201c\u2018](?P<what>[A-Z][^\"\u201d\u2019\n]{1,60}?)[\"\u201d\u2019]"
)


def _quoted_label(text: str, line: str, index: EntityIndex, quotes: list[Quote]) -> list[Statement]:
    """The quoted words a headline's named subject is said to use, as a fragment of theirs."""
    found = _LABEL.match(line)
    if found is None or any(q.start < found.end("what") and found.start("what") < q.end for q in quotes):
        return []
    who = _subject(index, text, found.start("who"), found.end("who"), ("PERSON", "ORG"))
    if who is None or len(_words(found["who"])) > 6:
        return []
    return [(found.start("what"), found.end("what"), "partial", who, [])]


def add_headline(text: str, index: EntityIndex, items: list[Quote], add: Callable[..., Quote | None], verbs: list[int]) -> None:
    """Add the statements the first line attributes by its own conventions to ``items``
    (through ``add``), in place of what the parse made of the headline's Title Case words."""
    title = title_statements(text, index, items, verbs)
    if title:
        items[:] = [q for q in items if q.start >= title[-1][1]]
    for s, e, kind, sp, fragments in title:
        quote = add(s, e, kind, sp, "headline")
        if quote is not None:
            quote.fragments = fragments


def _source_last(text: str, index: EntityIndex) -> tuple[int, int, Speaker] | None:
    """(start, end, source) of a statement the first line attributes with its source last."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    line = line.split(" | ")[0]
    if len(line) > 200:
        return None
    after = _AFTER.fullmatch(line)
    if after is not None and len(_words(after["what"])) >= 3:
        who = _named(index, after.start("who"), after.end("who"), text, _SPEAKERS + ("GPE",))  # "US tells ..."
        if who is not None and len(_words(after["who"])) <= 4:
            return after.start("what"), after.end("what"), who
    last = _LAST.fullmatch(line)
    if last is not None and len(_words(last["what"])) >= 3:
        words = last["who"].strip()
        if words.lower() in _STUDIES:
            return last.start("what"), last.end("what"), Speaker(None, last.start("who"), last.end("who"), unnamed=True, words=words)
        who = _named(index, last.start("who"), last.end("who"), text)
        if who is not None and len(_words(words)) <= 3:
            return last.start("what"), last.end("what"), who
    return None
