"""The canonical name of an entity from the forms of its mentions (a step of :mod:`.entities`)."""

from __future__ import annotations

import re

from .name_links import is_acronym
from .nlp import name_key, normalise_name

#: Very common variants of a name that no in-article cue links; keys are name_key()s.
KNOWN_CANONICAL = {
    "us": "United States", "usa": "United States", "unitedstates": "United States",
    "unitedstatesofamerica": "United States", "america": "United States",
    "uk": "United Kingdom", "unitedkingdom": "United Kingdom", "britain": "United Kingdom",
    "greatbritain": "United Kingdom",
    "un": "United Nations", "unitednations": "United Nations",
    "eu": "European Union", "europeanunion": "European Union",
    "nato": "NATO", "northatlantictreatyorganization": "NATO",
    "ussr": "Soviet Union", "sovietunion": "Soviet Union",
    "fbi": "Federal Bureau of Investigation", "federalbureauofinvestigation": "Federal Bureau of Investigation",
    "cia": "Central Intelligence Agency", "centralintelligenceagency": "Central Intelligence Agency",
    "who": "World Health Organization", "worldhealthorganization": "World Health Organization",
    "dems": "Democrats", "democrats": "Democrats",
}


def canonical_name(forms: list[str]) -> str:
    """The name an entity shows for the forms of its mentions: a well-known variant's name
    (in the article's own spelling if it writes it), else the longest mixed-case form."""
    normalised = [normalise_name(f) for f in forms]
    for form in normalised:
        known = KNOWN_CANONICAL.get(name_key(form))
        if known:
            # the article's own spelling of it wins ("World Health Organisation")
            same = [f for f in normalised if _spelling(f) == _spelling(known)]
            return same[0] if same else known
    full = [f for f in normalised if not is_acronym(f) and not f.startswith("@")]  # nor a handle
    mixed = [f for f in full if any(c.islower() for c in f)]  # "Las Vegas" over "LAS VEGAS"
    pool = mixed or full or normalised
    best = pool[0]
    for f in pool[1:]:
        if len(f) > len(best):
            best = f
    return best


def _spelling(name: str) -> str:
    """Letters and digits only, "s" read as "z" ("Organisation"/"Organization"): "US" is
    not a spelling of "United States"."""
    return re.sub(r"[^0-9a-z]+", "", name.lower()).replace("s", "z")
