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


@lru_cache(maxsize=256)
def blank_furniture(text: str) -> str:
    """``text`` with each widget replaced by as many spaces, and, in a text hard-wrapped at a
    fixed width (five or more line breaks inside sentences), those breaks read as spaces.
    Cached: the entities, quotes and dates analyzers each ask for the same article's text,
    and the parse cache is keyed on what this returns."""
    if "take our poll" in text.lower():
        text = _POLL.sub(lambda m: " " * len(m.group(0)), text)
    if len(_WRAP.findall(text, 0, 20000)) >= 5:
        text = _WRAP.sub(" ", text)
    return text
