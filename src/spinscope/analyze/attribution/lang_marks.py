"""Quotation marks and sentences for the languages of :mod:`.lang` (the first step of the
``quotes`` analyzer beyond English).

Marks are paired per paragraph with the language's pairs («…», „…“, »…«, ‚…‘, “…”,
"…"): an opening mark waits for one of its closing marks. Sloppy typing is tolerated: a
closing mark with a letter right after it and a space before opens a quotation
("» Je ferai … «"), and an opening mark with no letter after it closes the open one ("«
les femmes en général « ."). A quotation left open at the end of a paragraph counts when
the next paragraph opens with a mark (the multi-paragraph convention); otherwise it is
dropped. Inner spans exclude the marks, surrounding spaces and trailing ``,.;:``.

Sentences end at ``.!?…`` followed by a space, or at a line break, but never inside a
quotation, so a quoted sentence stays inside the sentence that reports it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lang import Language

_STRAIGHT = '"'


def _pairs(lang: Language) -> tuple[dict[str, set[str]], set[str]]:
    openers: dict[str, set[str]] = {}
    closers: set[str] = set()
    for a, b in lang.quote_marks:
        openers.setdefault(a, set()).add(b)
        closers.add(b)
    return openers, closers


def _pair_line(line: str, openers: dict[str, set[str]], closers: set[str]) -> list[tuple[int, int | None]]:
    """(inner start, closing position or None when left open) of the line's quotations."""
    out: list[tuple[int, int | None]] = []
    open_at: int | None = None
    expected: set[str] = set()
    for i, ch in enumerate(line):
        if ch not in openers and ch not in closers:
            continue
        nxt = line[i + 1 : i + 3].lstrip()[:1]
        letter_after = nxt.isalnum()
        if open_at is None:
            prev = line[i - 1] if i else " "
            if ch in openers and (letter_after or ch == _STRAIGHT or nxt in openers):
                open_at, expected = i + 1, openers[ch]
            elif ch in closers and letter_after and not prev.isalnum():
                open_at, expected = i + 1, closers | set(openers)  # a reversed opening mark
        elif ch in expected or (ch in openers and not letter_after):
            out.append((open_at, i))
            open_at = None
        elif ch in openers:
            open_at, expected = i + 1, openers[ch]  # a new quotation: the previous mark was stray
    if open_at is not None:
        out.append((open_at, None))
    return out


def find_marks_in(text: str, lang: Language) -> list[tuple[int, int]]:
    """Inner ``(start, end)`` of the quotations in ``text``, in order."""
    openers, closers = _pairs(lang)
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    for li, (off, line) in enumerate(lines):
        for s, e in _pair_line(line, openers, closers):
            if e is None:
                following = next((ln.lstrip() for _, ln in lines[li + 1 :] if ln.strip()), "")
                if not following or (following[0] not in openers and following[0] not in closers):
                    continue
                e = len(line)
            _append(out, text, off + s, off + e)
    return out


def _append(out: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:"):
        e -= 1
    if e - s >= 2 and any(c.isalpha() for c in text[s:e]):
        out.append((s, e))


_END = re.compile(r"[.!?…]+[\"»”“]?(?=\s)|\n")


class Sentences:
    """Sentence bounds of a text, never splitting inside a quotation."""

    def __init__(self, text: str, marks: list[tuple[int, int]]) -> None:
        starts = [s for s, _ in marks]
        ends = [e for _, e in marks]
        cuts = [0]
        for m in _END.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < ends[k] and text[m.start()] != "\n":
                continue  # inside a quotation
            if text[m.start()] != "\n" and text[m.end() : m.end() + 3].lstrip()[:1].islower():
                continue  # an abbreviation: "23 listopada 2021 r. jest"
            cuts.append(m.end())
        cuts.append(len(text))
        self.cuts = sorted(set(cuts))

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``, spaces trimmed at the start."""
        k = bisect_right(self.cuts, pos) - 1
        k = max(0, min(k, len(self.cuts) - 2))
        return self.cuts[k], self.cuts[k + 1]

    def before(self, pos: int) -> tuple[int, int] | None:
        """The sentence ending at or just before ``pos`` (the one before the sentence at ``pos``)."""
        start, _ = self.around(pos)
        if start == 0:
            return None
        return self.around(start - 1)
