"""Name mentions found by rule for the ``entities`` analyzer: the candidate spans, their
cleaning (no "the", titles or possessive), and the repeats of found names (acronyms and
aliases are in :mod:`.name_links`).

Cost: the candidates are disjoint spans in text order, so an overlap look-up is a
bisection; the whole-word occurrences of every form come from one index of capitalised
word starts (not one regular-expression pass over the text per form). The work grows
linearly with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

TITLES = (
    "President", "Vice President", "Prime Minister", "Premier", "Foreign Minister", "Minister",
    "Secretary of State", "Secretary", "Gen.", "General", "Lt.", "Lieutenant", "Col.", "Colonel",
    "Maj.", "Major", "Capt.", "Captain", "Adm.", "Admiral", "Cmdr.", "Commander", "Sgt.", "Mr.", "Mrs.",
    "Ms.", "Mr", "Mrs", "Ms", "Miss", "Dr.", "Dr", "Prof.", "Professor", "Sen.", "Senator", "Rep.",
    "Representative", "Gov.", "Governor", "Mayor", "Judge", "Justice", "King", "Queen", "Prince",
    "Princess", "Sheikh", "Shaikh", "Ayatollah", "Pope", "Rev.", "Reverend", "Sir", "Lord", "Lady",
    "Ambassador", "Speaker", "Chancellor", "Chairman", "Chief", "Leader", "Imam", "Father",
    "Councillor", "Councilor", "Councilman", "Councilwoman", "Attorney General",
    "Sheriff", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Pastor", "Shaykh", "Detective", "Det.", "Officer",
    "Sec.", "Commissioner", "Inspector General", "St.",
)
# a title word naming an institution, not a person: "Justice Department", "Speaker's Office"
_INSTITUTION_RE = re.compile(
    r"(?:Department|Ministry|Committee|Council|Court|Office|Bureau|Agency|Commission|Service|Party|Division)\b"
)
# letters after a person's name that are no part of it: "Sammy Wilson MP", "Jane Roe, PhD"
_POSTNOMINAL_RE = re.compile(r"(?:,?\s+(?:MP|MEP|MSP|MLA|MPP|MNA|QC|KC|PhD|Ph\.D\.?|M\.D\.?|Esq\.?|OBE|MBE|CBE))+$")


def _titles_re(titles: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")\s+)+")


_TITLE_RE = _titles_re(TITLES)
# "St." is a saint's title in front of a person ("St. Francis", "St. Thomas Aquinas") but
# part of the name of a place or an institution named after one ("St. Louis", "St. Paul
# Pioneer Press", "St. Mary's Hospital"): see :func:`keeps_saint`
_NON_PERSON_TITLE_RE = _titles_re(t for t in TITLES if t != "St.")
# a web address's last label: "Kath.net" is a site's name, "Times.are" two words glued
_DOMAINS = frozenset(
    ["com", "org", "net", "news", "info", "gov", "edu", "mil", "int", "co", "io", "tv", "me", "ly", "pr", "uk", "us", "ca", "au", "nz", "ie", "de", "fr", "it", "pl", "ru", "ua", "eu", "ch", "nl", "be", "at", "es", "pt", "se", "no", "dk", "fi", "il", "ir", "iq", "sy", "tr", "in", "cn", "jp", "kr"]
)
# words in front of a name that are no part of it: "the", "a House committee", "no Republican
# Party", "of Québec"; and after it
_LEADING_RE = re.compile(r"(?:[Tt]he|THE|a|an|this|that|these|those|no|every|of|and)\s+")
_TRAILING_RE = re.compile(r"(?:\s+(?:of|and|the))+$")
_GLUED_RE = re.compile(r"(?<=[A-Za-z]{2})\.([a-z]{2,})$")


def without_titles(name: str) -> str:
    """A displayed name without the titles in front ("Sec. Kirstjen Nielsen" -> "Kirstjen
    Nielsen") or the letters after it ("Sammy Wilson MP"), as a mention drops them; a name
    that is only a title stays."""
    m = _TITLE_RE.match(name)
    name = name[m.end():] if m is not None and m.end() < len(name) else name
    m = _POSTNOMINAL_RE.search(name)
    return name[: m.start()] if m is not None and " " in name[: m.start()].strip() else name


# A capitalised name: words starting with a capital (or "al-X"-style particles), with
# lowercase connectors allowed inside.
_WORD = r"(?:[A-Z][\w'’.\-]*|(?:al|el|ash|ad|as|an|ar|at|az|ul|bin|ibn|abu|van|von|de|da|du|la|le)-?[A-Z][\w'’\-]*)"
_CONNECT = r"(?:of|the|and|for|on|in|de|du|des|del|la|le|al|bin|ibn|van|von|&)"
NAME = rf"{_WORD}(?:\s+(?:{_CONNECT}\s+)*{_WORD}){{0,8}}"


def clean_span(text: str, start: int, end: int, keep_saint: bool = False) -> tuple[int, int]:
    """Trim a leading "the" (or "a", "no", "of" ...), titles ("St." unless ``keep_saint``), a
    trailing "of", possessive and punctuation from a span, and a next sentence's first word
    glued on without a space ("the New York Times.are you sure": not a web address such as
    "Kath.net")."""
    s, e = start, end
    titles = _NON_PERSON_TITLE_RE if keep_saint else _TITLE_RE
    while True:
        chunk = text[s:e]
        m = _LEADING_RE.match(chunk)
        if m:
            s += m.end()
            continue
        m = titles.match(chunk)
        if m and m.end() < len(chunk) and not _INSTITUTION_RE.match(chunk, m.end()):
            s += m.end()
            continue
        break
    s, e = _balanced(text, s, e)
    m = _GLUED_RE.search(text[s:e])
    if m is not None and m[1] not in _DOMAINS:
        e = s + m.start()
    m = _POSTNOMINAL_RE.search(text, s, e)
    if m is not None and " " in text[s : m.start()].strip():
        e = m.start()
    while e > s and text[e - 1] in " ,.;:/-\u2013\u2014":
        if text[e - 1] == "." and re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", text[s:e]):
            break  # keep the dot of "U.S."
        e -= 1
    m = _TRAILING_RE.search(text, s, e)
    if m is not None:  # "St. Francis of", "Democratic Republic of the"
        e = m.start()
    if _LEADING_RE.fullmatch(text[s:e] + " "):
        return s, s  # nothing but "the" or "of" was left
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if text[s:e].endswith(tail) and e - len(tail) > s:
            e -= len(tail)
            break
    return s, e


# what may follow a comma inside one name: "CQ-Roll Call, Inc.", "Martin Luther King, Jr."
_NAME_TAILS = frozenset({"inc", "inc.", "ltd", "ltd.", "llc", "co", "co.", "corp", "corp.", "plc", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# tokens no name holds: a photo credit's slash ("Leah Millis / Reuters"), a bracket
_SEPARATORS = frozenset({"/", "(", ")", "[", "]"})


def name_runs(tokens: list, label: str) -> list[list]:
    """The runs of one NER span's tokens that are names. A link inside is no name and splits
    the span ("AT&T Stadium pic.twitter.com/x"); so does a comma between names NER ran
    together ("on Facebook, Zakkout praised", "Obama, Comey, and others") unless the words
    after it finish the name ("CQ-Roll Call, Inc.") or the name holds a list ("Bureau of
    Alcohol, Tobacco, Firearms and Explosives"); a place keeps its comma ("Baghdad, Iraq").
    A slash or a bracket always splits ("Catherine Bonnet / Associated Press")."""
    lower = {t.lower_ for t in tokens}
    split_commas = label not in ("GPE", "LOC", "FAC") and not lower & {"of", "and", "&"}
    runs: list[list] = [[]]
    link = False
    for i, tok in enumerate(tokens):
        glued = link and not tokens[i - 1].whitespace_  # the rest of a link spaCy cut at hyphens
        link = glued or tok.lower_.startswith("http") or ("/" in tok.text and (tok.like_url or "." in tok.text))
        comma = split_commas and tok.text == "," and not (i + 1 < len(tokens) and tokens[i + 1].lower_ in _NAME_TAILS)
        if link or comma or tok.text in _SEPARATORS:
            runs.append([])
            continue
        runs[-1].append(tok)
        if tok.text.endswith("/"):  # "Leah Millis/ Reuters"
            runs.append([])
    return [run for run in runs if run]


_INSTITUTION_ENDS = frozenset(
    ["press", "dispatch", "post", "times", "news", "hospital", "church", "cathedral", "basilica", "abbey", "parish", "school", "college", "university", "academy", "square", "street", "day", "island", "islands"]
)


def keeps_saint(name: str, etype: str) -> bool:
    """Whether a name NER typed ``etype`` keeps a leading "St.": a place's or an
    institution's does, a saint's does not."""
    return etype in ("GPE", "LOC") or (etype != "PERSON" and re.split(r"[\s\-]", name)[-1].lower() in _INSTITUTION_ENDS)


def is_web_address(name: str) -> bool:
    """A site's own name written as its address: "Kath.net", "VDARE.com"."""
    m = re.fullmatch(r"(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.([a-z]{2,})", name)
    return m is not None and m[1] in _DOMAINS


_CITATIONS_RE = re.compile(r"(?:\[\d+\])+\.?$")
_CLOSERS = {"(": ")", "[": "]", "\u201c": "\u201d", '"': '"'}


def _balanced(text: str, s: int, e: int) -> tuple[int, int]:
    """A span without a quotation mark or bracket it opens and never closes: the opening one
    in front goes ("“Profession of Immutable Truths"), an unclosed one later ends the name
    ("Department of Defense (DoD", "Nation of Islam.[4][5"), as do footnote marks."""
    if e > s and text[s] in _CLOSERS and _CLOSERS[text[s]] not in text[s + 1 : e]:
        s += 1
    for k in range(s, e):
        if text[k] in "([" and _CLOSERS[text[k]] not in text[k + 1 : e]:
            return s, k
    m = _CITATIONS_RE.search(text, s, e)  # a wiki's footnote marks: "Nation of Islam[4]"
    return s, m.start() if m is not None and m.start() > s else e


@dataclass
class Cand:
    start: int
    end: int
    text: str
    type: str
    source: str  # "ner", "acronym", "alias", "repeat"


class Cands:
    """Candidate mentions: disjoint spans kept in text order, so the ones overlapping a
    span are found by bisection (O(log n) plus the overlaps) instead of a scan."""

    def __init__(self, items: list[Cand]) -> None:
        self.items = sorted(items, key=lambda c: c.start)
        self.starts = [c.start for c in self.items]
        self.ends = [c.end for c in self.items]

    def overlapping(self, start: int, end: int) -> range:
        """Positions of the candidates overlapping ``[start, end)``."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end, lo=first)
        return range(first, last)

    def add(self, new: Cand) -> None:
        """Add a rule-found name, replacing the NER mentions it overlaps; an existing
        identical span is kept, an empty one (a name that was only "the") ignored. An
        ORG/NORP/GPE/LOC type it replaces gives an OTHER its type."""
        if new.end <= new.start:
            return
        hits = self.overlapping(new.start, new.end)
        if any(self.starts[i] == new.start and self.ends[i] == new.end for i in hits):
            return
        for i in hits:
            if self.items[i].type in ("ORG", "NORP", "GPE", "LOC") and new.type == "OTHER":
                new.type = self.items[i].type
        del self.items[hits.start : hits.stop], self.starts[hits.start : hits.stop], self.ends[hits.start : hits.stop]
        at = bisect_left(self.starts, new.start)
        self.items.insert(at, new)
        self.starts.insert(at, new.start)
        self.ends.insert(at, new.end)


_WORD_CHAR = re.compile(r"[\w\-]")


class Occurrences:
    """Where a capitalised form occurs as a whole word (``(?<![\\w\\-])FORM(?![\\w\\-])``),
    without a regular-expression pass over the text per form: the word starts with a
    capital are indexed once by their first two and three characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index: dict[str, list[int]] = {}
        for m in re.finditer(r"(?<![\w\-])\w", text):
            p = m.start()
            if text[p].isupper():
                self.index.setdefault(text[p : p + 2], []).append(p)
                if p + 2 < len(text):
                    self.index.setdefault(text[p : p + 3], []).append(p)

    def find(self, form: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` of ``form`` in the text, in order (``form``
        starts with a capital letter and is at least two characters long)."""
        text, out, last = self.text, [], 0
        for p in self.index.get(form[:3], []):
            e = p + len(form)
            if p >= last and text.startswith(form, p) and not _WORD_CHAR.match(text, e):
                out.append((p, e))
                last = e
        return out

def propagate(cands: Cands, where: Occurrences) -> None:
    """Add the unrecognised repeats of known names: every other occurrence of a found
    form, and the bare surnames of multi-word person names ("Trump", "Hayden")."""
    forms: dict[str, str] = {}
    for c in cands.items:
        form = c.text
        if len(form) >= 2 and form[0].isupper():
            forms.setdefault(form, c.type)
        words = form.split()
        if c.type == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            forms.setdefault(words[-1], "PERSON")
    for form, etype in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for s, e in where.find(form):
            overlapping = [cands.items[i] for i in cands.overlapping(s, e)]
            if any(c.start <= s and e <= c.end for c in overlapping):
                continue  # already covered (by itself or a longer name)
            if all(s <= c.start and c.end <= e for c in overlapping):
                cands.add(Cand(s, e, form, etype, "repeat"))


_PATRONYMIC = frozenset({"ibn", "bin", "ben", "bint", "bar", "abu"})


def middle_name_variants(persons: list[tuple[int, list[str]]]) -> list[list[int]]:
    """Groups of person names that differ only in their middle names or initials ("Donald
    Trump", "Donald J. Trump"; "Adam Schiff", "Adam B. Schiff"), given ``(position, the
    name's lowercased words)`` for each name of two words or more. Two different middles
    ("John A. Smith", "John B. Smith") may be two people: such a group is not joined, nor
    is a middle that names a parent ("Siraj Ibn Wahhaj" is Siraj Wahhaj's son)."""
    by_ends: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
    for pos, words in persons:
        if len(words) >= 2 and not _PATRONYMIC & set(words[1:-1]):
            by_ends.setdefault((words[0], words[-1]), []).append((pos, tuple(w.rstrip(".") for w in words[1:-1])))
    groups = []
    for members in by_ends.values():
        middles = {m for _, m in members if m}
        if len(members) >= 2 and len(middles) <= 1:
            groups.append([pos for pos, _ in members])
    return groups


_NOT_A_NAME = re.compile(r"[()@\n]")


def written_as_name(words: str) -> bool:
    """Proper-noun words that may be a name the entity analyzer missed ("20 Minutes"), not
    a dateline or a handle ("AUSTRIA, February 16, 2018 (LifeSiteNews) –")."""
    return _NOT_A_NAME.search(words) is None


def spells_place(adjective: str, place: str) -> bool:
    """A nationality or place adjective spelling a place's name but for its last letter or two
    ("Guatemalan" / "Guatemala", "Chinese" / "China", "Iraqi" / "Iraq", "Canadian" / "Canada");
    not "Austrian" / "Australia", "Iraqi" / "Iran", nor the place's own name."""
    n = 0
    while n < min(len(adjective), len(place)) and adjective[n] == place[n]:
        n += 1
    return 4 <= n < len(adjective) and n >= len(place) - 1
