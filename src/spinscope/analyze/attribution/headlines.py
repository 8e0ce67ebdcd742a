"""A headline that attributes a statement with a colon or a dash instead of a speech verb (a
step of the ``quotes`` analyzer):

- **source first**: "Bill Clinton: Public apology was enough", "Officials Warn: Epidemic Could
  Explode": a short source of at most five words that is a person's name, or an organisation or
  a plural group ("Officials", "Experts") with a speech verb, then the statement;
- **source last**: "Next outbreak could be stronger: WHO", "Special place in hell for them -
  EU's Tusk", "Sun to cool down in next 30 years: Study": the statement, then a named person
  or organisation alone, or a study or report (no one named); or the statement, a comma and a
  named source with its verb ("Beware sonic weapon attacks, US tells citizens in China").

Only the first line, and only when it holds no quote yet. A place before a colon is no source
("Virginia: Muslim gets 20 years" is a dateline; a country with its verb after a comma is), nor
is a singular role alone ("Texas Mom: ..." names someone the headline does not: left
unattributed rather than guessed).

Cost: three regular expressions over one line.
"""

from __future__ import annotations

import re

from .index import EntityIndex
from .speakers import Speaker

_FIRST = re.compile(r"(?P<who>[^:\n]{2,60}):\s+(?P<what>\S[^\n]*)")
_LAST = re.compile(r"(?P<what>\S[^\n]*?)(?::|\s[-\u2013\u2014])\s+(?P<who>[^:\n\-\u2013\u2014]{2,40}?)\s*")
_GROUPS = frozenset({"officials", "experts", "scientists", "researchers", "doctors", "analysts", "sources", "police"})
_STUDIES = frozenset({"study", "report", "survey", "poll", "research", "new study"})
_SPEAKERS = ("PERSON", "ORG", "NORP")
_VERB = r"(?:says?|warns?|tells?|claims?|insists?|admits?)"
_SAYS = re.compile(rf"\s+{_VERB}\s*$", re.IGNORECASE)
# "Beware sonic weapon attacks, US tells citizens in China": the statement, then its source and verb
_AFTER = re.compile(rf"(?P<what>\S[^\n]*?),\s+(?P<who>[^,:\n]{{2,40}}?)\s+{_VERB}\b[^,:\n]{{0,40}}")


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


def headline_statement(text: str, index: EntityIndex) -> tuple[int, int, Speaker] | None:
    """(start, end, source) of the statement the first line attributes, if any."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    line = line.split(" | ")[0]  # "Title | Site name"
    if len(line) > 200:
        return None
    first = _FIRST.fullmatch(line)
    if first is not None and len(_words(first["who"])) <= 5 and len(_words(first["what"])) >= 3:
        verb = _SAYS.search(first["who"])
        who_end = first.start("who") + (verb.start() if verb else len(first["who"]))
        who = _named(index, first.start("who"), who_end, text)
        if who is not None and who.etype != "PERSON" and verb is None:
            who = None  # "'Oumuamua: Space Cigar Is Still Spinning": a topic, not a source
        group = text[first.start("who") : who_end].strip()
        if who is None and group.lower() in _GROUPS:  # "Officials Warn:": the officials, not "Officials Warn"
            who = Speaker(None, first.start("who"), first.start("who") + len(group), unnamed=True, plural=True, words=group)
        if who is not None:
            return first.start("what"), first.end("what"), who
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
