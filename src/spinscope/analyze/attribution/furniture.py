"""Site furniture inside an article's text: a news site's widget pasted into the body, such as
the poll form "take our poll - story continues below ... Privacy Policy and Terms of Use."
(a quarter of the English training articles carry it). Its questions are nobody's statements
and its answer list ("Dianne Feinstein Maxine Waters Adam Schiff ...") names no actor of the
story, so the English attribution analyzers read the text with it blanked out. A text hard-wrapped
at a fixed width (copied from an e-mail or a PDF) has line breaks inside its sentences, which
the analyzers would read as paragraphs; they read them as spaces. Both keep the length, so every
offset still points into the article as stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

_POLL = re.compile(r"take our poll - story continues below.{0,1500}?Terms of (?:Use|Service)\.", re.S | re.I)
# a line break inside a sentence of hard-wrapped text ("Muhammad\ntold TPM", "would\nhave")
_WRAP = re.compile(r"(?<=[a-z,;])\n(?=[a-z(“\"])")
# and, in such a text, one before a capital after a full-width line ("The photographer, Askia\nMuhammad"):
# a heading or a paragraph's end is shorter, or ends with punctuation
_BEFORE_CAPITAL = re.compile(r"(?<=[a-z,;])\n(?=[A-Z])")
_FULL_WIDTH = 50


@lru_cache(maxsize=256)
def blank_furniture(text: str) -> str:
    """``text`` with each widget replaced by as many spaces, and, in a text hard-wrapped at a
    fixed width (five or more line breaks inside sentences), those breaks read as spaces.
    Cached: the entities, quotes and dates analyzers each ask for the same article's text,
    and the parse cache is keyed on what this returns."""
    if "take our poll" in text.lower():
        text = _POLL.sub(lambda m: " " * len(m.group(0)), text)
    if len(_WRAP.findall(text, 0, 20000)) >= 5:
        text = _unwrap_capitals(_WRAP.sub(" ", text))
    return text


def _unwrap_capitals(text: str) -> str:
    """Line breaks before a capital that end a full-width line (not the title's) read as spaces."""
    title_end = text.find("\n")

    def join(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        return " " if m.start() > title_end and m.start() - line_start >= _FULL_WIDTH else "\n"

    return _BEFORE_CAPITAL.sub(join, text)
