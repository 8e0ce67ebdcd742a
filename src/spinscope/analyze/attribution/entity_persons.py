"""Candidate repairs before an English article's mentions are merged (``entities``):
evidence the text gives about a name, read the same way in every article, not a list of
the names themselves.

- **Person evidence.** spaCy's small model often types a person's name ORG, GPE or LOC
  ("Eliana Murillo", "Adrian Young"); the name is then no antecedent for "he"/"she" and its
  bare surname ("Murillo said") never finds it. A name of two to four capitalised words,
  none of them an organisation or place word nor a word the article also writes in lower
  case ("Washington Free Beacon": "free"), is a person when the text gives one of its
  mentions a personal title just before it ("Sen. Mike Braun", "Bishop ..."), a role or
  person noun in apposition ("Eliana Murillo, a spokeswoman for ...", "the witness, Kamren
  Hernandez") or as a compound in front, in lower case unless it opens the sentence
  ("spokeswoman Eliana Murillo"; not "American Worker Displacement Index", a Title Case
  name), or when NER itself typed its last word alone a person elsewhere in the article
  (not after "the": "The Beacon"), or that word stands alone as the subject of a speech
  verb ("McVay wrote", "Norris-Weeks said"; organisations go by their first word, and
  "reported" is no evidence), or when NER glued a title to its front; that title goes
  ("Philadelphia Archbishop Charles Chaput" is Charles Chaput; "General Assembly" is no
  "Assembly": two name words must follow the title).
- **Not a person**, whatever that evidence: a name the article writes after "the" ("The
  Miami Herald reported", "the Free Beacon", "the Instrumentum Laboris", "the Goldman Sachs
  Foundation": a person's name takes no article), unless there it only modifies a lower-case
  noun ("the Nikki Haley speech"); NER's person ending such a name is the organisation
  too when it has two words ("Free Beacon") or is one word inside the name or after "the"
  ("the Instrumentum Laboris argues": no person "Laboris"; "told the Herald": the Miami
  Herald).
- **A common noun in front** of a name of three or more words, written in lower case in the
  article's prose too ("Kritarch Patti Saris" beside "the kritarch"), goes; a first name stays.
- **First names NER left out** before a bare surname ("Raheem Kassam", "For Sofia Jao") are
  taken in (see :func:`given_names`; "When Trump", "Outgoing Flake" are no one).
- **A body's name.** NER's person whose every mention only modifies a lower-case noun for
  a body of people ("Iraq's al-Nujaba resistance movement") is an organisation.
- **Short organisation names.** "Breitbart" beside "Breitbart News", "the Times" beside
  "The Washington Times", "State Department" beside "U.S. State Department": an organisation
  whose words begin or end exactly one longer organisation name of the article is that
  organisation (the longer name is the canonical one; a short form at the start only when
  the rest is an organisation word: not "Oakland" for "Oakland Indie Alliance"; an acronym
  only so: "MGM" for "MGM Resorts International"), unless the short form is the surname of
  a person's full name, a lone generic word ("the House", "the Court") or one of two longer names that
  are not themselves one name's forms ("the Beacon" with "Free Beacon" and "Washington Free
  Beacon" is the longest).

Cost: one pass over the candidates and the tokens of their mentions (dictionaries keyed by
word tuples), linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .date_patterns import MONTHS, WEEKDAYS
from .entity_types import ORG_WORDS
from .first_names import FIRST_NAMES
from .names import TITLES, Cand, Cands
from .sources import SPEECH_VERBS
from .subjects import PERSONISH

# titles that name a person whatever follows ("Chief", "Speaker", "Justice" can head an institution)
_PERSON_TITLE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof|Rev|Sgt|Lt|Capt|Col|Gen|Det|Insp)\.?|\b(?:Senator|Governor|Mayor|"
    r"Judge|Bishop|Cardinal|Sheikh|Shaykh|Imam|Ayatollah|President|Congressman|Congresswoman|Councilman|"
    r"Councilwoman|Councillor|Pastor|Rabbi|Officer|Deputy|Sheriff|Professor|Detective))\s+$"
)
_NAME_WORD = re.compile(r"(?:Mc|Mac|O['\u2019]|De|La|Le|Di)?[A-Z][a-z\u00e0-\u00ff-]+(?:-[A-Z][a-z\u00e0-\u00ff]+)?")
_PLACE_WORDS = frozenset(
    ["city", "county", "state", "states", "republic", "kingdom", "island", "islands", "beach", "bay", "lake", "river",
     "valley", "mountain", "mountains", "park", "street", "road", "square", "forest", "sea", "ocean", "coast",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "san",
     "santa", "los", "las", "fort", "port", "saint", "st", "mount", "cape", "united", "hurricane", "operation"]
)
_GENERIC = frozenset(
    ["house", "court", "senate", "congress", "department", "ministry", "party", "government", "army", "police",
     "council", "committee", "commission", "state", "office", "agency", "university", "church", "administration",
     "news", "daily", "the", "national", "federal", "international", "american", "united"]
)
# a title or role glued to the front of a name by NER ("Philadelphia Archbishop Charles Chaput")
_TITLE_WORDS = {t.casefold().rstrip(".") for t in TITLES} | PERSONISH
_GLUED = {t.casefold().rstrip(".") for t in TITLES if " " not in t}
# what may follow a short name in its long form ("Breitbart News"; not "Oakland Indie Alliance")
_ORG_TAIL = ORG_WORDS | {"network", "media", "channel", "tv", "radio", "magazine", "daily", "online", "wire", "inc", "international", "resorts", "hotel", "hotels", "casino"}


def _person_shaped(text: str, common: set[str]) -> bool:
    """Two to four capitalised words, none an organisation or place word nor a word the
    article also writes in lower case ("Washington Free Beacon": "free")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        _NAME_WORD.fullmatch(w) and w.casefold() not in ORG_WORDS and w.casefold() not in _PLACE_WORDS
        and w.casefold() not in common for w in words
    )


def _untitled(c: Cand) -> None:
    """Drop the words up to the last title or role word ("Bishop Athanasius Schneider")."""
    words = list(re.finditer(r"\S+", c.text))
    cut = max((k for k, w in enumerate(words[:-1]) if w.group(0).casefold().rstrip(".") in _TITLE_WORDS), default=-1)
    if cut >= 0:
        skip = words[cut + 1].start()
        c.start, c.text = c.start + skip, c.text[skip:]


def _glued_title(name: str) -> bool:
    """A title NER took into the name, two name words after it ("Philadelphia Archbishop
    Charles Chaput"; a person noun in a Title Case name is no title: "American Worker
    Displacement Index")."""
    words = name.casefold().split()
    return any(w.rstrip(".") in _GLUED for w in words[:-2])


def _role_around(doc, starts: list[int], cand: Cand) -> bool:
    """A role or person noun in apposition to the mention, or in front of it as a compound."""
    k = bisect_left(starts, cand.start)
    tokens = [t for t in doc[k : k + 6] if t.idx < cand.end]
    inside = {t.i for t in tokens}
    for tok in tokens:
        for child in tok.children:
            if child.i in inside:
                continue
            if child.dep_ == "appos" and any(t.pos_ == "NOUN" and t.lemma_.lower() in PERSONISH for t in child.subtree):
                return True  # "Eliana Murillo, a spokeswoman for the group"
            if child.dep_ == "compound" and child.i < tokens[0].i and child.lemma_.lower() in PERSONISH and (
                child.is_lower or child.is_sent_start
            ):  # "spokeswoman Eliana Murillo", "Witness Kamren Hernandez"; not "American Worker Displacement Index"
                return True
        if tok.i not in inside or tok.head.i in inside:
            continue
        if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in PERSONISH:
            return True  # "the spokeswoman, Eliana Murillo"
    return False


_THE = re.compile(r"\b[Tt]he\s+$")


def _after_the(text: str, start: int) -> bool:
    return _THE.search(text, max(0, start - 5), start) is not None


def _named_as_thing(doc, starts: list[int], text: str, name: str) -> bool:
    """The name, or its last two or more words, written after "the" ("the Free Beacon",
    "The Miami Herald", "the Goldman Sachs Foundation"), unless it only modifies a
    lower-case noun there ("the Nikki Haley speech")."""
    words = name.split()
    for k in range(len(words) - 1):
        for m in re.finditer(r"\b[Tt]he\s+" + re.escape(" ".join(words[k:])) + r"\b", text):
            j = bisect_right(starts, m.end() - 1) - 1
            after = doc[j + 1] if j + 1 < len(doc) else None
            if not (after is not None and doc[j].dep_ == "compound" and doc[j].head.i > j and after.is_lower):
                return True
    return False


# speech verbs a person's bare surname is the subject of ("McVay wrote"; "Reuters reported" is no evidence)
_SAYS = SPEECH_VERBS - {"report", "post", "publish", "announce", "confirm", "state"}


def _speaking_surnames(doc) -> set[str]:
    """Capitalised words standing alone, with no article or other name word around, as the
    subject of a speech verb ("McVay wrote", "Norris-Weeks said"): a person's surname when
    they end a longer name the article gives."""
    found = set()
    for t in doc:
        if t.dep_ != "nsubj" or t.head.lemma_.lower() not in _SAYS or not t.text[:1].isupper():
            continue
        first = t.left_edge  # "Norris-Weeks" is three tokens
        words = doc[first.i : t.i + 1]
        if " " in words.text or any(w.pos_ not in ("PROPN", "PUNCT") for w in words):
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
            continue
        found.add(words.text)
    return found


# lower-case nouns for a body of people: a name in front of one is that body's name
_BODY_NOUNS = ORG_WORDS | {"movement", "militia", "network", "organization", "organisation", "faction", "brigade",
                           "brigades", "front", "coalition", "alliance", "army", "tribe", "clan"}


def _names_a_body(doc, starts: list[int], cand: Cand) -> bool:
    """The mention only modifies a lower-case noun for a body of people ("Iraq's al-Nujaba
    resistance movement", "the Haqqani network")."""
    last = doc[bisect_right(starts, cand.end - 1) - 1]
    head = last.head
    return last.dep_ == "compound" and head.i > last.i and head.is_lower and head.lemma_.lower() in _BODY_NOUNS


def person_evidence(doc, text: str, cands: list[Cand]) -> None:
    """Retype as PERSON the ORG/GPE/LOC candidates of a person-shaped name the text gives
    personal evidence for (see the module docstring); all mentions of the name follow.
    NER's person whose every mention names a body of people is that body (ORG)."""
    starts = [t.idx for t in doc]
    persons: dict[str, list[Cand]] = {}
    for c in cands:
        if c.type == "PERSON":
            persons.setdefault(c.text, []).append(c)
    for group in persons.values():
        if all(_names_a_body(doc, starts, c) for c in group):
            for c in group:
                c.type = "ORG"
    common = {w for w in re.findall(r"\b[a-z][a-z-]+\b", text)}
    lone_persons = {c.text for c in cands if c.type == "PERSON" and " " not in c.text and not _after_the(text, c.start)}
    shaped: dict[str, list[Cand]] = {}
    for c in cands:
        if c.type in ("ORG", "GPE", "LOC") and _person_shaped(c.text, common):
            shaped.setdefault(c.text, []).append(c)
    speaking = _speaking_surnames(doc)
    for name, group in shaped.items():
        if _named_as_thing(doc, starts, text, name):
            for c in cands:  # NER's lone "Laboris" in "the Instrumentum Laboris argues", "told the Herald"
                if c.type == "PERSON" and name.endswith(" " + c.text) and (
                    " " in c.text or text.endswith(name, 0, c.end) or _after_the(text, c.start)
                ):
                    c.type = "ORG"
            continue
        if name.split()[-1] in lone_persons | speaking or _glued_title(name) or any(
            _PERSON_TITLE.search(text, max(0, c.start - 16), c.start) or _role_around(doc, starts, c) for c in group
        ):
            for c in group:
                c.type = "PERSON"
                _untitled(c)
    _common_fronts([c for c in cands if c.type == "PERSON"], text)


def _common_fronts(persons: list[Cand], text: str) -> None:
    """Drop a first word the article also writes in lower case (in prose, not before the name's
    next word: not "Nimesh Patel Stand-Up" beside the tag "nimesh patel") from a name of three
    or more words: a common noun NER took into the name, not a first name. One pass over the
    text for its lower-case words; the text is searched again only for such a word."""
    prose = _prose_words(text)
    for c in persons:
        words = c.text.split(" ")
        first = words[0].casefold()
        if len(words) < 3 or first not in prose or first in FIRST_NAMES or not _NAME_WORD.fullmatch(words[1]) or "\n" in c.text:
            continue
        if re.search(rf"(?<!\S){re.escape(first)}(?=[\s,.;:!?])(?! {re.escape(words[1].casefold())}\b)", text):
            c.start, c.text = c.start + len(words[0]) + 1, " ".join(words[1:])


@lru_cache(maxsize=2)
def _prose_words(text: str) -> frozenset[str]:
    """The lower-case words between spaces (not in links or handles); cached: two steps ask."""
    return frozenset(re.findall(r"(?<!\S)([a-z]+)(?=[\s,.;:!?])", text))


_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
_GIVEN = re.compile(r"(?<![\w.\-'\u2019])([A-Z][a-z]+(?:-[A-Z][a-z]+)?) $")


def given_names(doc, cands: Cands, text: str) -> None:
    """A bare surname NER found where the text writes first names right before it ("Raheem
    Kassam", "For Sofia Jao", "Sofian Abdelaziz Zakkout" with only the surname found) takes
    them: capitalised words on the same line, after the headline, that the parser reads as
    proper nouns, no title, day or month, no part of another name and no word the article also
    writes in lower case; at the start of a sentence only a known first name or one before
    another given name ("Outgoing Flake" is no one)."""
    prose = _prose_words(text)
    headline_end = text.find("\n")
    for c in list(cands.items):
        start = c.start if c.type == "PERSON" and _NAME_WORD.fullmatch(c.text) else -1  # not a dateline's "STOCKHOLM"
        while start > headline_end and (m := _GIVEN.search(text, max(0, start - 30), start)) is not None:
            word, tok = m.group(1).casefold(), doc.char_span(m.start(1), m.end(1))
            if len(cands.overlapping(m.start(1), m.end(1))) or tok is None or not _given(tok[0], word, prose, start < c.start):
                break
            start = m.start(1)
        if headline_end < start < c.start:
            cands.add(Cand(start, c.end, text[start : c.end], "PERSON", "repeat"))


def _given(tok, word: str, prose: frozenset[str], before_given: bool) -> bool:
    """The word at ``tok`` may be a first name (see :func:`given_names`)."""
    if tok.pos_ != "PROPN" or tok.is_stop or word in _TITLE_WORDS | _CALENDAR | PERSONISH or word in prose:
        return False
    return not tok.is_sent_start or before_given or word in FIRST_NAMES


def short_org_links(cands: list[Cand], headline_end: int = 0) -> list[tuple[int, int]]:
    """Pairs (short, long) of candidate positions: an organisation whose words begin or end
    exactly one longer organisation name of the article (see the module docstring); a long
    name in the headline (before ``headline_end``) does not count: Title Case glues words on."""
    words = [tuple(w.casefold() for w in c.text.split()) for c in cands]
    surnames = {w[-1] for c, w in zip(cands, words, strict=True) if c.type == "PERSON" and len(w) >= 2}
    longer: dict[tuple[str, ...], dict[tuple[str, ...], int]] = {}
    for j, (c, w) in enumerate(zip(cands, words, strict=True)):
        if c.type == "ORG" and len(w) >= 2 and c.start >= headline_end:  # not "Trump Pardons Hammonds"
            for size in range(1, len(w)):
                longer.setdefault(w[-size:], {}).setdefault(w, j)  # "Times": "The Washington Times"
                if all(x.strip(".") in _ORG_TAIL for x in w[size:]):
                    longer.setdefault(w[:size], {}).setdefault(w, j)  # "Breitbart": "Breitbart News"
    links = []
    for i, (c, w) in enumerate(zip(cands, words, strict=True)):
        if c.type != "ORG" or not w or w[-1] in surnames or (len(w) == 1 and w[0] in _GENERIC):
            continue
        found = longer.get(w, {})
        if not c.text[:1].isupper() or (c.text.isupper() and not all(f[0] == w[0] for f in found)):
            continue  # acronyms have their own rules (:mod:`.name_links`), unless written at the start: "MGM Resorts"
        longest = max(found, key=len, default=())
        if found and all(longest[len(longest) - len(f) :] == f or longest[: len(f)] == f for f in found):
            links.append((i, found[longest]))  # one name, or one chain: "Beacon", "Free Beacon", "Washington Free Beacon"
    return links
