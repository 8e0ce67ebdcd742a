"""Quotation marks paired per paragraph (the first step of the ``quotes`` analyzer).

Curly double (“…”), straight double ("…", alternating), guillemets, „…“, and single
quotes (‘…’ / '…') when they are clearly not apostrophes. An opening mark left open at
the end of a paragraph counts only under the news convention for multi-paragraph
quotes (the next paragraph opens with a mark), or when it resumes a quotation its cue has
just interrupted in the same paragraph; otherwise the stray mark is ignored.

Cost: one pass over the text; every look-up (the next non-empty paragraph, the double
quotation around a single one, the number of words inside a single quotation) is
precomputed or bisected, so time is linear in the length of the text however the
marks are arranged.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_CLOSERS = {"\u201d", "\u00bb"}
_LEADING_MARKS = ('"', "\u201c", "\u00ab", "\u201e")


@dataclass
class Mark:
    start: int  # first char inside the marks
    end: int  # the closing mark (exclusive end of the inside)
    single: bool
    own_words: bool = False  # inside a double-quoted one, after "I said, ‘": the speaker quoting themself


def find_quotation_spans(text: str) -> list[tuple[int, int]]:
    """Inner ``(start, end)`` of every paired quotation in ``text`` (marks excluded,
    whitespace and trailing ``,.;:`` trimmed). Tolerates unbalanced marks."""
    return [(m.start, m.end) for m in find_marks(text)]


# inside a quotation, the speaker quoting their own words: "I said, ‘...’", "I was like, ‘...’", "I told the House, ‘...’"
_SAID_I = re.compile(r"\b(?:I|we)\s+(?:said|say|says|told(?:\s+\w+){1,2}|was like|asked|replied|answered|wrote)\s*[,:]?\s*[\u2018']$")


def find_marks(text: str) -> list[Mark]:
    marks: list[Mark] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    # the first character of the next non-empty line after each line ("" when none)
    next_opens = [""] * len(lines)
    following = ""
    for li in range(len(lines) - 1, -1, -1):
        next_opens[li] = following
        if lines[li][1].strip():
            following = lines[li][1].lstrip()[:1]
    for li, (off, line) in enumerate(lines):
        doubles = _pair_doubles(line)
        opened_at_end = bool(doubles) and doubles[-1][1] is None
        for s, e in doubles:
            if e is None:
                closing = _closed_next_line(lines, li) if line[s - 1 : s] == "\u201c" else None
                if (next_opens[li] in _LEADING_MARKS and opened_at_end) or _resumed(line, doubles, s):
                    e = len(line)
                elif closing is not None:  # “… regulations.\nAttorney General Barr will … steps.”
                    _append(marks, text, off + s, closing, single=False)
                    continue
                else:
                    continue
            _append(marks, text, off + s, off + e, single=False)
        inside = [(s, e if e is not None else len(line)) for s, e in doubles]
        starts = [a for a, _ in inside]
        for s, e in _pair_singles(line):
            k = bisect_right(starts, s) - 1  # doubles do not overlap: only this one can hold it
            nested = k >= 0 and e <= inside[k][1]
            own = nested and _SAID_I.search(text, max(0, off + s - 40), off + s) is not None
            if nested and not own:
                continue  # a quotation nested in a double-quoted one, unless the speaker quotes themself
            _append(marks, text, off + s, off + e, single=True, own_words=own)
    marks.sort(key=lambda m: m.start)
    return marks


def _resumed(line: str, doubles: list[tuple[int, int | None]], s: int) -> bool:
    """A quotation resumed after its cue and never closed ("“…,” Saucier said. “President Trump
    noticed ... to me." and the paragraph ends): it runs to the end of the line when a closed
    quotation ends at most 60 characters before it and the line ends a sentence."""
    closed = [e for _s, e in doubles if e is not None and e < s]
    return bool(closed) and s - closed[-1] <= 60 and any(c.isalpha() for c in line[closed[-1] : s]) and line.rstrip().endswith((".", "!", "?"))


def _closed_next_line(lines: list[tuple[int, str]], li: int) -> int | None:
    """The offset of a closing ” in the line after ``li`` with no opening mark before it (a
    quotation broken across two lines), else None."""
    if li + 1 >= len(lines):
        return None
    off, line = lines[li + 1]
    close = line.find("\u201d")
    if close < 0 or "\u201c" in line[:close] or '"' in line[:close]:
        return None
    return off + close


def _append(marks: list[Mark], text: str, s: int, e: int, *, single: bool, own_words: bool = False) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:"):
        e -= 1
    if e - s >= 2 and any(c.isalpha() for c in text[s:e]):
        marks.append(Mark(s, e, single, own_words))


def _pair_doubles(line: str) -> list[tuple[int, int | None]]:
    """Pairs of (inner start, inner end or None when left open) for double marks."""
    out: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, ch in enumerate(line):
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if ch in _OPENERS:
            if open_at is not None and ch == "\u201c" and not prev.isspace() and not nxt.isalnum():
                out.append((open_at, i))  # “sloppy“ closing with an opening mark
                open_at = None
            else:
                open_at = i + 1
        elif ch in _CLOSERS:
            if open_at is not None:
                out.append((open_at, i))
                open_at = None
            elif (prev.isspace() or i == 0) and nxt.isalnum():
                open_at = i + 1  # ”reversed” opening mark
        elif ch == '"':
            if open_at is None:
                open_at = i + 1
            else:
                out.append((open_at, i))
                open_at = None
    if open_at is not None:
        out.append((open_at, None))
    return out


class _WordCount:
    """``len(line[a:b].split())`` in O(1) after one pass over the line."""

    def __init__(self, line: str) -> None:
        self.line = line
        starts = (not ch.isspace() and (i == 0 or line[i - 1].isspace()) for i, ch in enumerate(line))
        self.before = [0, *accumulate(int(x) for x in starts)]  # word starts before each index

    def __call__(self, a: int, b: int) -> int:
        if a >= b:
            return 0
        first = 0 if self.line[a].isspace() else 1  # a word cut at ``a`` starts there
        return first + self.before[b] - self.before[a + 1]


def _pair_singles(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    words: _WordCount | None = None
    for i, ch in enumerate(line):
        if ch not in "\u2018\u2019'":
            continue
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if open_at is None:
            if ch in "\u2018'" and (prev.isspace() or prev in "([\u2014-") and nxt.isalnum():
                open_at = i + 1
        elif ch in "\u2019'" and not prev.isspace() and not nxt.isalnum():
            words = words or _WordCount(line)
            if prev in "sS" and nxt == " " and words(open_at, i) > 30:
                continue  # probably a plural possessive
            if words(open_at, i) <= 40:
                out.append((open_at, i))
            open_at = None
    return out


class MarkCover:
    """The most characters of a range that one quotation in marks covers, looking at the
    quotation around the range's start and the next three (constant time a range, so
    nested "X said that Y said that ..." clauses stay linear)."""

    def __init__(self, marks: list[Mark], text: str) -> None:
        self.marks = marks
        self.starts = [m.start for m in marks]
        self.text = text

    def leads(self, s: int) -> bool:
        """A range starting with a quotation closed by a comma ("“…,” Queen's University
        fellow X told ..."): the quotation is the said clause, whatever the parse joins."""
        k = bisect_left(self.starts, s)
        for m in self.marks[max(0, k - 1) : k + 1]:
            if m.start - 1 <= s <= m.start and self.text[m.end : m.end + 2] in (',"', ",\u201d"):
                return True
        return False

    def framed(self, s: int, e: int) -> bool:
        """The clause has two words of its own before the quotation in it ("saying the matter
        “will be handled properly”"): reported speech with a quoted fragment, not a quotation."""
        k = bisect_left(self.starts, s)
        m = self.marks[k] if k < len(self.marks) else None
        if m is None or m.start >= e:
            return False
        own = [w for w in self.text[s : m.start - 1].split() if w.lower() != "that"]
        return len(own) >= 2

    def __call__(self, s: int, e: int) -> int:
        k = max(0, bisect_left(self.starts, s) - 1)
        best = 0
        for m in self.marks[k : k + 4]:
            best = max(best, min(e, m.end + 1) - max(s, m.start - 1))
        return best
