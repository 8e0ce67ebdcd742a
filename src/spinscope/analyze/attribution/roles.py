"""Role nouns: the words that describe a person by what they do ("the spokesman", "the
senator"), the abbreviated titles that stand for them ("Sen."), and which roles may name one
person ("the lawmaker" may be Senator X; "the professor" is not the student). Used by the
entity index, the speaker resolver and the coreference step."""

from __future__ import annotations

ROLE_NOUNS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "leader", "official", "minister", "president", "premier", "chief", "head", "commander", "secretary", "director", "chairman", "chairwoman", "general", "envoy", "ambassador", "representative", "deputy", "member", "lawmaker", "senator", "governor", "mayor", "analyst", "expert", "source", "adviser", "advisor", "aide", "officer", "cleric", "activist", "founder", "manager", "candidate", "prosecutor", "judge", "king", "prince", "author", "professor", "researcher", "speaker", "congressman", "congresswoman", "legislator", "attorney", "lawyer", "investigator", "diplomat", "coroner", "mp", "president", "commissioner", "organizer", "organiser", "witness", "eyewitness", "resident", "doctor", "cardinal", "bishop", "archbishop", "sheriff", "chancellor", "inspector", "pm"]
)

# abbreviated titles and the role nouns they stand for
ABBREVIATED = {
    "sen": ("senator",), "gov": ("governor",), "rep": ("congressman", "congresswoman", "representative", "lawmaker"),
    "gen": ("general",), "lt": ("lieutenant",), "col": ("colonel",), "sgt": ("sergeant",), "capt": ("captain",),
    "det": ("detective",), "prof": ("professor",), "atty": ("attorney",), "supt": ("superintendent",),
}


# plural staff of a place who speak unnamed ("U.S. officials said": not the country itself)
STAFF = frozenset({"official", "authority", "officer", "diplomat", "source", "investigator", "prosecutor", "expert", "analyst"})

# titles written as initials ("the IG said", "the PM said") and the title they stand for
TITLE_INITIALS = {"ig": "inspector general", "ag": "attorney general", "pm": "prime minister", "da": "district attorney"}


# role nouns that may name one person: "the lawmaker" may be Senator X, "the professor" is not the student
SAME_ROLE = (
    frozenset({"lawmaker", "senator", "congressman", "congresswoman", "representative", "legislator", "mp"}),
    frozenset({"lawyer", "attorney"}),
)


def may_be(lemma: str, roles: set[str]) -> bool:
    """A person given ``roles`` in the article may be "the <lemma>" (no role given: may be)."""
    if not roles or lemma in roles or lemma == "official":
        return True
    return any(lemma in group and roles & group for group in SAME_ROLE)
