"""Rules added in issue 11, session 20: reported speech inside a quotation ("“Ellison told the
crowd that ...,” the paper wrote" is Ellison's statement inside the paper's); "the Chinese
government" as China, "the Trump administration" by its gold name, "the Dallas police
department" as the force; "they" after one organisation quoted as no one named; "the plan
states" as the plan's named author; a body's "sources" as unnamed; "US Ambassador to the UN
Nikki Haley" as Haley; a word a headline puts before a name ("Abuser Keith Ellison") kept out
of it, a first name the parser cut off put back, and a name the parser made a second subject
beside a split "co-author" taken. Each was judged on two development sets
and the tune batches before it landed. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.test_quotes import run, said_by

SPEAKERS = [
    # reported speech inside a quotation: a statement of its own, by a named inner subject
    pytest.param(
        "Rally\n\nKeith Ellison spoke at the rally on Sunday. The Pioneer Press wrote: “Ellison told the "
        "crowd that the police union is frightening voters to get more officers hired.”",
        "that the police union is frightening voters to get more officers hired",
        "Keith Ellison",
        id="reported_speech_inside_a_quotation_is_the_inner_speakers",
    ),
    pytest.param(
        "Rally\n\nKeith Ellison spoke at the rally on Sunday. The Pioneer Press wrote: “Ellison told the "
        "crowd that the police union is frightening voters to get more officers hired.”",
        "Ellison told the crowd that the police union is frightening voters to get more officers hired",
        "Pioneer Press",
        id="the_quotation_around_it_stays_the_outer_speakers",
    ),
    # "the <nationality> government": the country the article names
    pytest.param(
        "Embassy\n\nChina opened an inquiry on Monday. The Chinese government said that the staff had not been harmed.",
        "that the staff had not been harmed",
        "China",
        id="the_chinese_government_is_china",
    ),
    pytest.param(
        "Embassy\n\nAustralia opened an inquiry on Monday. The Austrian government said that the staff had not been harmed.",
        "that the staff had not been harmed",
        None,
        id="an_adjective_of_another_country_is_not_the_place_named",
    ),
    pytest.param(
        "Embassy\n\nThe embassy opened an inquiry on Monday. The Canadian government said that the staff had not been harmed.",
        "that the staff had not been harmed",
        None,
        id="a_country_the_article_never_names_stays_unnamed",
    ),
    # "the Trump administration" and the "administration" that refers back to it
    pytest.param(
        "Press pass\n\nDonald Trump met reporters on Friday. The Trump administration said that the pass had been restored.",
        "that the pass had been restored",
        "Trump administration",
        id="a_persons_administration_is_not_the_person",
    ),
    pytest.param(
        "Press pass\n\nDonald Trump met reporters on Friday. The Trump administration restored the pass on Monday. "
        "The White House did not comment. Later, the administration said that the rules would be written down.",
        "that the rules would be written down",
        "Trump administration",
        id="the_administration_is_the_administration_named_before",
    ),
    # "the plan states": the plan whose author the article named ("authored by X")
    pytest.param(
        "Port\n\nThe plan, authored by the Harbour Policy Group, was leaked on Monday. "
        "The plan states that the port will be sold within a year.",
        "that the port will be sold within a year",
        "Harbour Policy Group",
        id="a_message_authored_by_someone_is_theirs_when_named_again",
    ),
    pytest.param(
        "Port\n\nThe plan was leaked on Monday. The plan states that the port will be sold within a year.",
        "that the port will be sold within a year",
        None,
        id="a_message_no_one_is_named_as_writing_stays_unnamed",
    ),
    # "they" after one organisation quoted is not that organisation; after a group it is
    pytest.param(
        "March\n\nABC News reported that the march had been peaceful. They said that the organisers had asked for calm.",
        "that the organisers had asked for calm",
        None,
        id="they_after_one_organisation_is_no_one_named",
    ),
    pytest.param(
        "March\n\nABC News reported that the march had been peaceful. It said that the organisers had asked for calm.",
        "that the organisers had asked for calm",
        "ABC News",
        id="it_after_one_organisation_is_that_organisation",
    ),
    pytest.param(
        "Budget\n\nSenate Democrats said that the bill was dead. They said that the vote would fail.",
        "that the vote would fail",
        "Democrats",
        id="they_after_a_group_is_that_group",
    ),
    # sources and experts of a body or a country speak unnamed; its officials speak for it
    pytest.param(
        "Vote\n\nThe House voted on Monday. House sources said that the vote had been close.",
        "that the vote had been close",
        None,
        id="a_bodys_sources_are_unnamed",
    ),
    pytest.param(
        "Missile\n\nThe United States tested a missile. US experts said that the missile could reach Alaska.",
        "that the missile could reach Alaska",
        None,
        id="a_countrys_experts_are_unnamed",
    ),
    pytest.param(
        "Deported\n\nICE detained him on Monday. ICE officials said that he had been deported twice.",
        "that he had been deported twice",
        "ICE",
        id="a_bodys_officials_speak_for_it",
    ),
    # "the Dallas police department" is the force, and "the department" after it too
    pytest.param(
        "Fired\n\nOn Monday, the Dallas police department announced that the officer had been fired. "
        "The department then noted that she could appeal.",
        "that she could appeal",
        "Dallas Police Department",
        id="the_department_is_the_police_department_quoted_before",
    ),
    # a title before a name: the named person speaks, not the place or body in the title
    pytest.param(
        "Deal\n\nThe talks ended on Monday. US Ambassador to the UN Nikki Haley, a critic of the deal, "
        "told reporters that the US intends to remain in the deal.",
        "that the US intends to remain in the deal",
        "Nikki Haley",
        id="a_title_before_a_name_is_the_named_person",
    ),
    pytest.param(
        "Deal\n\nThe talks ended on Monday. An adviser to President Donald Trump said that the deal was dead.",
        "that the deal was dead",
        None,
        id="an_adviser_to_someone_is_not_that_someone",
    ),
    # a hyphenated noun the parser split ("co | - | author") does not hide the named subject
    pytest.param(
        "Letter\n\nThe talks ended. The co-author of the letter, Thomas Goldstein, said that there was no chance.",
        "that there was no chance",
        "Thomas Goldstein",
        id="a_split_hyphenated_noun_does_not_hide_the_name",
    ),
    # a word a headline or a sentence's start puts before a name is not part of the name
    pytest.param(
        "Accused Woman Abuser Keith Ellison Asks For Inquiry\n\nKeith Ellison said on Monday that he welcomed an inquiry.",
        "that he welcomed an inquiry",
        "Keith Ellison",
        id="a_headlines_word_before_a_name_is_not_the_name",
    ),
]


@pytest.mark.parametrize(("text", "statement", "speaker"), SPEAKERS)
def test_the_statement_has_the_rules_speaker(text: str, statement: str, speaker: str | None) -> None:
    assert said_by(text)[statement] == speaker


@pytest.mark.parametrize(
    "inner",
    [
        pytest.param("I said that the assignment was not acceptable for my daughter at all", id="the_speaker_herself"),
        pytest.param("He said that the assignment was not acceptable for my daughter at all", id="a_pronoun"),
    ],
)
def test_a_pronoun_inside_a_quotation_opens_no_statement(inner: str) -> None:
    a = run(f"School\n\nRich Penkoski was angry. “{inner},” Penkoski said.")
    assert [(q.kind, q.text, q.speaker) for q in a.quotes] == [("direct", inner, "Rich Penkoski")]


@pytest.mark.parametrize(
    "headline",
    ["Accused Woman Abuser Keith Ellison Asks For Inquiry", "Paper Sues To Unseal Accused Woman Abuser Keith Ellison's Records"],
)
def test_a_headlines_word_before_a_name_leaves_one_actor(headline: str) -> None:
    a = run(f"{headline}\n\nKeith Ellison said on Monday that he welcomed an inquiry.")
    assert [e.canonical for e in a.entities if e.type == "PERSON"] == ["Keith Ellison"]


def test_a_first_name_the_parser_cut_off_joins_the_name() -> None:
    a = run("Party\n\nOn Monday, Debbie Wasserman Schultz met the staff. Later, Wasserman Schultz said that the staff had been paid.")
    assert [e.canonical for e in a.entities if e.type == "PERSON"] == ["Debbie Wasserman Schultz"]
    assert said_by(a.text)["that the staff had been paid"] == "Debbie Wasserman Schultz"


def test_an_organisations_span_ending_in_a_persons_name_is_both() -> None:
    a = run("Deal\n\nThe talks ended on Monday. US Ambassador to the UN Nikki Haley, a critic of the deal, spoke to reporters.")
    assert {(e.canonical, e.type) for e in a.entities} >= {("United Nations", "ORG"), ("Nikki Haley", "PERSON")}


def test_a_name_of_two_first_names_keeps_both() -> None:
    a = run("Campaign\n\nOn Monday, Mary Ann Jones said that the campaign would go to court.")
    assert [e.canonical for e in a.entities if e.type == "PERSON"] == ["Mary Ann Jones"]
