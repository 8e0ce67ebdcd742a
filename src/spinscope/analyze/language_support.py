"""How well spinscope's models cover an article's language: ``full``, ``zero-shot`` or
``unsupported`` (``Article.language_support``).

* ``full``: one of the six SemEval-2023 languages (en, fr, de, it, pl, ru), written
  in its own script: every model was trained on labelled articles of the language.
* ``zero-shot``: another language in a script the multilingual sentence encoder was
  trained on (Latin, Cyrillic, Arabic, Chinese, Japanese, Korean, Thai): the
  multilingual models run on it, but were never trained or measured on it.
* ``unsupported``: a script the encoder does not read (Greek, Georgian, Hebrew,
  Armenian, Devanagari, ...; measured: the encoder maps Greek or Georgian sentences
  close to each other and nowhere near their English translations, cosine 0.0-0.3
  against 0.66-0.91 for Spanish or Arabic), or no letters at all: results for such
  an article are not meaningful, and the output says so.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

FULL, ZERO_SHOT, UNSUPPORTED = "full", "zero-shot", "unsupported"
LEVELS = (FULL, ZERO_SHOT, UNSUPPORTED)
FULL_LANGUAGES = frozenset({"en", "fr", "de", "ge", "it", "pl", "po", "ru"})  # ISO and SemEval codes
TRAINED_SCRIPTS = {"en": "LATIN", "fr": "LATIN", "de": "LATIN", "ge": "LATIN", "it": "LATIN", "pl": "LATIN",
                   "po": "LATIN", "ru": "CYRILLIC"}
ENCODER_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "ARABIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"})
MESSAGES = {
    FULL: "The models were trained and measured on this language.",
    ZERO_SHOT: "Zero-shot: the multilingual models were not trained on this language; "
               "treat genre, frames and techniques as rough indications.",
    UNSUPPORTED: "Unsupported script: the models cannot read this text, so genre, frames "
                 "and techniques below are not meaningful.",
}
_SAMPLE = 5000


def dominant_script(text: str) -> str | None:
    """The Unicode script name (first word of the character names: ``LATIN``,
    ``CYRILLIC``, ``GREEK``, ``CJK``, ...) of most letters in the text's first 5000
    characters; None when it has no letters."""
    counts: Counter[str] = Counter()
    for ch in text[:_SAMPLE]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            counts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    return counts.most_common(1)[0][0] if counts else None


def language_support(language: str | None, text: str) -> str:
    """``full``, ``zero-shot`` or ``unsupported`` for an article in ``language``
    (ISO 639-1 or SemEval code; None: unknown) with this text."""
    script = dominant_script(text)
    if script is None or script not in ENCODER_SCRIPTS:
        return UNSUPPORTED
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    if code in FULL_LANGUAGES and TRAINED_SCRIPTS[code] == script:
        return FULL
    return ZERO_SHOT


def html_lang(language: str | None) -> str | None:
    """A BCP 47 tag for an HTML ``lang`` attribute (SemEval ``ge``/``po`` -> ``de``/``pl``);
    None when unknown or not a plain language code."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    code = {"ge": "de", "po": "pl"}.get(code, code)
    return code if code.isascii() and code.isalpha() and 2 <= len(code) <= 3 else None


def support_message(level: str | None, language: str | None = None) -> str | None:
    """The sentence shown beside an article's results (None for ``full`` or unknown)."""
    if level not in (ZERO_SHOT, UNSUPPORTED):
        return None
    lang = f" ({language})" if language else ""
    return MESSAGES[level].replace(":", f"{lang}:", 1)
