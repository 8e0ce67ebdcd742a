"""The outlet's own genre label: a byline or a URL section that says what the piece is.

An outlet marks its editorials, columns and satire ("By: Editorial Board",
``/opinion/``, "Staff Satirist"); that label is stronger evidence of the genre than
any text model trained on other outlets, so :func:`.genre.decide` takes it over the
model's label and says so in the note (the model's scores are kept as they are).

Only explicit words count, in the six languages: a person's name, "staff writer",
"Reuters" or a political editor's title say nothing. In a URL only the section
folders are read, never the last part (the slug "opinion-poll-shows-..." is a title).
The training data has no bylines or URLs, so this rule is measured by no protocol;
it is a rule, documented as one, not something learnt.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Whole words (stems where the six languages inflect), matched case-insensitively.
_SATIRE = r"satir\w*|satyr\w*|сатир\w*|parod\w*|пароди\w*"
_OPINION = (
    r"editorial(?:s|e|i)?|éditorial\w*|the editors|editors' view|our view|leader comment|opinion\w*|op[- ]?ed"
    r"|commentar\w*|comment|column\w*|chroniqu\w*|point de vue|kommentar\w*|meinung\w*|leitartik\w*"
    r"|gastbeitrag|kolumn\w*|opinion[ei]|commento|commenti|rubrica|opinia|opinie|felieton\w*|komentarz\w*"
    r"|publicystyka|od redakcji|мнени[ея]|колонк\w*|колумнист\w*|от редакции|редакционн\w*|комментари\w*"
)
_STAFF = r"(?:staff|team|desk|office|assistant|department)"  # "Editorial staff" writes reporting too
_BYLINE = {
    "satire": re.compile(rf"(?<!\w)(?:{_SATIRE})(?!\w)", re.IGNORECASE),
    "opinion": re.compile(rf"(?<!\w)(?:{_OPINION})(?!\w)(?!\s+{_STAFF})", re.IGNORECASE),
}
_SECTION = {genre: re.compile(rf"(?:{words})", re.IGNORECASE) for genre, words in
            (("satire", _SATIRE), ("opinion", _OPINION + r"|commentisfree|ideas|idees|tribunes?"))}  # "Chicago Tribune" is a byline


def _section_folders(url: str) -> list[str]:
    """The folders of a URL's path, without its last part (the slug)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    parts = path.split("/")
    return [p.replace("-", " ").replace("_", " ") for p in parts[1:-1] if p]


def outlet_genre(author: str | None = None, url: str | None = None) -> tuple[str, str] | None:
    """``(genre, evidence)`` when the byline or the URL's section names the genre
    (satire before opinion when both do), else None. ``evidence`` quotes what was read."""
    for genre in ("satire", "opinion"):
        if author and _BYLINE[genre].search(author):
            return genre, f"byline {author.strip()!r}"
        for folder in _section_folders(url or ""):
            if _SECTION[genre].fullmatch(folder):
                return genre, f"URL section '/{folder}/'"
    return None
