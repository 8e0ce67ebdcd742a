"""The ``entities`` analyzer: people, organisations, places and groups, aliases merged.

Mentions come from spaCy's English NER, cleaned (no leading "the", no possessive, no
titles such as "President" or "Gen.", no verbs a headline's Title Case dragged in, no
quotation mark or bracket left open, "St." kept by "St. Louis"); one NER span over two
names ("on Facebook, Zakkout praised"), a link or a photo credit ("Leah Millis / Reuters")
becomes one mention per name (:func:`~.names.name_runs`), and a site's address is an
organisation ("Kath.net").
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
- a social-media handle spells one person's full name ("@realDonaldTrump");
- a person is later named by surname only: "Raeisi" -> "Ebrahim Raeisi" (also when NER
  gave the bare surname another type);
- a short organisation name begins or ends exactly one longer one ("the Times", "Breitbart");
  names NER typed ORG/GPE/LOC that the text shows to be persons are persons first
  (:mod:`.entity_persons`).

The ``canonical`` name is chosen so that it lines up across a corpus: a small table of
very common variants ("US", "U.S.", "America" -> "United States"), else the longest
full form in the cluster (mixed case over ALL CAPS, acronyms only when nothing else is
known; :mod:`.canonical`), normalised by :func:`~spinscope.analyze.attribution.nlp.normalise_name`.

Articles in French, German, Italian, Polish or Russian go to :mod:`.lang_entities` instead
(French NER, else capitalisation rules), their entities marked with ``method``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from ...model import Article, Entity, Mention
from .canonical import KNOWN_CANONICAL, canonical_name
from .entity_persons import given_names, person_evidence, short_org_links
from .entity_types import headline_persons, retype
from .furniture import blank_furniture
from .lang import for_language
from .lang_entities import extract_entities_in
from .name_links import acronym_links, acronym_pairs, alias_links, handle_pairs, lone_acronyms, undefined_acronyms
from .names import Cand, Cands, Occurrences, middle_name_variants, propagate
from .ner_mentions import ner_candidates
from .nlp import name_key, normalise_name, parse

_TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "OTHER")


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


def _person_tokens(form: str) -> list[str]:
    return [t for t in re.split(r"\s+", normalise_name(form).lower()) if t]


def extract_entities(doc, text: str | None = None) -> list[Entity]:
    """Entities of one parsed document (a spaCy ``Doc``), aliases merged. ``text`` is the
    article's text (default ``doc.text``, which spaCy rebuilds on every access)."""
    text = doc.text if text is None else text
    cands = Cands(ner_candidates(doc, text))
    where = Occurrences(text)
    links = acronym_links(text, cands, where)
    links += alias_links(text, cands)
    lone_acronyms(doc, cands)
    propagate(cands, where)
    given_names(doc, cands, text)
    links += undefined_acronyms(text, cands)
    found = cands.items  # disjoint, in text order
    person_evidence(doc, text, found)
    uf = _UnionFind(len(found))
    for a, b in links:
        ia, ib = _containing(cands, a), _containing(cands, b)
        if ia is not None and ib is not None:
            uf.union(ia, ib)
    for i, j in short_org_links(found, max(text.find("\n"), 0)):
        uf.union(i, j)
    _merge_same_names(found, uf)
    for group in middle_name_variants([(i, _person_tokens(c.text)) for i, c in enumerate(found) if c.type == "PERSON"]):
        for i in group[1:]:
            uf.union(group[0], i)  # "Donald J. Trump" and "Donald Trump"
    for i, j in acronym_pairs(found) + handle_pairs(found):
        uf.union(i, j)
    _merge_surnames(found, uf, text)
    return _entities(found, uf, text)


def _containing(cands: Cands, span: tuple[int, int]) -> int | None:
    """Position of the candidate holding ``span`` (the candidates are disjoint)."""
    k = bisect_right(cands.starts, span[0]) - 1
    return k if k >= 0 and span[1] <= cands.ends[k] else None


def _merge_same_names(cands: list[Cand], uf: _UnionFind) -> None:
    """Same normalised name (or a well-known variant); a bare surname two people of the
    article share ("Clinton" beside Bill and Hillary Clinton) is left to the surname rule,
    which gives each mention the nearest full name before it."""
    families: dict[str, set[str]] = {}
    for c in cands:
        words = _person_tokens(c.text)
        if c.type == "PERSON" and len(words) >= 2:
            families.setdefault(words[-1], set()).add(" ".join(words))
    by_key: dict[str, int] = {}
    for i, c in enumerate(cands):
        words = _person_tokens(c.text)
        if len(words) == 1 and len(families.get(words[0], ())) >= 2:
            continue
        key = name_key(c.text)
        key = name_key(KNOWN_CANONICAL.get(key, key)) if key in KNOWN_CANONICAL else key
        if not key:
            continue
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i


def _merge_surnames(cands: list[Cand], uf: _UnionFind, text: str) -> None:
    """Surname-only (or shorter) person mentions -> a fuller name named before; NER often
    gives a bare surname another type ("Trump" as ORG), so those join too. When two people
    named before share it ("Clinton" after Bill and, in a caption, Hillary Clinton), the one
    named in the same paragraph, else the one named in full most often, else the first. A
    one-word LOC joins too, never a GPE ("Jordan", "Washington")."""
    tokens = [_person_tokens(c.text) for c in cands]
    # a name's last words -> (starts, positions) of the fuller person names ending so, in order
    fuller: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
    for j, c in enumerate(cands):
        if c.type == "PERSON" and len(tokens[j]) >= 2:
            for size in range(1, len(tokens[j])):
                starts, where = fuller.setdefault(tuple(tokens[j][-size:]), ([], []))
                starts.append(c.start)
                where.append(j)
    for i, c in enumerate(cands):
        if not tokens[i] or (c.type not in ("PERSON", "ORG", "NORP") and not (c.type == "LOC" and len(tokens[i]) == 1)):
            continue  # a one-word "place" may be a surname ("Some Farrakhan quotes"), a GPE is not ("Jordan")
        starts, where = fuller.get(tuple(tokens[i]), ([], []))
        if where:
            k = bisect_left(starts, c.start) - 1  # the last one before, else the first after
            uf.union(_namesake(cands, tokens, where[: k + 1], text.rfind("\n", 0, c.start)) if k >= 0 else where[0], i)


def _namesake(cands: list[Cand], tokens: list[list[str]], before: list[int], paragraph: int) -> int:
    """Of the fuller names before a bare one (in text order), the one it stands for."""
    people: dict[tuple[str, ...], list[int]] = {}
    for j in before:
        people.setdefault(tuple(tokens[j]), []).append(j)
    if len({words[0][:2] for words in people}) == 1 or cands[before[-1]].start > paragraph:
        return before[-1]  # one person (or spellings of one: "Stephen"/"Steven", not "Leonard"/"Louis"), or one named in this paragraph: the nearest
    return max(people.values(), key=lambda js: (len(js), -js[0]))[-1]


def _entities(cands: list[Cand], uf: _UnionFind, text: str) -> list[Entity]:
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(uf.find(i), []).append(i)
    entities: list[Entity] = []
    for members in groups.values():
        members.sort(key=lambda i: cands[i].start)
        forms = list(dict.fromkeys(cands[i].text for i in members))
        types = Counter(cands[i].type for i in members if cands[i].type != "OTHER")
        canonical = canonical_name(forms)
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
    return _one_per_name(headline_persons(retype(entities), text))


def _one_per_name(entities: list[Entity]) -> list[Entity]:
    """Entities with the same name and type are one actor: a headline's "Donald Trump Pardons"
    cut to "Donald Trump" joins the body's Donald Trump, and a surname NER typed a place each
    time ("Zakkout") is one entity, not one per mention."""
    by_name: dict[tuple[str, str], Entity] = {}
    out: list[Entity] = []
    for e in entities:
        same = by_name.get((name_key(e.canonical), e.type))
        if same is None:
            by_name[(name_key(e.canonical), e.type)] = e
            out.append(e)
            continue
        same.mentions = sorted(same.mentions + e.mentions, key=lambda m: m.start)
        same.aliases = list(dict.fromkeys(same.aliases + [a for a in e.aliases if a != same.canonical]))
    return out


class EntityAnalyzer:
    """Fills ``article.entities`` (see the module docstring for the merge rules)."""

    name = "entities"
    reads = ("text", "language")
    writes = ("entities",)
    version = "spacy-sm-aliases-11"

    def __call__(self, articles: list[Article]) -> None:
        english = [a for a in articles if for_language(a.language) is None]
        texts = [blank_furniture(a.text) for a in english]
        for article, doc, text in zip(english, parse(texts), texts, strict=True):
            article.entities = extract_entities(doc, text)
        for article in articles:
            lang = for_language(article.language)
            if lang is not None:  # French NER or capitalisation rules (lang_names)
                article.entities = extract_entities_in(article.text, lang)
