"""The NER's spans as candidate mentions (a step of :mod:`.entities`): the types kept, the
adjectives dropped ("American forces"), the verbs a headline's Title Case dragged in cut, and
a span over two names, a link or a photo credit split into one mention per name
(:func:`.names.name_runs`), each cleaned (:func:`.names.clean_span`)."""

from __future__ import annotations

import re

from .first_names import is_first_name
from .names import Cand, clean_span, is_web_address, keeps_saint, name_runs, spells_place

TYPE_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}

_VERBISH = frozenset({"MD", "VBZ", "VBD", "VBP", "VB"})
_WH = frozenset({"WDT", "WP", "WRB"})


_SITE_TERMS = re.compile(r"\b(?:Privacy Policy|Terms of (?:Use|Service)|Cookie Policy)\b", re.IGNORECASE)


def ner_candidates(doc, text: str) -> list[Cand]:
    """The cleaned candidate mentions of a parsed document's NER spans, one per name."""
    places = {e.text for e in doc.ents if e.label_ == "GPE" and len(e.text) >= 4}
    out: list[Cand] = []
    for ent in doc.ents:
        etype = TYPE_MAP.get(ent.label_)
        if etype is None:
            continue
        if etype == "NORP" and (
            ent.root.pos_ == "ADJ"
            or ent.root.dep_ == "amod"
            or (ent.root.dep_ in ("compound", "nmod") and ent.root.tag_ not in ("NNS", "NNPS"))
        ):
            continue  # "American forces", "Guatemalan man": an adjective, not an actor
        if (
            len(ent) == 1
            and ent.root.dep_ in ("amod", "compound", "nmod")
            and any(spells_place(ent.text, p) for p in places)
        ):
            continue  # "Guatemalan" tagged ORG next to "Guatemala": still an adjective
        for run in name_runs(list(ent), ent.label_):
            for part, ptype in _person_at_end(run, etype):
                cand = _candidate(part, ptype, text)
                if cand is not None:
                    out.append(cand)
    return out


def _person_at_end(run: list, etype: str) -> list[tuple[list, str]]:
    """An organisation's span that ends with a person's first name and surname is the
    organisation and the person: "UN Nikki Haley", "Fox News' Sean Hannity"."""
    if etype in ("ORG", "GPE") and len(run) >= 3 and is_first_name(run[-2]) and run[-1].text[:1].isupper() and run[-1].is_alpha:
        return [(run[:-2], etype), (run[-2:], "PERSON")]
    return [(run, etype)]


def _candidate(tokens: list, etype: str, text: str) -> Cand | None:
    """One run of an NER span's tokens as a cleaned candidate mention, or None."""
    while tokens and tokens[0].tag_ in _WH:
        tokens = tokens[1:]  # a headline's "Which Clinton", "Why Trump"
    while tokens and (tokens[0].tag_ in _VERBISH or tokens[-1].tag_ in _VERBISH):
        # headline case drags verbs in: "Clark County Coroner Releases", "Will Brett"
        tokens = tokens[1:] if tokens[0].tag_ in _VERBISH else tokens[:-1]
    if not tokens:
        return None
    if etype == "PERSON":
        tokens = _with_surname(tokens)
    s, e = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    s, e = clean_span(text, s, e, keeps_saint(text[s:e], etype))
    if e <= s or not any(c.isalpha() for c in text[s:e]):
        return None
    if etype == "PERSON" and not any(c.isupper() for c in text[s:e]):
        return None  # a person named without a capital letter: "marijuana", "meteor"
    if "\n" in text[s:e] or _SITE_TERMS.search(text[s:e]):
        return None  # a line break inside, or a site's "Privacy Policy and Terms of Use"
    if is_web_address(text[s:e]):
        etype = "ORG"  # "Kath.net reports": the site, whatever NER took it for
    return Cand(s, e, text[s:e], etype, "ner")


def _word_before_name(tokens: list) -> bool:
    """Three words opening a sentence or inside a Title Case headline, the second a common
    first name and the first not: "Abuser Keith Ellison" (not "Allegra Lawrence-Hardy", nor
    "Mary Ann Jones")."""
    first = tokens[0]
    words = tokens[:-1] if tokens[-1].tag_ == "POS" else tokens  # "Abuser Keith Ellison's"
    opening = bool(first.is_sent_start) or (first.i > 0 and first.nbor(-1).text[:1].isupper())
    return len(words) == 3 and all(t.is_alpha for t in words) and opening and is_first_name(words[1]) and not is_first_name(first)


def _with_surname(tokens: list) -> list:
    """A person span without an owner in front ("Recode's Kara Swisher" is Kara Swisher),
    with the surname NER cut off ("Harrison | Weinhold told ..."): the capitalised proper
    noun right after it that the last token is a compound of, and with a common first name
    NER cut off before a two-word surname ("Debbie | Wasserman Schultz")."""
    owner = [k for k, t in enumerate(tokens[:-1]) if t.tag_ == "POS"]
    if owner:  # "Recode's Kara Swisher": the person, not her employer
        tokens = tokens[owner[-1] + 1 :]
    if _word_before_name(tokens):
        tokens = tokens[1:]  # "Abuser Keith Ellison", "Conservative Ben Shapiro": a word before the name
    first = tokens[0]
    before = first.nbor(-1) if first.i > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i in {t.i for t in tokens} and is_first_name(before) and not before.ent_type_:
        tokens = [before, *tokens]  # "On Monday, Debbie | Wasserman Schultz met": the first name NER cut off
    last = tokens[-1]
    head = last.head
    if last.dep_ == "compound" and head.i == last.i + 1 and head.pos_ == "PROPN" and head.text[:1].isupper() and not head.ent_type_:
        return [*tokens, head]
    return tokens
