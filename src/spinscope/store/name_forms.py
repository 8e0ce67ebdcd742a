"""Names folded for comparison across articles: words, consonant skeletons, spelling variants,
acronyms and initials, surnames, short first names, and the block keys that find a name's
possible links (pure functions; the rules that use them are in :mod:`.aliases`)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NON_WORD = re.compile(r"[^\w]+")
_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "adh", "an", "ar", "at", "ath", "az", "ul", "ud"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "der", "die", "das", "und", "&"})
_VOWELS = frozenset("aeiouy")
MIN_VARIANT_CHARS = 4
VARIANT_RATIO = 0.75  # words of 7+ letters ("Mohammed"/"Muhammad")
SHORT_VARIANT_RATIO = 0.8  # shorter ones ("Raisi"/"Raeisi" 0.91; "King"/"Kung" 0.75 are two people)


def key(name: str) -> str:
    """The key names are stored and looked up by: trimmed, case-folded, at most 300 characters
    (the ``canonical_key`` / ``alias_key`` of the store's entity rows)."""
    return (name or "").strip().casefold()[:300]


@lru_cache(maxsize=200_000)
def words(name: str) -> list[str]:
    """The words of ``name`` (cached: do not change the list) folded for comparison: accents, apostrophes, hyphens, a leading
    "the" and Arabic articles dropped (``"Hashd ash-Sha'bi"`` -> ``["hashd", "shabi"]``)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    parts = [w for w in _NON_WORD.split(_APOSTROPHES.sub("", plain).casefold()) if w]
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    kept = [w for i, w in enumerate(parts) if not (w in _ARTICLES and i < len(parts) - 1 and len(parts) > 1)]
    return kept or parts


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """First letter and the consonants after it, repeats collapsed: ``raeisi`` -> ``rs``."""
    out = word[:1]
    for c in word[1:]:
        if c not in _VOWELS and c != "h" and c != out[-1:]:
            out += c
    return out


def similar_words(a: str, b: str) -> bool:
    """Equal, or spelling variants of one word (see the module rules)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_VARIANT_CHARS or skeleton(a) != skeleton(b):
        return False
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio >= SHORT_VARIANT_RATIO or (min(len(a), len(b)) >= 7 and ratio >= VARIANT_RATIO)


def is_acronym(name: str) -> bool:
    """``PMU``, ``U.S.``, ``NATO``: one word of 2-6 capitals (dots allowed)."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def initials(name: str) -> set[str]:
    """Initials of a multi-word name: of every word and of the words that are not "of",
    "the", ... (``Department of Justice`` -> ``{"doj", "dj"}``)."""
    parts = [w for w in _NON_WORD.split(_APOSTROPHES.sub("", name).casefold()) if w]
    if len(parts) < 2:
        return set()
    found = {"".join(w[0] for w in parts if w not in _STOP)}
    if parts[0] not in _STOP:  # "On Friday" is no "OF"
        found.add("".join(w[0] for w in parts))
    return found


@lru_cache(maxsize=200_000)
def surname(name: str) -> str | None:
    """The last word of a multi-word name, a "Jr." or "III" dropped."""
    parts = [w for w in words(name) if w not in SUFFIXES]
    return parts[-1] if len(parts) > 1 else None


def blocks(name: str, kind: str) -> set[str]:
    """Keys that every name it may be linked to shares with it (candidates are only looked
    for among names with a common block): its last word's skeleton, its initials, the acronym."""
    parts = words(name)
    found = {"s:" + skeleton(p) for p in parts[-1:] if p}
    if len(parts) == 1 and parts[0].endswith("s"):  # "Muslims" meets "Muslim"
        found.add("s:" + skeleton(parts[0][:-1]))
    last = surname(name)
    if last:
        found.add("s:" + skeleton(last))
    if is_acronym(name):
        found.add("i:" + name.replace(".", "").casefold())
    elif kind != "PERSON":
        found.update("i:" + i for i in initials(name) if len(i) >= 2)
    return found


#: Short forms of English given names: "Bob Mueller" is "Robert Mueller" (a person's first word).
NICKNAMES = {
    "bob": "robert", "rob": "robert", "bill": "william", "will": "william", "mike": "michael", "chuck": "charles",
    "jim": "james", "jimmy": "james", "joe": "joseph", "tom": "thomas", "dick": "richard", "rick": "richard",
    "tony": "anthony", "dave": "david", "dan": "daniel", "steve": "steven", "liz": "elizabeth", "kate": "katherine",
    "alex": "alexander", "nick": "nicholas", "pat": "patrick", "sam": "samuel", "ben": "benjamin", "andy": "andrew",
    "matt": "matthew", "chris": "christopher", "jeff": "jeffrey", "greg": "gregory", "ron": "ronald", "don": "donald",
    "larry": "lawrence", "jerry": "gerald", "hank": "henry", "jack": "john", "fred": "frederick", "ed": "edward",
}


def person_words(name: str, kind: str) -> list[str]:
    """:func:`words`, with a person's short first name spelt out (``Bill Barr`` -> ``william barr``)."""
    parts = words(name)
    if kind == "PERSON" and len(parts) > 1 and parts[0] in NICKNAMES:
        return [NICKNAMES[parts[0]], *parts[1:]]
    return parts
