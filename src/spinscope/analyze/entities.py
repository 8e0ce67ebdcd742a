"""The ``entities`` analyzer: people, organisations, places and groups, aliases merged.

Mentions come from spaCy's English NER, cleaned (no leading "the", no possessive, no
titles such as "President" or "Gen.", no verbs a headline's Title Case dragged in).
Nationality adjectives are not actors and are dropped ("American forces", and
"Guatemalan" even when tagged ORG next to "Guatemala"); NORP nouns ("the Iraqis",
"the Taliban") stay. Repeats of a found name that NER missed are added, as are bare
surnames of multi-word person names ("Hayden" after "Michael Hayden").

Within an article, mentions are merged into one :class:`~spinscope.model.Entity` when

- they have the same normalised name (case, apostrophes, "the", possessive ignored);
- an acronym is defined in parentheses: "Popular Mobilization Units (PMU)" (and the
  reverse "PMU (Popular Mobilization Units)"); later bare "PMU" are mentions too;
- an acronym never defined spells out the initials of a name in the text exactly
  ("CBP" and "Customs and Border Protection", "DOJ" and "Department of Justice");
- an apposition names the same actor twice: "the Hashd ash-Sha'bi or the Popular
  Mobilization Units", "X, also known as Y";
- a person is later named by surname only: "Raeisi" -> "Ebrahim Raeisi" (also when NER
  gave the bare surname another type).

The ``canonical`` name is chosen so that it lines up across a corpus: a small table of
very common variants ("US", "U.S.", "America" -> "United States"), else the longest
full form in the cluster (mixed case over ALL CAPS, acronyms only when nothing else is
known), normalised by :func:`~spinscope.analyze.who_nlp.normalise_name`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, Entity, Mention
from .who_nlp import name_key, normalise_name, parse

TYPE_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
_TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "OTHER")

TITLES = (
    "President", "Vice President", "Prime Minister", "Premier", "Foreign Minister", "Minister",
    "Secretary of State", "Secretary", "Gen.", "General", "Lt.", "Lieutenant", "Col.", "Colonel",
    "Maj.", "Major", "Capt.", "Captain", "Adm.", "Admiral", "Cmdr.", "Commander", "Sgt.", "Mr.", "Mrs.",
    "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Professor", "Sen.", "Senator", "Rep.",
    "Representative", "Gov.", "Governor", "Mayor", "Judge", "Justice", "King", "Queen", "Prince",
    "Princess", "Sheikh", "Shaikh", "Ayatollah", "Pope", "Rev.", "Reverend", "Sir", "Lord", "Lady",
    "Ambassador", "Speaker", "Chancellor", "Chairman", "Chief", "Leader", "Imam", "Father",
)
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\s+)+")

#: Very common variants of a name that no in-article cue links; keys are name_key()s.
KNOWN_CANONICAL = {
    "us": "United States", "usa": "United States", "unitedstates": "United States",
    "unitedstatesofamerica": "United States", "america": "United States",
    "uk": "United Kingdom", "unitedkingdom": "United Kingdom", "britain": "United Kingdom",
    "greatbritain": "United Kingdom",
    "un": "United Nations", "unitednations": "United Nations",
    "eu": "European Union", "europeanunion": "European Union",
    "nato": "NATO", "northatlantictreatyorganization": "NATO",
    "ussr": "Soviet Union", "sovietunion": "Soviet Union",
    "fbi": "Federal Bureau of Investigation", "federalbureauofinvestigation": "Federal Bureau of Investigation",
    "cia": "Central Intelligence Agency", "centralintelligenceagency": "Central Intelligence Agency",
    "who": "World Health Organization", "worldhealthorganization": "World Health Organization",
}

# A capitalised name: words starting with a capital (or "al-X"-style particles), with
# lowercase connectors allowed inside.
_WORD = r"(?:[A-Z][\w'’.\-]*|(?:al|el|ash|ad|as|an|ar|at|az|ul|bin|ibn|abu|van|von|de|da|du|la|le)-?[A-Z][\w'’\-]*)"
_CONNECT = r"(?:of|the|and|for|on|in|de|du|des|del|la|le|al|bin|ibn|van|von|&)"
_NAME = rf"{_WORD}(?:\s+(?:{_CONNECT}\s+)*{_WORD}){{0,8}}"
_ACRONYM_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z.&\-]{1,11})\s*\)")
_NAME_PAREN = re.compile(rf"\(\s*(?:the\s+)?({_NAME})\s*\)")
_ALIAS_BEFORE = re.compile(rf"(?:\b[Tt]he\s+)?({_NAME})\s*,?\s+(?:or|also known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?$")
_ALIAS_AFTER = re.compile(rf"^\s*,?\s+(or|also known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?({_NAME})")
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z.&\-]*[A-Z]\.?s?$|^[A-Z]{2,}[a-z]?$")


@dataclass
class _Cand:
    start: int
    end: int
    text: str
    type: str
    source: str  # "ner", "acronym", "alias"


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the", titles, a trailing possessive and punctuation from a span."""
    s, e = start, end
    while True:
        chunk = text[s:e]
        m = re.match(r"(?:[Tt]he|THE)\s+", chunk)
        if m:
            s += m.end()
            continue
        m = _TITLE_RE.match(chunk)
        if m and m.end() < len(chunk):
            s += m.end()
            continue
        break
    while e > s and text[e - 1] in " ,.;:-\u2013\u2014":
        if text[e - 1] == "." and re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", text[s:e]):
            break  # keep the dot of "U.S."
        e -= 1
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if text[s:e].endswith(tail) and e - len(tail) > s:
            e -= len(tail)
            break
    return s, e


def _initials(words: list[str]) -> str:
    out = []
    for w in words:
        for part in re.split(r"[-\s]", w):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


def _acronym_fits(acronym: str, words: list[str]) -> bool:
    letters = [c for c in acronym if c.isupper()]
    initials = _initials(words)
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


def _is_acronym(form: str) -> bool:
    return bool(_ACRONYM_SHAPE.match(form.replace(" ", "")))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_VERBISH = frozenset({"MD", "VBZ", "VBD", "VBP", "VB"})


def _ner_candidates(doc) -> list[_Cand]:
    text = doc.text
    places = {e.text for e in doc.ents if e.label_ == "GPE" and len(e.text) >= 4}
    out: list[_Cand] = []
    for ent in doc.ents:
        etype = TYPE_MAP.get(ent.label_)
        if etype is None:
            continue
        if etype == "NORP" and (
            ent.root.pos_ == "ADJ"
            or ent.root.dep_ == "amod"
            or (ent.root.dep_ in ("compound", "nmod") and ent.root.tag_ not in ("NNS", "NNPS"))
        ):
            continue  # "American forces", "Guatemalan man": an adjective, not an actor
        if (
            len(ent) == 1
            and ent.root.dep_ in ("amod", "compound", "nmod")
            and any(ent.text.startswith(p) and len(ent.text) > len(p) for p in places)
        ):
            continue  # "Guatemalan" tagged ORG next to "Guatemala": still an adjective
        tokens = list(ent)
        while tokens and (tokens[0].tag_ in _VERBISH or tokens[-1].tag_ in _VERBISH):
            # headline case drags verbs in: "Clark County Coroner Releases", "Will Brett"
            tokens = tokens[1:] if tokens[0].tag_ in _VERBISH else tokens[:-1]
        if not tokens:
            continue
        s, e = _clean_span(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
        if e <= s or not any(c.isalpha() for c in text[s:e]):
            continue
        if "\n" in text[s:e]:
            continue
        out.append(_Cand(s, e, text[s:e], etype, "ner"))
    return out


def _add(cands: list[_Cand], new: _Cand) -> int:
    """Add ``new`` (a rule-found name), replacing NER mentions it overlaps; return its index."""
    for i, c in enumerate(cands):
        if c.start == new.start and c.end == new.end:
            return i
    overlapping = [i for i, c in enumerate(cands) if c.start < new.end and new.start < c.end]
    etype = new.type
    for i in overlapping:
        if cands[i].type in ("ORG", "NORP", "GPE", "LOC"):
            etype = cands[i].type if etype == "OTHER" else etype
    for i in sorted(overlapping, reverse=True):
        del cands[i]
    new.type = etype
    cands.append(new)
    cands.sort(key=lambda c: c.start)
    return cands.index(new)


def _acronym_links(text: str, cands: list[_Cand]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Find "Long Form (ACR)" and "ACR (Long Form)"; add mentions; return pairs of spans to merge."""
    links: list[tuple[tuple[int, int], tuple[int, int]]] = []
    acronyms: dict[str, tuple[int, int]] = {}
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1)
        if not _is_acronym(acr):
            continue
        before = text[max(0, m.start() - 160) : m.start()]
        nm = re.search(rf"({_NAME})\s*$", before)
        if not nm:
            continue
        off = m.start() - len(before)
        words = [(w.start(), w.group()) for w in re.finditer(r"\S+", nm.group(1))]
        for k in range(len(words)):
            if _initials([words[k][1]])[:1] == acr[0] and _acronym_fits(acr, [w for _, w in words[k:]]):
                break
        else:
            continue
        long_start = off + nm.start(1) + words[k][0]
        long_end = off + nm.end(1)
        ls, le = _clean_span(text, long_start, long_end)
        a_start = m.start(1)
        a_end = m.end(1)
        _add(cands, _Cand(ls, le, text[ls:le], "OTHER", "acronym"))
        _add(cands, _Cand(a_start, a_end, acr, "OTHER", "acronym"))
        links.append(((ls, le), (a_start, a_end)))
        acronyms[acr] = (ls, le)
    for m in _NAME_PAREN.finditer(text):
        inner = m.group(1)
        prev = re.search(r"([A-Z][A-Za-z.&\-]{1,11})\s*$", text[: m.start()])
        if not prev or not _is_acronym(prev.group(1)) or not _acronym_fits(prev.group(1), inner.split()):
            continue
        ls, le = _clean_span(text, m.start(1), m.end(1))
        _add(cands, _Cand(prev.start(1), prev.end(1), prev.group(1), "OTHER", "acronym"))
        _add(cands, _Cand(ls, le, text[ls:le], "OTHER", "acronym"))
        links.append(((ls, le), (prev.start(1), prev.end(1))))
        acronyms[prev.group(1)] = (ls, le)
    # every other bare use of a defined acronym is a mention of the same actor
    for acr, long_span in acronyms.items():
        for m in re.finditer(rf"(?<![\w\-]){re.escape(acr)}(?![\w\-])", text):
            span = (m.start(), m.end())
            _add(cands, _Cand(span[0], span[1], acr, "OTHER", "acronym"))
            links.append((long_span, span))
    return links


def _alias_links(text: str, cands: list[_Cand]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """"X or the Y" / "X, also known as Y" next to a known mention; return pairs to merge."""
    links: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for cand in list(cands):
        if cand.type in ("PERSON", "GPE", "LOC"):
            continue
        # the alias written before the mention: "the Hashd ash-Sha'bi or the <mention>"
        m = _ALIAS_BEFORE.search(text[max(0, cand.start - 120) : cand.start])
        if m:
            off = max(0, cand.start - 120)
            s, e = _clean_span(text, off + m.start(1), off + m.end(1))
            other = text[s:e]
            if _alias_ok(other, cand.text, text[off + m.end(1) : cand.start]):
                _add(cands, _Cand(s, e, other, cand.type, "alias"))
                links.append(((s, e), (cand.start, cand.end)))
        # the alias written after: "<mention>, also known as Y"
        m2 = _ALIAS_AFTER.match(text[cand.end : cand.end + 120])
        if m2:
            s, e = _clean_span(text, cand.end + m2.start(2), cand.end + m2.end(2))
            other = text[s:e]
            if _alias_ok(cand.text, other, m2.group(1)):
                _add(cands, _Cand(s, e, other, cand.type, "alias"))
                links.append(((cand.start, cand.end), (s, e)))
    return links


def _alias_ok(first: str, second: str, connector: str) -> bool:
    if name_key(first) == name_key(second) or not first.strip() or not second.strip():
        return False
    if "known" in connector or connector.strip()[:1] == "a":
        return True
    # "X or the Y": beware of plain disjunctions ("the UN or the EU")
    if _is_acronym(first) and _is_acronym(second):
        return False
    if _is_acronym(first) or _is_acronym(second):
        acr, full = (first, second) if _is_acronym(first) else (second, first)
        return _acronym_fits(acr, full.split())
    return len(first.split()) + len(second.split()) >= 3


def _propagate(text: str, cands: list[_Cand]) -> None:
    """Add the unrecognised repeats of known names: every other occurrence of a found
    form, and the bare surnames of multi-word person names ("Trump", "Hayden")."""
    forms: dict[str, str] = {}
    for c in cands:
        form = c.text
        if len(form) >= 2 and form[0].isupper():
            forms.setdefault(form, c.type)
        words = form.split()
        if c.type == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            forms.setdefault(words[-1], "PERSON")
    for form, etype in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", text):
            s, e = m.start(), m.end()
            overlapping = [c for c in cands if c.start < e and s < c.end]
            if any(c.start <= s and e <= c.end for c in overlapping):
                continue  # already covered (by itself or a longer name)
            if all(s <= c.start and c.end <= e for c in overlapping):
                _add(cands, _Cand(s, e, form, etype, "repeat"))


def _undefined_acronyms(text: str, cands: list[_Cand]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """All-caps words never defined in parentheses that spell out a name in the text
    ("CBP" and "Customs and Border Protection"): add both as mentions and link them."""
    links: list[tuple[tuple[int, int], tuple[int, int]]] = []
    names: list[tuple[int, int]] = [(c.start, c.end) for c in cands if c.type in ("ORG", "GPE", "LOC", "NORP")]
    phrases: list[tuple[int, int]] | None = None
    for acr in sorted(set(re.findall(r"(?<![\w\-])([A-Z]{2,6})(?![\w\-])", text))):
        target = next((sp for sp in names if _strict_acronym(acr, text[sp[0] : sp[1]])), None)
        if target is None:
            if phrases is None:
                phrases = [(m.start(), m.end()) for m in re.finditer(_NAME, text) if " " in m.group()]
            for ps, pe in phrases:
                words = [(w.start(), w.group()) for w in re.finditer(r"\S+", text[ps:pe])]
                for k in range(len(words)):
                    if words[k][1][0].isupper() and _strict_acronym(acr, text[ps + words[k][0] : pe]):
                        target = _clean_span(text, ps + words[k][0], pe)
                        break
                if target is not None:
                    break
            if target is None:
                continue
            _add(cands, _Cand(target[0], target[1], text[target[0] : target[1]], "ORG", "acronym"))
        for m in re.finditer(rf"(?<![\w\-]){acr}(?![\w\-])", text):
            _add(cands, _Cand(m.start(), m.end(), acr, "OTHER", "acronym"))
            links.append((target, (m.start(), m.end())))
    return links


@lru_cache(maxsize=65536)
def _strict_acronym(acronym: str, name: str) -> bool:
    """An acronym used without a definition matches a name's initials exactly
    ("CBP" = Customs and Border Protection, "DOJ" = Department of Justice)."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2 or len(letters) < 2:
        return False
    caps = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0].upper() for w in words if w.lower() != "the")
    return letters in (caps, every)


def _person_tokens(form: str) -> list[str]:
    return [t for t in re.split(r"\s+", normalise_name(form).lower()) if t]


def _canonical(forms: list[str]) -> str:
    normalised = [normalise_name(f) for f in forms]
    for form in normalised:
        known = KNOWN_CANONICAL.get(name_key(form))
        if known:
            return known
    full = [f for f in normalised if not _is_acronym(f)]
    mixed = [f for f in full if any(c.islower() for c in f)]  # "Las Vegas" over "LAS VEGAS"
    pool = mixed or full or normalised
    best = pool[0]
    for f in pool[1:]:
        if len(f) > len(best):
            best = f
    return best


def extract_entities(doc) -> list[Entity]:
    """Entities of one parsed document (a spaCy ``Doc``), aliases merged."""
    text = doc.text
    cands = _ner_candidates(doc)
    links = _acronym_links(text, cands)
    links += _alias_links(text, cands)
    _propagate(text, cands)
    links += _undefined_acronyms(text, cands)
    cands.sort(key=lambda c: (c.start, -c.end))
    # drop nested duplicates (a rule span inside a longer one)
    kept: list[_Cand] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    cands = kept
    index = {(c.start, c.end): i for i, c in enumerate(cands)}
    uf = _UnionFind(len(cands))

    def at(span: tuple[int, int]) -> int | None:
        if span in index:
            return index[span]
        for (s, e), i in index.items():
            if s <= span[0] and span[1] <= e:
                return i
        return None

    for a, b in links:
        ia, ib = at(a), at(b)
        if ia is not None and ib is not None:
            uf.union(ia, ib)
    # same normalised name (or a well-known variant)
    by_key: dict[str, int] = {}
    for i, c in enumerate(cands):
        key = name_key(c.text)
        key = name_key(KNOWN_CANONICAL.get(key, key)) if key in KNOWN_CANONICAL else key
        if not key:
            continue
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i
    # acronyms never defined in the text that spell out the initials of a found name
    for i, c in enumerate(cands):
        if not _is_acronym(c.text) or len(c.text) > 8:
            continue
        for j, other in enumerate(cands):
            if j != i and other.type in ("ORG", "GPE", "LOC", "NORP") and _strict_acronym(c.text, other.text):
                uf.union(i, j)
                break
    # surname-only (or shorter) person mentions -> the nearest earlier fuller name; NER
    # often gives a bare surname another type ("Trump" as ORG), so those join too
    tokens = [_person_tokens(c.text) for c in cands]
    persons = [j for j, c in enumerate(cands) if c.type == "PERSON" and len(tokens[j]) >= 2]
    for i, c in enumerate(cands):
        if c.type not in ("PERSON", "ORG", "NORP"):
            continue
        toks = tokens[i]
        best = None
        for j in persons:
            other = cands[j]
            if j == i:
                continue
            otoks = tokens[j]
            if not (len(otoks) > len(toks) and otoks[-len(toks) :] == toks):
                continue
            if best is None or (other.start < c.start and (cands[best].start > c.start or other.start > cands[best].start)):
                best = j
        if best is not None:
            uf.union(best, i)
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(uf.find(i), []).append(i)
    entities: list[Entity] = []
    for members in groups.values():
        members.sort(key=lambda i: cands[i].start)
        forms = list(dict.fromkeys(cands[i].text for i in members))
        types = Counter(cands[i].type for i in members if cands[i].type != "OTHER")
        canonical = _canonical(forms)
        source_types = [cands[i].type for i in members if normalise_name(cands[i].text) == canonical]
        if source_types and source_types[0] == "PERSON" and len(canonical.split()) >= 2:
            etype = "PERSON"
        elif types:
            top = max(types.values())
            etype = next(t for t in _TYPE_PRIORITY if types.get(t) == top)
        else:
            etype = "ORG"
        aliases = list(dict.fromkeys(normalise_name(f) for f in forms))
        aliases = [a for a in aliases if a != canonical]
        mentions = [Mention(cands[i].start, cands[i].end, text[cands[i].start : cands[i].end]) for i in members]
        entities.append(Entity(canonical=canonical, type=etype, mentions=mentions, aliases=aliases))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


class EntityAnalyzer:
    """Fills ``article.entities`` (see the module docstring for the merge rules)."""

    name = "entities"
    reads = ("text",)
    writes = ("entities",)
    version = "spacy-sm-aliases-1"

    def __call__(self, articles: list[Article]) -> None:
        docs = parse([a.text for a in articles])
        for article, doc in zip(articles, docs, strict=True):
            article.entities = extract_entities(doc)
