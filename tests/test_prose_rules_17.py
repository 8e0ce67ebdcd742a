"""Rules added in issue 11, session 17 (from errors on the tune articles, judged on two
development sets and the other tune batches before they landed). Texts written for these
tests."""

from __future__ import annotations

import pytest

from tests.test_quotes import run, said_by


def test_the_report_is_not_taken_for_the_last_report_issued() -> None:
    said = said_by(
        "Audit\n\nThe Senate committee released a report on the port contracts in May. "
        "Local papers covered the story for weeks. "
        "The report said the contracts had been signed without a tender."
    )
    assert said["the contracts had been signed without a tender"] is None


def test_one_or_two_quoted_words_outside_the_cues_clause_are_the_authors_term() -> None:
    said = said_by(
        "Budget talks\n\nThe press would no doubt consider such a bill \u201cunfair\u201d, as Senator Adam Ruiz "
        "pointed out. Senator Maria Lund called the plan a \u201cdisaster\u201d on Tuesday."
    )
    assert "unfair" not in said
    assert said["disaster"] == "Maria Lund"


def test_a_first_name_ner_left_out_is_part_of_the_name() -> None:
    a = run("Speech\n\nThousands came to hear Raheem Kassam. I\u2019m sure we have friends here, Kassam said.")
    assert {e.canonical for e in a.entities if e.type == "PERSON"} == {"Raheem Kassam"}
    assert {q.text: q.speaker for q in a.quotes} == {"I\u2019m sure we have friends here": "Raheem Kassam"}


def test_a_word_opening_a_sentence_is_no_first_name() -> None:
    a = run("Talks\n\nDonald Trump met the press. When Trump spoke, he said the talks had failed.")
    assert {e.canonical for e in a.entities if e.type == "PERSON"} == {"Donald Trump"}




# (what the rule says, text, a statement, its speaker, whether it is the text's only statement)
SPEAKERS = [
    pytest.param(
        "Hotel shooting\n\nThe Harbour Hotel Group issued a statement on Tuesday night. "
        "The statement said the gunman had fired from a window on the ninth floor.",
        "the gunman had fired from a window on the ninth floor",
        "Harbour Hotel Group",
        True,
        id="the_statement_is_said_by_whoever_issued_it",
    ),
    pytest.param(
        "Border case\n\nThe ruling came from Kritarch Patricia Ruiz of the district court. Critics say "
        "the kritarch now rules on border policy. Ruiz said the detention had broken the law.",
        "the detention had broken the law",
        "Patricia Ruiz",
        False,
        id="a_common_noun_glued_to_the_front_of_a_name_is_not_part_of_it",
    ),
    pytest.param(
        "Vatican letter\n\nPope Francis wrote to the bishops of Chile. Pope Francis met the "
        "victims in April, years after Pope Benedict had retired. Pope Francis apologised. "
        "The Pope said the church had failed the victims.",
        "the church had failed the victims",
        "Francis",
        False,
        id="the_pope_is_the_pope_the_article_names_most",
    ),
    pytest.param(
        "Compound search\n\nTaos County Sheriff Jerry Hogan led the search of the compound. "
        "The sheriff said eleven children had been found in the trailer.",
        "eleven children had been found in the trailer",
        "Jerry Hogan",
        True,
        id="the_sheriff_is_the_person_named_after_the_sheriffs_title",
    ),
    pytest.param(
        "Trade talks\n\nOn the trade deal, Premier Ana Silva insisted that Lisbon is preparing for such a "
        "\u201ccollapse,\u201d before delivering some harsh words for the negotiators.",
        "that Lisbon is preparing for such a \u201ccollapse",
        "Ana Silva",
        False,
        id="a_speakers_act_after_a_closing_quotation_mark_is_not_reported",
    ),
    pytest.param(
        "Casino timeline\n\nThe hotel is owned by MGM Resorts International, which runs four casinos. "
        "MGM said the timeline of the shooting was wrong.",
        "the timeline of the shooting was wrong",
        "MGM Resorts International",
        True,
        id="an_acronym_at_the_start_of_a_longer_company_name_is_that_company",
    ),
]


@pytest.mark.parametrize(("text", "statement", "speaker", "only"), SPEAKERS)
def test_the_statement_has_the_rules_speaker(text: str, statement: str, speaker: str, only: bool) -> None:
    said = said_by(text)
    assert said[statement] == speaker
    if only:
        assert set(said) == {statement}
