"""Speaker rules added in issue 11, session 12 (each from an error on the tune articles of
ranks 106-125, and read on unannotated articles before it landed). Texts written for these
tests."""

from __future__ import annotations

from tests.test_quotes import quote_with, run


def test_a_second_speech_verb_the_parser_joined_to_the_reported_clause_shares_the_subject() -> None:
    a = run(
        "The union's leader, Maria Keller, confirmed that the members are planning a strike "
        "but denied that the talks had failed."
    )
    assert quote_with(a, "the talks had failed").speaker == "Maria Keller"
    assert quote_with(a, "planning a strike").speaker == "Maria Keller"
    b = run("Tom Reyes said that the mayor does not trust him and threatened to fire the staff.")
    assert quote_with(b, "the mayor does not trust him").speaker == "Tom Reyes"  # no clause of its own: not his cue


def test_the_acronym_who_in_capitals_is_the_organisation_not_a_pronoun() -> None:
    a = run(
        "The World Health Organization sent a team to the region. "
        "WHO said on Tuesday that the outbreak was spreading."
    )
    assert quote_with(a, "the outbreak was spreading").speaker == "World Health Organization"
