"""Faster drop-ins for spaCy's ``attribute_ruler`` and ``lemmatizer`` with the same output.

``en_core_web_sm``'s attribute ruler maps fine-grained tags to coarse ones (``pos_``) and
morphology, and fixes a few lemmas and parts of speech, through 179 token patterns run by
spaCy's ``Matcher``. That matcher cost about as much as the dependency parser (1.7 s of CPU
over 40 articles of ~6,000 characters, 15% of the whole parse). Most patterns are one token
with only ``TAG`` and/or ``LOWER`` equal to a string: those are looked up in dictionaries;
the rest (dependency labels, two-token patterns, sets, regular expressions, spaces) are
indexed by a value their first token must have and checked in Python; a pattern using
anything else (operators, other attributes) still goes through a ``Matcher`` holding only it. Matches are found on the tokens as they are
before any rule applies and applied in the ruler's order (a later rule wins), exactly as
``AttributeRuler.match`` + ``set_annotations`` do: the output is the same token for token
(checked by a test against the original component).

The English rule lemmatizer's answer depends only on a token's form, coarse part of speech
and morphology (its own cache key), but it walks the document token by token in Python
(~25 ms of CPU per article, 10% of the parse); :class:`FastLemmatizer` reads those three
attributes as one array, looks each combination up once per process and writes the lemmas back
as one array: the same lemmas (tested), ~10x less CPU.
"""

from __future__ import annotations

import re
from typing import Any

_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_SETS = ("IN", "NOT_IN")


def _value_ok(spec: Any) -> bool:
    if isinstance(spec, (str, bool)):
        return True
    if not isinstance(spec, dict) or len(spec) != 1:
        return False
    (op, arg), = spec.items()
    return (op in _SETS and isinstance(arg, list)) or (op == "REGEX" and isinstance(arg, str))


def _supported(pattern: list[dict[str, Any]]) -> bool:
    """A pattern of 1-2 tokens over TAG/LOWER/DEP/IS_SPACE, values equal / IN / NOT_IN / REGEX."""
    return 1 <= len(pattern) <= 2 and all(
        tok and set(tok) <= set(_ATTRS) and all(_value_ok(v) for v in tok.values()) for tok in pattern
    )


class _Check:
    """One token of a pattern as a predicate over a token."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.tests: list[tuple[str, str, Any]] = []
        for key, value in spec.items():
            if isinstance(value, dict):
                (op, arg), = value.items()
                self.tests.append((_ATTRS[key], op, frozenset(arg) if op in _SETS else re.compile(arg)))
            else:
                self.tests.append((_ATTRS[key], "EQ", value))

    def __call__(self, tok: Any) -> bool:
        for attr, op, arg in self.tests:
            value = getattr(tok, attr)
            if op == "EQ":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:
                ok = arg.search(value) is not None
            if not ok:
                return False
        return True


def _anchors(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    """(attribute, value) pairs of which a token matching ``spec`` must have one: an
    equality, else the members of an IN set; the whole pattern when there is none."""
    for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        value = spec.get(key)
        if isinstance(value, (str, bool)):
            return [(key, value)]
    for key in ("LOWER", "TAG", "DEP"):
        value = spec.get(key)
        if isinstance(value, dict) and "IN" in value:
            return [(key, v) for v in value["IN"]]
    return [("*", None)]


class FastAttributeRuler:
    """Callable pipeline component built from a loaded ``AttributeRuler``."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.index: dict[tuple[str, Any], list[tuple[int, list[_Check]]]] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)
        self._fallback = 0
        for rule_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not _supported(pattern):
                    self.matcher.add(str(rule_id), [pattern])
                    self._fallback += 1
                    continue
                checks = [_Check(spec) for spec in pattern]
                for anchor in _anchors(pattern[0]):
                    self.index.setdefault(anchor, []).append((rule_id, checks))
        self._any = self.index.get(("*", None), [])
        self._cache: dict[tuple[str, str, str, bool], tuple[tuple[int, ...], tuple[tuple[int, list[_Check]], ...]]] = {}

    def _rules(self, tok: Any) -> tuple[tuple[int, ...], tuple[tuple[int, list[_Check]], ...]]:
        """The one-token rules ``tok`` matches and the longer rules that may start at it; both
        depend only on the four attributes read, so they are cached by them."""
        key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
        found = self._cache.get(key)
        if found is None:
            get = self.index.get
            candidates = [*get(("TAG", key[0]), ()), *get(("LOWER", key[1]), ()), *get(("DEP", key[2]), ()),
                          *get(("IS_SPACE", key[3]), ()), *self._any]
            single = tuple(rule for rule, checks in candidates if len(checks) == 1 and checks[0](tok))
            longer = tuple((rule, checks) for rule, checks in candidates if len(checks) > 1 and checks[0](tok))
            found = (single, longer)
            if len(self._cache) < 500_000:
                self._cache[key] = found
        return found

    def matches(self, doc: Any) -> list[tuple[int, int, int]]:
        """``(rule, start, end)`` for every rule that matches, in the order rules apply."""
        found = set()
        n = len(doc)
        for tok in doc:
            i = tok.i
            single, longer = self._rules(tok)
            for rule in single:
                found.add((rule, i, i + 1))
            for rule, checks in longer:
                end = i + len(checks)
                if end <= n and all(check(doc[i + k]) for k, check in enumerate(checks) if k):
                    found.add((rule, i, end))
        if self._fallback:
            strings = doc.vocab.strings
            found.update((int(strings[key]), start, end) for key, start, end in self.matcher(doc, allow_missing=True))
        return sorted(found)

    def __call__(self, doc: Any) -> Any:
        from spacy.pipeline.attributeruler import set_token_attrs

        for rule, start, end in self.matches(doc):
            set_token_attrs(doc[start:end][self.indices[rule]], self.attrs[rule])
        return doc


class FastLemmatizer:
    """Callable pipeline component built from a loaded rule ``Lemmatizer``: the lemma of each
    (form, part of speech, morphology) is asked of it once, then read from a dictionary;
    tokens that already have a lemma (set by the attribute ruler) keep it, as in the original."""

    MAX_CACHE = 300_000

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        cache, strings = self._cache, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            found = cache.get((orth, pos, morph))
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(cache) < self.MAX_CACHE:
                    cache[(orth, pos, morph)] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


def install(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Replace ``nlp``'s attribute ruler by :class:`FastAttributeRuler` (same name, same
    place); False when the pipeline has none."""
    return replace_component(nlp, name, FastAttributeRuler)


def install_lemmatizer(nlp: Any, name: str = "lemmatizer") -> bool:
    """Replace ``nlp``'s rule lemmatizer by :class:`FastLemmatizer`; False when the pipeline has
    none or its lemmatizer is not in rule mode."""
    if name not in nlp.pipe_names or getattr(nlp.get_pipe(name), "mode", None) != "rule":
        return False
    return replace_component(nlp, name, FastLemmatizer)


def replace_component(nlp: Any, name: str, kind: Any) -> bool:
    """Put ``kind(component)`` in the place and under the name of ``nlp``'s component ``name``
    (also used by :mod:`.nlp_ner`); False when there is none."""
    if name not in nlp.pipe_names:
        return False
    from spacy.language import Language

    fast = kind(nlp.get_pipe(name))
    component = f"spinscope_fast_{name}_{id(fast)}"
    Language.component(component, func=fast)
    nlp.replace_pipe(name, component)
    return True
