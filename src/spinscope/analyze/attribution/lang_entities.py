"""Entities in French, German, Italian, Polish and Russian (the ``entities`` analyzer for
the languages of :mod:`.lang`), each marked with how it was found (``Entity.method``).

- **French** (``spacy-fr``): spaCy's ``fr_core_news_sm`` NER (PER, ORG, LOC; MISC is not an
  actor), leading articles ("la France", "l'AFP") and titles stripped.
- **German, Italian, Polish, Russian** (``rules``): no NER pipeline for them loads from
  PyPI (checked: only placeholder packages carry those names), so names are found by
  capitalisation (:mod:`.lang_names`); for French, the same rules add the names the NER
  missed where it found nothing ("TikTok", "Duolingo").

Found names are repeated wherever they occur, then merged into actors: the same name in
another inflection ("Rosja", "Rosją", "Rosji"; "Байден", "Байдена": each word agreeing in
all but its ending), a surname after the full name ("Habeck" -> "Robert Habeck"; the
nearest full name before it, else the first after), and an acronym in parentheses after a
name ("Europäischen Forstinstituts (EFI)"). ``canonical`` is the form with the most words
(mixed case over capitals), then the most frequent, then the shortest (a bare stem over
an inflected one: "Kim" over "Kima"), as written: there is no lemmatiser for these
languages, so an inflected name may stay in the case the article used most.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import Counter
from typing import Any

from ...model import Entity, Mention
from . import nlp_ner
from .entity_types import retype
from .lang import Language
from .lang_names import TOKEN, Cand, is_acronym, rule_candidates, same_name, same_word
from .nlp import batch_size, load_pipeline, normalise_name, tokenizable, windows

FRENCH_MODEL = "fr_core_news_sm"
_FR_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_FR_ARTICLES = re.compile(r"^(?:la|le|les|l['’]|du|des|de la|de l['’]|d['’])\s*", re.I)

_lock = threading.Lock()
_fr: Any = None


def french_nlp() -> Any:
    """spaCy's French pipeline (loaded on first use, then shared)."""
    global _fr
    with _lock:
        if _fr is None:
            _fr = load_pipeline(FRENCH_MODEL, "fr-core-news-sm", exclude=("lemmatizer",))
            nlp_ner.install(_fr)  # same entities, less CPU (hS, issue 14)
        return _fr


def french_candidates(text: str) -> list[Cand]:
    """Names from the French NER, window by window (offsets are the text's)."""
    nlp = french_nlp()
    pieces = windows(text)
    out: list[Cand] = []
    offset = 0
    for piece, doc in zip(pieces, nlp.pipe((tokenizable(p) for p in pieces), batch_size=batch_size([pieces])), strict=True):
        lower = set(_LOWER_WORD.findall(piece))
        for ent in doc.ents:
            etype = _FR_TYPES.get(ent.label_)
            span = _french_span(ent, lower) if "\n" not in ent.text else None
            if etype is None or span is None:
                continue
            s, e = span
            m = _FR_ARTICLES.match(piece[s:e])
            if m and m.end() < e - s:
                s += m.end()
            s, e = _strip_titles(piece, s, e, frozenset({"président", "ministre", "m.", "mme", "dr"}))
            if e > s and any(c.isupper() for c in piece[s:e]):
                out.append((offset + s, offset + e, etype))
        offset += len(piece)
    return out


_ELIDED = frozenset({"s", "n", "l", "d", "j", "c", "m", "t", "qu"})
_OF = frozenset({"de", "du", "des", "d'", "d\u2019"})
_ARTICLE = frozenset({"la", "le", "les"})
# "du bassin", "de la consommation": a name going on in lower case (not "de façon", "d’empêcher",
# nor "des", often a plural article: "à Kiev des armes")
_CUT_HEAD = re.compile(r"\s*(?:du|de la|de l['\u2019])\s*[a-z\u00e0-\u00ff]")
# ... or going on with an institution's adjective, then "de"/"du"/"des" ("l'Autorité portuaire
# de Veldra", "la Banque centrale des États", "le Conseil constitutionnel de ..."); not a verb
# ("la France a des atouts", "la France doit des explications")
_ADJ_HEAD = re.compile(
    r"\s+[a-z\u00e0-\u00ff]+(?:aire|al|ale|aux|el|elle|ien|ienne|ique|éen|éenne|ain|aine)s?\s+(?:de|du|des|d['\u2019])\s*\w"
)
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z\u00e0-\u00ff][\w-]*")


def _heads_longer_name(text: str, end: int) -> bool:
    """The word ending at ``end`` heads a longer name that goes on in lower case."""
    return bool(_CUT_HEAD.match(text, end) or _ADJ_HEAD.match(text, end))


def _french_span(ent: Any, lower: set[str]) -> tuple[int, int] | None:
    """The French NER entity's span without a trailing elided word ("Poutine s’est" is
    Poutine), or None for what is no name (:func:`_no_name`)."""
    tokens = list(ent)
    while len(tokens) > 1 and tokens[-1].lower_.rstrip("'\u2019") in _ELIDED | _OF | _ARTICLE:
        tokens = tokens[:-1]  # "Sortir de l’": no name ends with an elided word, "de" or "la"
    if len(tokens) == 1 and _no_name(tokens[0], lower):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _no_name(tok: Any, lower: set[str]) -> bool:
    """One word the NER took for a name that is none: one letter ("L’", "N’"); a word the
    tagger reads as a verb or another non-noun that opens its sentence ("Pouvez",
    "Contrôler"); a common noun that is a heading alone on its line ("Conséquences"), that
    opens its sentence and is also written in lower case ("Hôpital", "hôpital"; not a
    plural, "les Français"), or the cut-off head of a longer name ("l’Autorité du bassin du
    fleuve Pô": "Autorité" is no actor)."""
    word = tok.text.rstrip("'\u2019")
    if len(word) <= 1 or word.lower() in _ELIDED:
        return True
    if not word.endswith(("s", "x")) and _heads_longer_name(tok.doc.text, tok.idx + len(tok)):
        return True  # the head of a name going on in lower case, whatever its tag
    if tok.pos_ in ("PROPN", "NUM", "X", "SYM"):
        return False
    if tok.pos_ != "NOUN":
        return _opens(tok)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.text in ("\n", ":") or "\n" in nxt.whitespace_ + nxt.text[:1]:
        return _opens(tok)  # a heading
    if word.endswith(("s", "x")):
        return False  # "les Français", "les Européens de ...": a group
    return _opens(tok) and word.lower() in lower


def _opens(tok: Any) -> bool:
    """The token opens a sentence or a line (quotation marks and dashes before it aside)."""
    text = tok.doc.text
    k = tok.idx - 1
    while k >= 0 and (text[k] in " \t\u00a0\u202f\"'\u00ab\u00bb\u201c\u201d\u2018\u2019-\u2013\u2014(*"):
        k -= 1
    return k < 0 or text[k] in ".!?:;\n\u2026" or tok.is_sent_start


def _strip_titles(text: str, s: int, e: int, titles: frozenset[str]) -> tuple[int, int]:
    while True:
        m = TOKEN.match(text, s)
        if m is None or m.end() >= e or m.group(0).lower() not in titles:
            return s, e
        s = m.end()
        while s < e and text[s].isspace():
            s += 1


def build_entities(text: str, cands: list[Cand], method: str) -> list[Entity]:
    """Actors from candidate names: repeated where they occur, merged (module docstring)."""
    spans = _spread(text, cands)
    forms = [normalise_name(text[s:e]) for s, e, _ in spans]
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of: dict[tuple[int, str], list[int]] = {}  # (words, first 3 letters) -> first span of each form
    seen: dict[str, int] = {}
    for i, form in enumerate(forms):
        if form in seen:
            union(seen[form], i)
            continue
        seen[form] = i
        bucket = first_of.setdefault((len(form.split()), form[:3].lower()), [])
        match = next((j for j in bucket if same_name(form, forms[j])), None)
        if match is not None:
            union(match, i)
        bucket.append(i)
    _link_surnames(spans, forms, union)
    _link_acronyms(text, spans, forms, union)
    groups: dict[int, list[int]] = {}
    for i in range(len(spans)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        names = list(dict.fromkeys(forms[i] for i in members))
        counts = Counter(forms[i] for i in members)
        canonical = max(names, key=lambda f: (len(f.split()), not f.isupper(), counts[f], -len(f)))
        etype = Counter(spans[i][2] for i in members).most_common(1)[0][0]
        mentions = [Mention(spans[i][0], spans[i][1], text[spans[i][0] : spans[i][1]]) for i in members]
        aliases = [n for n in names if n != canonical]
        out.append(Entity(canonical=canonical, type=etype, mentions=mentions, aliases=aliases, method=method))
    out.sort(key=lambda en: en.mentions[0].start)
    return retype(out)


def _spread(text: str, cands: list[Cand]) -> list[Cand]:
    """The candidates plus every other whole-word occurrence of their forms and of the
    surnames of their multi-word person names, disjoint, in text order. One pass over the
    words of the text, forms looked up by their first word (linear in the text)."""
    forms: dict[str, str] = {}
    for s, e, etype in cands:
        forms.setdefault(text[s:e], etype)
        words = text[s:e].split()
        if etype == "PERSON" and len(words) > 1 and len(words[-1]) >= 3 and words[-1][0].isupper():
            forms.setdefault(words[-1], etype)
    by_first: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form.split()[0], []).append(form)
    taken = sorted(cands)
    for m in TOKEN.finditer(text):
        for form in by_first.get(m.group(0), ()):
            end = m.start() + len(form)
            if text.startswith(form, m.start()) and not (end < len(text) and (text[end].isalnum() or text[end] == "-")):
                taken.append((m.start(), end, forms[form]))
                break
    taken.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Cand] = []
    for c in taken:
        if out and c[0] < out[-1][1]:
            continue
        out.append(c)
    return out


def _with_rules(ner: list[Cand], rules: list[Cand], text: str) -> list[Cand]:
    """The NER's names, plus the capitalisation rules' names where the NER found none, but
    not one word that heads a longer name going on in lower case ("l’Autorité du bassin de
    la Loire", "l'Autorité portuaire de Veldra": "Autorité" is no actor)."""
    out = list(ner)
    for c in rules:
        cut_head = " " not in text[c[0] : c[1]] and _heads_longer_name(text, c[1])
        if not cut_head and not any(c[0] < e and s < c[1] for s, e, _ in ner):
            out.append(c)
    return out


def _link_surnames(spans: list[Cand], forms: list[str], union) -> None:
    """A one-word name joins the nearest full person name before it whose last word is an
    inflection of it (else the first after). Full names are matched once per distinct
    one-word form, then each occurrence is placed by bisection."""
    by_surname: dict[str, list[int]] = {}  # first 3 letters of the last word -> full person names, in order
    for i, form in enumerate(forms):
        words = form.split()
        if len(words) > 1 and spans[i][2] == "PERSON":
            by_surname.setdefault(words[-1][:3].lower(), []).append(i)
    matched: dict[str, tuple[list[int], list[int]]] = {}  # form -> (full names, their starts)
    for i, form in enumerate(forms):
        if len(form.split()) != 1:
            continue
        if form not in matched:
            matches = [j for j in by_surname.get(form[:3].lower(), ()) if same_word(form, forms[j].split()[-1])]
            matched[form] = (matches, [spans[j][0] for j in matches])
        matches, starts = matched[form]
        if matches:
            k = bisect_right(starts, spans[i][0]) - 1
            union(i, matches[k] if k >= 0 else matches[0])


def _link_acronyms(text: str, spans: list[Cand], forms: list[str], union) -> None:
    """A name followed by an acronym in parentheses joins every span of that acronym."""
    first_of: dict[str, int] = {}
    for k, form in enumerate(forms):
        first_of.setdefault(form, k)
    for i in range(len(spans) - 1):
        j = i + 1
        between = text[spans[i][1] : spans[j][0]]
        if between.strip() == "(" and is_acronym(forms[j]) and text[spans[j][1] : spans[j][1] + 1] == ")":
            union(i, first_of[forms[j]])  # the same form's spans are already one group


def extract_entities_in(text: str, lang: Language) -> list[Entity]:
    """Entities of a text in a language of :mod:`.lang` (French NER, else the rules)."""
    if lang.code == "fr":
        return build_entities(text, _with_rules(french_candidates(text), rule_candidates(text, lang), text), "spacy-fr")
    return build_entities(text, rule_candidates(text, lang), "rules")
