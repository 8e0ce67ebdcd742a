"""Names found by capitalisation, for German, Italian, Polish and Russian (and French
names the French NER missed): the candidate step of :mod:`.lang_entities`.

Runs of capitalised words (joined by the language's name connectors, "di", "von"), titles
stripped ("Kanzler Scholz", "президент"); a word whose lowercase form also occurs in the
text is a common word. A sentence's first word counts only when the same word (or an
inflected form of it, :func:`same_word`) is also capitalised inside a sentence. A run is
split after a leading name found on its own elsewhere ("США | Дональда Трампа"). German
capitalises every noun, so a single German word needs more: a title before it, an
acronym, a dateline ("Bonn (dpo)"), a preposition with no article ("aus München"), a
genitive before a noun ("Deutschlands Gasvorräte"), or being the surname of a longer name;
a German run of two words needs no article, number or adjective before it (or a place
adjective in it: "des Europäischen Forstinstituts").
"""

from __future__ import annotations

import re
from collections import Counter

from .lang import Language

TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\)?\s+|\n\s*|[\"«»„“”—–-]\s*)$")
_PLACE_PREP = frozenset({"in", "aus", "nach", "w", "we", "z", "ze", "do", "в", "во", "из", "на", "a", "à", "en", "au"})
_DE_PREP = frozenset({"aus", "in", "nach"})
_DE_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"})

Cand = tuple[int, int, str]  # (start, end, type)



def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


class _Text:
    """Tokens of a text with what the rules ask of them."""

    def __init__(self, text: str, lang: Language) -> None:
        self.text = text
        self.lang = lang
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]
        self.lower = {w for _, _, w in self.tokens if w[0].islower()}
        self.initial = [bool(_SENTENCE_START.search(text[max(0, s - 3) : s])) for s, _, _ in self.tokens]

    def common(self, word: str) -> bool:
        """A title, or a word the text also writes in lowercase (so not a name)."""
        low = word.lower()
        if self.lang.code == "de" and any(low.endswith(t) for t in self.lang.titles if len(t) >= 6):
            return True  # German compounds: "Ministerpräsident", "Waldbrandexpertin"
        return low in self.lang.titles or (low in self.lower and not is_acronym(word))

    def dateline(self, k: int) -> bool:
        """The token opens a line and a parenthesis follows: "Bonn (dpo) -"."""
        s, e, _ = self.tokens[k]
        return (s == 0 or self.text[s - 1] == "\n") and self.text[e : e + 2] == " ("

    def runs(self) -> list[tuple[int, int, bool, bool]]:
        """(first, last token index, starts a sentence, follows a title) of capitalised runs."""
        out = []
        i, n = 0, len(self.tokens)
        while i < n:
            if not self.tokens[i][2][0].isupper():
                i += 1
                continue
            j = i
            while j + 1 < n and self._joins(j, j + 1):
                j += 1
            first, titled = i, False
            while first <= j and self.common(self.tokens[first][2]):
                titled = titled or self.tokens[first][2].lower() in self.lang.titles
                first += 1
            last = j
            while last >= first and self.common(self.tokens[last][2]):
                last -= 1
            if first <= last:
                out.append((first, last, self.initial[first] and first == i, titled))
            i = j + 1
        return out

    def _joins(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a][1] : self.tokens[b][0]]
        if not self.tokens[b][2][0].isupper() or self.initial[b]:
            return False
        if gap == " ":
            return True
        words = gap.split()
        return len(words) == 1 and words[0].lower() in self.lang.connectors and gap.count(" ") == 2


def _german_single(t: _Text, k: int, titled: bool, known_surnames: set[str]) -> bool:
    s, e, word = t.tokens[k]
    if titled or is_acronym(word) or word in known_surnames:
        return True
    before = t.tokens[k - 1][2].lower() if k else ""
    after = t.tokens[k + 1][2] if k + 1 < len(t.tokens) else ""
    if t.dateline(k):
        return True
    if before in _DE_PREP and not t.initial[k] and after.lower() not in _DE_ARTICLES:
        return True  # "aus München" (a common noun would have an article)
    if before == "so" and t.text[max(0, s - 6) : s].lstrip().startswith(('",', "“,", "“ ,", "»,")):
        return True  # "…", so Deniau
    genitive = len(word) >= 5 and word.endswith("s") and after[:1].isupper()
    return genitive and before not in _DE_ARTICLES and not t.initial[k]  # "Deutschlands Gasvorräte"


def rule_candidates(text: str, lang: Language) -> list[Cand]:
    """Names found by capitalisation (see the module docstring)."""
    t = _Text(text, lang)
    mid = _Words(w for (_, _, w), first in zip(t.tokens, t.initial, strict=True) if w[0].isupper() and not first)
    runs: list[tuple[int, int, bool]] = []
    for first, last, starts, titled in t.runs():
        if starts and not mid.has(t.tokens[first][2]) and not t.dateline(first):
            first += 1  # a sentence's first word, never capitalised inside a sentence
        if first <= last:
            runs.append((first, last, titled))
    runs = _split_known(t, runs)
    if lang.code == "de":
        longer = [r for r in runs if r[1] > r[0] and _german_name(t, *r, set())]
        surnames = {t.tokens[last][2] for _, last, _ in longer}
        runs = [r for r in runs if _german_name(t, *r, surnames)]
    return [(t.tokens[first][0], t.tokens[last][1], _type(t, first, last, titled)) for first, last, titled in runs]


class _Words:
    """A set of words that also answers for inflected forms (:func:`_same_word`)."""

    def __init__(self, words) -> None:
        self.by_prefix: dict[str, set[str]] = {}
        for w in words:
            self.by_prefix.setdefault(w[:3].lower(), set()).add(w.lower())

    def has(self, word: str) -> bool:
        return any(same_word(word, w) for w in self.by_prefix.get(word[:3].lower(), ()))


def _split_known(t: _Text, runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Runs split after a leading name found on its own elsewhere ("США | Дональда Трампа",
    "KCNA | Kim"), unless that name also starts other long names (a first name: "Kim Dzong Un")."""
    def form(a: int, b: int) -> str:
        return " ".join(t.tokens[k][2] for k in range(a, b + 1))

    alone = _Words(form(a, b) for a, b, _ in runs if a == b)
    multi = Counter(form(a, b).lower() for a, b, _ in runs)
    starters = Counter(t.tokens[a][2].lower() for a, b, _ in runs if b > a)  # first words of longer runs
    out = []
    for first, last, titled in runs:
        cut = None
        for k in range(first, last):
            head = form(first, k)
            # a longer head: a run found as such; one word: found alone, and this run is the
            # only longer one it starts (so not a first name)
            known = multi[head.lower()] > 0 if k > first else alone.has(head) and starters[head.lower()] <= 1
            if known:
                cut = k
                break
        if cut is None:
            out.append((first, last, titled))
        else:
            out += [(first, cut, titled), (cut + 1, last, False)]
    return out


def _german_name(t: _Text, first: int, last: int, titled: bool, surnames: set[str]) -> bool:
    """German capitalises nouns: a run of two words needs no article or number before it
    (or a place adjective in it: "des Europäischen Forstinstituts"); one word needs the
    cues of :func:`_german_single`."""
    if first == last:
        return _german_single(t, first, titled, surnames)
    before = t.tokens[first - 1][2].lower() if first else ""
    between = t.text[t.tokens[first - 1][1] : t.tokens[first][0]] if first else ""
    words = [t.tokens[k][2].lower() for k in range(first, last + 1)]
    if any(w.endswith(("ischen", "ische", "ischer", "isches")) for w in words):
        return True
    if titled:
        return True
    adjective = before.endswith(("e", "en", "er", "es", "em")) and t.tokens[first - 1][2][0].islower()
    adjective = adjective and not t.lang.speech_forms.fullmatch(before)  # "sagte Anna Berger"
    return before not in _DE_ARTICLES and not adjective and not any(c.isdigit() for c in between + before)


def _type(t: _Text, first: int, last: int, titled: bool) -> str:
    words = [t.tokens[k][2] for k in range(first, last + 1)]
    before = t.tokens[first - 1][2].lower() if first else ""
    if titled:
        return "PERSON"
    if len(words) == 1 and is_acronym(words[0]):
        return "ORG"
    if len(words) == 1 and (before in _PLACE_PREP or t.dateline(first)):
        return "GPE"  # "aus München", "w Warszawie", a dateline: "Bonn (dpo)"
    return "PERSON"


def same_word(a: str, b: str) -> bool:
    """Two inflections of one word: equal but for an ending of up to three letters."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    short = min(len(a), len(b))
    common = 0
    while common < short and a[common] == b[common]:
        common += 1
    if common == short:
        return short >= 3 and abs(len(a) - len(b)) <= 1
    return short >= 4 and common >= short - 1 and common >= max(len(a), len(b)) - 3


def same_name(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(same_word(x, y) for x, y in zip(wa, wb, strict=True))
