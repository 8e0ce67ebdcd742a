"""Links between the names of one actor, found by rule for the ``entities`` analyzer:
acronyms defined in parentheses and their later uses, appositions ("X, also known as Y"),
acronyms that spell out a name in the text.

Cost: acronym targets come from dictionaries of initials built once; overlap look-ups
and word occurrences use the bisected :class:`~.names.Cands` and the indexed
:class:`~.names.Occurrences`. The work grows linearly with the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .names import NAME, Cand, Cands, Occurrences, clean_span
from .nlp import name_key

Link = tuple[tuple[int, int], tuple[int, int]]

_ACRONYM_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z.&\-]{1,11})\s*\)")
_NAME_PAREN = re.compile(rf"\(\s*(?:the\s+)?({NAME})\s*\)")
_ALIAS_BEFORE = re.compile(rf"(?:\b[Tt]he\s+)?({NAME})\s*,?\s+(?:or|also known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?$")
_ALIAS_AFTER = re.compile(rf"^\s*,?\s+(or|also known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?({NAME})")
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z.&\-]*[A-Z]\.?s?$|^[A-Z]{2,}[a-z]?$")


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


def is_acronym(form: str) -> bool:
    return bool(_ACRONYM_SHAPE.match(form.replace(" ", "")))


def acronym_links(text: str, cands: Cands, where: Occurrences) -> list[Link]:
    """Find "Long Form (ACR)" and "ACR (Long Form)"; add mentions; return pairs of spans to merge."""
    links: list[Link] = []
    acronyms: dict[str, tuple[int, int]] = {}
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1)
        if not is_acronym(acr):
            continue
        before = text[max(0, m.start() - 160) : m.start()]
        nm = re.search(rf"({NAME})\s*$", before)
        if not nm:
            continue
        off = m.start() - len(before)
        words = [(w.start(), w.group()) for w in re.finditer(r"\S+", nm.group(1))]
        for k in range(len(words)):
            if _initials([words[k][1]])[:1] == acr[0] and _acronym_fits(acr, [w for _, w in words[k:]]):
                break
        else:
            continue
        ls, le = clean_span(text, off + nm.start(1) + words[k][0], off + nm.end(1))
        cands.add(Cand(ls, le, text[ls:le], "OTHER", "acronym"))
        cands.add(Cand(m.start(1), m.end(1), acr, "OTHER", "acronym"))
        links.append(((ls, le), (m.start(1), m.end(1))))
        acronyms[acr] = (ls, le)
    for m in _NAME_PAREN.finditer(text):
        inner = m.group(1)
        prev = _word_before(text, m.start())
        if not prev or not is_acronym(prev[2]) or not _acronym_fits(prev[2], inner.split()):
            continue
        ls, le = clean_span(text, m.start(1), m.end(1))
        cands.add(Cand(prev[0], prev[1], prev[2], "OTHER", "acronym"))
        cands.add(Cand(ls, le, text[ls:le], "OTHER", "acronym"))
        links.append(((ls, le), (prev[0], prev[1])))
        acronyms[prev[2]] = (ls, le)
    # every other bare use of a defined acronym is a mention of the same actor
    for acr, long_span in acronyms.items():
        for span in where.find(acr):
            cands.add(Cand(span[0], span[1], acr, "OTHER", "acronym"))
            links.append((long_span, span))
    return links


def _word_before(text: str, pos: int) -> tuple[int, int, str] | None:
    """The acronym-like word ending just before ``pos`` (whitespace between allowed):
    ``re.search(r"([A-Z][A-Za-z.&\\-]{1,11})\\s*$", text[:pos])`` without scanning ``text[:pos]``."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    off = max(0, end - 12)
    m = re.search(r"([A-Z][A-Za-z.&\-]{1,11})$", text[off:end])
    return (off + m.start(1), off + m.end(1), m.group(1)) if m else None


def alias_links(text: str, cands: Cands) -> list[Link]:
    """"X or the Y" / "X, also known as Y" next to a known mention; return pairs to merge."""
    links: list[Link] = []
    for cand in list(cands.items):
        if cand.type in ("PERSON", "GPE", "LOC"):
            continue
        # the alias written before the mention: "the Hashd ash-Sha'bi or the <mention>"
        m = _ALIAS_BEFORE.search(text[max(0, cand.start - 120) : cand.start])
        if m:
            off = max(0, cand.start - 120)
            s, e = clean_span(text, off + m.start(1), off + m.end(1))
            other = text[s:e]
            if _alias_ok(other, cand.text, text[off + m.end(1) : cand.start]):
                cands.add(Cand(s, e, other, cand.type, "alias"))
                links.append(((s, e), (cand.start, cand.end)))
        # the alias written after: "<mention>, also known as Y"
        m2 = _ALIAS_AFTER.match(text[cand.end : cand.end + 120])
        if m2:
            s, e = clean_span(text, cand.end + m2.start(2), cand.end + m2.end(2))
            other = text[s:e]
            if _alias_ok(cand.text, other, m2.group(1)):
                cands.add(Cand(s, e, other, cand.type, "alias"))
                links.append(((cand.start, cand.end), (s, e)))
    return links


def initials_keys(name: str) -> tuple[str, str] | None:
    """The two initials strings :func:`strict_acronym` compares an acronym with."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words if w[0].isupper()), "".join(w[0].upper() for w in words if w.lower() != "the")


def _first_by_initials(spans: list[tuple[int, int]], text: str) -> dict[str, tuple[int, int]]:
    """initials -> the first span whose name has them (either way of counting)."""
    out: dict[str, tuple[int, int]] = {}
    for sp in spans:
        keys = initials_keys(text[sp[0] : sp[1]])
        for key in keys or ():
            if len(key) >= 2:
                out.setdefault(key, sp)
    return out


def _phrase_targets(text: str) -> dict[str, tuple[int, int]]:
    """initials -> the first capitalised phrase (from a capitalised word on) that spells them."""
    out: dict[str, tuple[int, int]] = {}
    for m in re.finditer(NAME, text):
        if " " not in m.group():
            continue
        ps, pe = m.start(), m.end()
        for w in re.finditer(r"\S+", text[ps:pe]):
            if w.group()[0].isupper():
                for key in initials_keys(text[ps + w.start() : pe]) or ():
                    if len(key) >= 2 and key not in out:
                        out[key] = clean_span(text, ps + w.start(), pe)
    return out


def undefined_acronyms(text: str, cands: Cands) -> list[Link]:
    """All-caps words never defined in parentheses that spell out a name in the text
    ("CBP" and "Customs and Border Protection"): add both as mentions and link them."""
    links: list[Link] = []
    names = _first_by_initials([(c.start, c.end) for c in cands.items if c.type in ("ORG", "GPE", "LOC", "NORP")], text)
    phrases: dict[str, tuple[int, int]] | None = None
    uses: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(r"(?<![\w\-])([A-Z]{2,6})(?![\w\-])", text):
        uses.setdefault(m.group(1), []).append((m.start(), m.end()))
    for acr in sorted(uses):
        target = names.get(acr)
        if target is None:
            if phrases is None:
                phrases = _phrase_targets(text)
            target = phrases.get(acr)
            if target is None:
                continue
            cands.add(Cand(target[0], target[1], text[target[0] : target[1]], "ORG", "acronym"))
        for span in uses[acr]:
            cands.add(Cand(span[0], span[1], acr, "OTHER", "acronym"))
            links.append((target, span))
    return links


def _alias_ok(first: str, second: str, connector: str) -> bool:
    if name_key(first) == name_key(second) or not first.strip() or not second.strip():
        return False
    if "known" in connector or connector.strip()[:1] == "a":
        return True
    # "X or the Y": beware of plain disjunctions ("the UN or the EU")
    if is_acronym(first) and is_acronym(second):
        return False
    if is_acronym(first) or is_acronym(second):
        acr, full = (first, second) if is_acronym(first) else (second, first)
        return _acronym_fits(acr, full.split())
    return len(first.split()) + len(second.split()) >= 3


@lru_cache(maxsize=65536)
def strict_acronym(acronym: str, name: str) -> bool:
    """An acronym used without a definition matches a name's initials exactly
    ("CBP" = Customs and Border Protection, "DOJ" = Department of Justice)."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2 or len(letters) < 2:
        return False
    caps = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0].upper() for w in words if w.lower() != "the")
    return letters in (caps, every)


def lone_acronyms(doc, cands: Cands) -> None:
    """All-caps nouns of two to four letters used at least twice that NER left out and the
    text never spells out ("ICE officials said ...", "a letter from ICE"): organisations
    under the acronym. Words in an all-caps stretch ("WHITE MEN") or with a determiner
    ("the WOMEN") are emphasis, not names."""
    seen: dict[str, list] = {}
    for tok in doc:
        if tok.pos_ in ("PROPN", "NOUN") and 2 <= len(tok.text) <= 4 and tok.text.isalpha() and tok.text.isupper():
            seen.setdefault(tok.text, []).append(tok)
    for acr, toks in seen.items():
        if len(toks) < 2 or any(c.dep_ == "det" for t in toks for c in t.children):
            continue  # "the WOMEN in this country": a shouted noun, not an acronym
        for tok in toks:
            near = [t for t in (tok.nbor(-1) if tok.i else None, tok.nbor(1) if tok.i + 1 < len(doc) else None) if t is not None]
            if any(t.is_alpha and len(t) > 1 and t.text.isupper() for t in near):
                continue
            s, e = tok.idx, tok.idx + len(tok)
            if not len(cands.overlapping(s, e)):
                cands.add(Cand(s, e, acr, "ORG", "acronym"))


def acronym_pairs(cands: list[Cand]) -> list[tuple[int, int]]:
    """Acronyms never defined in the text that spell out the initials of a found name
    (the first such name; initials looked up in a dictionary, not by a scan): pairs of
    candidate positions to merge."""
    named: dict[str, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for j, other in enumerate(cands):
        if other.type in ("ORG", "GPE", "LOC", "NORP"):
            for key in set(initials_keys(other.text) or ()):
                if len(named.setdefault(key, [])) < 2:
                    named[key].append(j)
    for i, c in enumerate(cands):
        if not is_acronym(c.text) or len(c.text) > 8:
            continue
        letters = "".join(ch for ch in c.text if ch.isalpha()).upper()
        match = next((j for j in named.get(letters, []) if j != i), None) if len(letters) >= 2 else None
        if match is not None:
            pairs.append((i, match))
    return pairs


def handle_pairs(cands: list[Cand]) -> list[tuple[int, int]]:
    """A social-media handle that spells a person's full name the article gives
    ("@realDonaldTrump" beside "Donald J. Trump", "@AllisonHarrisFN" beside "Allison
    Harris"): pairs of candidate positions to merge, when exactly one name fits."""
    spelled: dict[str, int] = {}  # first and last name run together -> the first such mention
    for j, c in enumerate(cands):
        words = re.findall(r"[^\W\d_]+", c.text.lower())
        if c.type == "PERSON" and len(words) >= 2 and len(words[0] + words[-1]) >= 6:
            spelled.setdefault(words[0] + words[-1], j)
    pairs = []
    for i, c in enumerate(cands):
        handle = re.sub(r"[\W_]+", "", c.text.lower()) if c.text.startswith("@") else ""
        fits = [j for key, j in spelled.items() if key in handle]
        if len(fits) == 1:
            pairs.append((i, fits[0]))
    return pairs
